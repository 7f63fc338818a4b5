// The unary RPCs of etcd's v3 API with their request and response types, so calls are typed end to
// end; paths and codecs come from the generated schema.
import type * as M from './gen/messages.js';

/** Unary methods by `<Service>.<Method>`: [request, response]. */
export interface UnaryMethods {
  'KV.Range': [M.RangeRequest, M.RangeResponse];
  'KV.Put': [M.PutRequest, M.PutResponse];
  'KV.DeleteRange': [M.DeleteRangeRequest, M.DeleteRangeResponse];
  'KV.Txn': [M.TxnRequest, M.TxnResponse];
  'KV.Compact': [M.CompactionRequest, M.CompactionResponse];
  'Lease.LeaseGrant': [M.LeaseGrantRequest, M.LeaseGrantResponse];
  'Lease.LeaseRevoke': [M.LeaseRevokeRequest, M.LeaseRevokeResponse];
  'Lease.LeaseTimeToLive': [M.LeaseTimeToLiveRequest, M.LeaseTimeToLiveResponse];
  'Lease.LeaseLeases': [M.LeaseLeasesRequest, M.LeaseLeasesResponse];
  'Cluster.MemberAdd': [M.MemberAddRequest, M.MemberAddResponse];
  'Cluster.MemberRemove': [M.MemberRemoveRequest, M.MemberRemoveResponse];
  'Cluster.MemberUpdate': [M.MemberUpdateRequest, M.MemberUpdateResponse];
  'Cluster.MemberList': [M.MemberListRequest, M.MemberListResponse];
  'Cluster.MemberPromote': [M.MemberPromoteRequest, M.MemberPromoteResponse];
  'Maintenance.Alarm': [M.AlarmRequest, M.AlarmResponse];
  'Maintenance.Status': [M.StatusRequest, M.StatusResponse];
  'Maintenance.Defragment': [M.DefragmentRequest, M.DefragmentResponse];
  'Maintenance.Hash': [M.HashRequest, M.HashResponse];
  'Maintenance.HashKV': [M.HashKVRequest, M.HashKVResponse];
  'Maintenance.MoveLeader': [M.MoveLeaderRequest, M.MoveLeaderResponse];
  'Maintenance.Downgrade': [M.DowngradeRequest, M.DowngradeResponse];
  'Auth.AuthEnable': [M.AuthEnableRequest, M.AuthEnableResponse];
  'Auth.AuthDisable': [M.AuthDisableRequest, M.AuthDisableResponse];
  'Auth.AuthStatus': [M.AuthStatusRequest, M.AuthStatusResponse];
  'Auth.Authenticate': [M.AuthenticateRequest, M.AuthenticateResponse];
  'Auth.UserAdd': [M.AuthUserAddRequest, M.AuthUserAddResponse];
  'Auth.UserGet': [M.AuthUserGetRequest, M.AuthUserGetResponse];
  'Auth.UserList': [M.AuthUserListRequest, M.AuthUserListResponse];
  'Auth.UserDelete': [M.AuthUserDeleteRequest, M.AuthUserDeleteResponse];
  'Auth.UserChangePassword': [M.AuthUserChangePasswordRequest, M.AuthUserChangePasswordResponse];
  'Auth.UserGrantRole': [M.AuthUserGrantRoleRequest, M.AuthUserGrantRoleResponse];
  'Auth.UserRevokeRole': [M.AuthUserRevokeRoleRequest, M.AuthUserRevokeRoleResponse];
  'Auth.RoleAdd': [M.AuthRoleAddRequest, M.AuthRoleAddResponse];
  'Auth.RoleGet': [M.AuthRoleGetRequest, M.AuthRoleGetResponse];
  'Auth.RoleList': [M.AuthRoleListRequest, M.AuthRoleListResponse];
  'Auth.RoleDelete': [M.AuthRoleDeleteRequest, M.AuthRoleDeleteResponse];
  'Auth.RoleGrantPermission': [M.AuthRoleGrantPermissionRequest, M.AuthRoleGrantPermissionResponse];
  'Auth.RoleRevokePermission': [
    M.AuthRoleRevokePermissionRequest,
    M.AuthRoleRevokePermissionResponse,
  ];
}

export type UnaryMethod = keyof UnaryMethods;
export type RequestOf<K extends UnaryMethod> = UnaryMethods[K][0];
export type ResponseOf<K extends UnaryMethod> = UnaryMethods[K][1];
