// `ectl status`'s gathering: the members from the member list, each asked in parallel through a
// client of its own (Status, then a timed linearizable read as etcdctl's health check does), and
// the cluster's alarms; a member that cannot be asked is kept, with the reason.
import type { EtcdClient } from '../client.js';
import { isEtcdError, plainMessage } from '../errors.js';
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

const ALARMS: Record<number, string> = { 1: 'NOSPACE', 2: 'CORRUPT' };
const healthKey = new TextEncoder().encode('health');

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
  let members: Member[];
  let clusterId: bigint;
  let alarms: AlarmMember[] = [];
  try {
    const call = { deadline: deadline(), idempotent: true };
    const list = await client.unary('Cluster.MemberList', { linearizable: true }, call);
    members = list.members;
    clusterId = list.header?.cluster_id ?? 0n;
    try {
      ({ alarms } = await client.unary('Maintenance.Alarm', { action: 0 }, call));
    } catch {
      // Not allowed (auth) or not answered: the members' own status still shows most of it.
    }
  } finally {
    client.close();
  }
  const states = await Promise.all(
    members.map((m) => memberState(clients, m, alarms, deadline, now, cause)),
  );
  const leaders = states.map((s) => s.status?.leader ?? 0n).filter((l) => l !== 0n);
  return { clusterId, leader: leaders[0] ?? 0n, members: states };
}

async function memberState(
  clients: StatusClients,
  member: Member,
  alarms: readonly AlarmMember[],
  deadline: () => number,
  now: () => number,
  cause: (err: unknown) => string,
): Promise<MemberState> {
  const endpoint = member.clientURLs[0] ?? '';
  const own = alarms
    .filter((a) => a.memberID === member.ID)
    .map((a) => ALARMS[a.alarm] ?? `${a.alarm}`);
  const state: MemberState = { member, endpoint, alarms: own, problem: '', reachable: false };
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
    const started = now();
    try {
      await client.unary('KV.Range', { key: healthKey }, call());
    } catch (err) {
      if (!isEtcdError(err, 'permission-denied')) state.problem = cause(err) || plainMessage(err);
    }
    state.latencyMs = now() - started;
    if (!state.problem) state.problem = statusProblem(state.status, own);
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
