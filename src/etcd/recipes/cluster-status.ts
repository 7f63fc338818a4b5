// `ectl status`'s gathering: the members from the member list, each asked in parallel through a
// client of its own (Status, then a timed linearizable read as etcdctl's health check does), and
// the cluster's alarms; a member that cannot be asked is kept, with the reason.
import type { EtcdClient } from '../client.js';
import { isEtcdError, plainMessage } from '../errors.js';
import { healthKey, raisedAlarmName } from '../health.js';
import type { AlarmMember, Member, StatusResponse } from '../proto/gen/messages.js';

/** What was learnt of one member. */
export interface MemberState {
  member: Member;
  /** The client URL asked ('' when the member has none: not started yet). */
  endpoint: string;
  status?: StatusResponse;
  /** Milliseconds the health read took. */
  latencyMs?: number;
  /** Alarm names raised on this member (NOSPACE, CORRUPT). */
  alarms: string[];
  /** Why it is not healthy; '' when it is. */
  problem: string;
  /** Whether it answered Status at all. */
  reachable: boolean;
}

/** The cluster at a glance. */
export interface ClusterState {
  clusterId: bigint;
  /** The leader's member ID as the members report it (0: none known). */
  leader: bigint;
  members: MemberState[];
}

/** How clients are obtained (per-endpoint.ts's EndpointClients fits). */
export interface StatusClients {
  configured(): Promise<EtcdClient>;
  one(endpoint: string): Promise<EtcdClient>;
}

/**
 * Asks the cluster for its members, then every member in parallel; each call ends by `deadline()`
 * (a fresh deadline per call), and `now()` times the health read. `cause` words a failure.
 */
export async function clusterStatus(
  clients: StatusClients,
  deadline: () => number,
  now: () => number,
  cause: (err: unknown) => string,
): Promise<ClusterState> {
  const client = await clients.configured();
  try {
    // Serializable: a member that lost its quorum still knows the members (and says so below).
    const call = () => ({ deadline: deadline(), idempotent: true });
    const list = await client.unary('Cluster.MemberList', { linearizable: false }, call());
    // The alarm list needs a quorum: asked alongside the members, never waited for longer.
    const alarms = client
      .unary('Maintenance.Alarm', { action: 0 }, call())
      .then((r) => r.alarms)
      .catch(() => [] as AlarmMember[]); // not allowed (auth) or not answered
    const states = await Promise.all(
      list.members.map((m) => memberState(clients, m, alarms, deadline, now, cause)),
    );
    const leaders = states.map((s) => s.status?.leader ?? 0n).filter((l) => l !== 0n);
    return { clusterId: list.header?.cluster_id ?? 0n, leader: leaders[0] ?? 0n, members: states };
  } finally {
    client.close();
  }
}

async function memberState(
  clients: StatusClients,
  member: Member,
  alarmList: Promise<readonly AlarmMember[]>,
  deadline: () => number,
  now: () => number,
  cause: (err: unknown) => string,
): Promise<MemberState> {
  const endpoint = member.clientURLs[0] ?? '';
  const state: MemberState = { member, endpoint, alarms: [], problem: '', reachable: false };
  if (!endpoint) return { ...state, problem: 'not started (no client URL yet)' };
  let client: EtcdClient;
  try {
    client = await clients.one(endpoint);
  } catch (err) {
    return { ...state, problem: plainMessage(err) };
  }
  try {
    const call = () => ({ deadline: deadline(), idempotent: true });
    try {
      state.status = await client.unary('Maintenance.Status', {}, call());
      state.reachable = true;
    } catch (err) {
      return { ...state, problem: cause(err) || plainMessage(err) };
    }
    // Without a leader the read would only wait for its deadline.
    if (state.status.leader !== 0n) {
      const started = now();
      try {
        await client.unary('KV.Range', { key: healthKey }, call());
      } catch (err) {
        if (!isEtcdError(err, 'permission-denied')) state.problem = cause(err) || plainMessage(err);
      }
      state.latencyMs = now() - started;
    }
    state.alarms = (await alarmList)
      .filter((a) => a.memberID === member.ID)
      .map((a) => raisedAlarmName(a.alarm) ?? `${a.alarm}`);
    if (!state.problem) state.problem = statusProblem(state.status, state.alarms);
    return state;
  } finally {
    client.close();
  }
}

/** What a member's own status says is wrong ('' when nothing). */
export function statusProblem(status: StatusResponse, alarms: readonly string[]): string {
  if (status.leader === 0n) return 'no leader';
  if (alarms.length > 0) return `alarm ${alarms.join(', ')}`;
  if (status.errors.length > 0) return status.errors.join('; ');
  return '';
}
