// Printers of `auth status` and the `user` commands, as etcdctl main's printer_*.go: simple
// sentences naming the user and role, the bare header in fields (user get/list and auth status
// have no fields printer: "not supported"), the response message in json and protobuf. No table.
import type {
  AuthStatusResponse,
  AuthUserGetResponse,
  AuthUserListResponse,
  MessageTypes,
  ResponseHeader,
} from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import { fieldsHeader, type PrintOptions } from './kv.js';
import type { Part, Printer, PrinterSet } from './print.js';
import { toJson } from './json.js';

/** The printers of one response kind whose printers also get the names etcdctl echoes (`A`). */
export type NamedPrinters<R, A> = PrinterSet<Printer<R, PrintOptions & A>>;

/** json and protobuf print the response message itself (printerRPC). */
function message<K extends keyof MessageTypes>(type: K): NamedPrinters<MessageTypes[K], object> {
  return {
    json: (r) => `${toJson(type, r)}\n`,
    protobuf: (r) => encode(type, r as never),
  };
}

/**
 * The printers of a response that carries nothing but its header: simple prints etcdctl's
 * sentence, fields the header block, json and protobuf the message.
 */
export function headerOnly<K extends keyof MessageTypes, A>(
  type: K,
  sentence: (names: A) => Part,
): NamedPrinters<MessageTypes[K] & { header?: ResponseHeader }, A> {
  return {
    ...message(type),
    simple: (_r, o) => sentence(o),
    fields: (r, o) => fieldsHeader(r.header, o),
  };
}

/** `auth status`: `Authentication Status: true` and `AuthRevision: N` (main, 3.5+). */
export const authStatusPrinters: NamedPrinters<AuthStatusResponse, object> = {
  ...message('AuthStatusResponse'),
  simple: (r) => `Authentication Status: ${r.enabled}\nAuthRevision: ${r.authRevision}\n`,
};

type User = { user: string };
type UserRole = { user: string; role: string };

/** `user add`: `User alice created`. */
export const userAddPrinters = headerOnly<'AuthUserAddResponse', User>(
  'AuthUserAddResponse',
  ({ user }) => `User ${user} created\n`,
);

/** `user delete`: `User alice deleted`. */
export const userDeletePrinters = headerOnly<'AuthUserDeleteResponse', User>(
  'AuthUserDeleteResponse',
  ({ user }) => `User ${user} deleted\n`,
);

/** `user passwd`: `Password updated`. */
export const userPasswdPrinters = headerOnly<'AuthUserChangePasswordResponse', object>(
  'AuthUserChangePasswordResponse',
  () => 'Password updated\n',
);

/** `user grant-role`: `Role r1 is granted to user alice`. */
export const userGrantRolePrinters = headerOnly<'AuthUserGrantRoleResponse', UserRole>(
  'AuthUserGrantRoleResponse',
  ({ user, role }) => `Role ${role} is granted to user ${user}\n`,
);

/** `user revoke-role`: `Role r1 is revoked from user alice`. */
export const userRevokeRolePrinters = headerOnly<'AuthUserRevokeRoleResponse', UserRole>(
  'AuthUserRevokeRoleResponse',
  ({ user, role }) => `Role ${role} is revoked from user ${user}\n`,
);

/** `user get` (without --detail): `User: alice` and `Roles: r1 r2` (`Roles:` alone when none). */
export const userGetPrinters: NamedPrinters<AuthUserGetResponse, User> = {
  ...message('AuthUserGetResponse'),
  simple: (r, { user }) => `User: ${user}\nRoles:${r.roles.map((role) => ` ${role}`).join('')}\n`,
};

/** `user list`: one name per line, in the server's (sorted) order. */
export const userListPrinters: NamedPrinters<AuthUserListResponse, object> = {
  ...message('AuthUserListResponse'),
  simple: (r) => r.users.map((u) => `${u}\n`).join(''),
};
