// The gRPC half of a diagnosis of one endpoint, through ectl's client: reachability and version
// (Maintenance.Status), leader, raft indexes, authentication, alarms and the database size.
import type { EtcdClient } from '../etcd/client.js';
import { isEtcdError, plainMessage } from '../etcd/errors.js';
import { raisedAlarmName } from '../etcd/health.js';
import type { AlarmMember, StatusResponse } from '../etcd/proto/gen/messages.js';
import { type Check, fail, ok, skip, warn } from './check.js';
import { authChecks, type AuthInput } from './auth.js';
import { dbCheck } from './judge-cluster.js';
import { hexUint64 } from '../units.js';

/** What the gRPC checks are given. */
export interface GrpcOptions extends AuthInput {
  /** Epoch ms by which every call must be answered. */
  deadline: number;
  now(): number;
}

/** The checks, and the member's status for the checks across members. */
export interface GrpcFindings {
  checks: Check[];
  status?: StatusResponse;
}

// Entries a member may have committed but not applied before it is worth a warning; etcd itself
// refuses requests at 5000 (maxGapBetweenApplyAndCommitIndex).
const APPLY_GAP_WARNING = 1000;
const ALARM_HINTS: Record<number, string> = {
  1: 'free space (ectl compaction <rev>, then ectl defrag), or raise --quota-backend-bytes; then run ectl alarm disarm',
  2: "a member's data differs from the others (ectl endpoint hashkv --cluster): replace that member from a healthy one",
};

/** Runs the gRPC checks of one endpoint through `client` (a client of that endpoint alone). */
export async function grpcChecks(client: EtcdClient, o: GrpcOptions): Promise<GrpcFindings> {
  const call = (metadata: Record<string, string> = {}) => ({
    deadline: o.deadline,
    idempotent: true,
    metadata,
  });
  const checks: Check[] = [];
  const started = o.now();
  let status: StatusResponse;
  try {
    status = await client.connection.unary<StatusResponse>('Maintenance.Status', {}, call());
  } catch (err) {
    checks.push(
      fail(
        'grpc',
        `Status failed: ${plainMessage(err)}`,
        isEtcdError(err, 'deadline')
          ? 'the server accepted the connection but did not answer in time: is it overloaded, or is this another gRPC service?'
          : 'see the error; ectl --debug endpoint status shows the exchange',
      ),
    );
    return { checks };
  }
  const ms = Math.max(1, Math.round(o.now() - started));
  checks.push(
    ok(
      'grpc',
      `etcd ${status.version}, member ${hexUint64(status.header?.member_id ?? 0n)}, ${ms} ms`,
    ),
  );
  checks.push(leaderCheck(status));
  checks.push(applyCheck(status));
  const auth = await authChecks(client, o, call);
  checks.push(...auth.checks);
  checks.push(await alarmCheck(client, call(auth.metadata)));
  checks.push(dbCheck(status));
  return { checks, status };
}

function leaderCheck(status: StatusResponse): Check {
  const self = status.header?.member_id ?? 0n;
  if (status.leader === 0n)
    return fail(
      'leader',
      `no leader${status.errors.length ? ` (${status.errors.join('; ')})` : ''}`,
      'a majority of the members must run and reach each other on their peer URLs (port 2380): start the stopped members (ectl status shows them)',
    );
  const me = status.leader === self ? ' (this member)' : '';
  return ok('leader', `${hexUint64(status.leader)}${me}, term ${status.raftTerm}`);
}

function applyCheck(status: StatusResponse): Check {
  const gap = status.raftIndex - status.raftAppliedIndex;
  const detail = `index ${status.raftIndex}, applied ${status.raftAppliedIndex}`;
  if (status.raftAppliedIndex > 0n && gap > BigInt(APPLY_GAP_WARNING))
    return warn(
      'raft',
      `${detail} (${gap} behind)`,
      'the member applies slowly: check its disk (fsync latency) and CPU',
    );
  return ok('raft', detail);
}

async function alarmCheck(
  client: EtcdClient,
  call: { deadline: number; idempotent: boolean; metadata: Record<string, string> },
): Promise<Check> {
  let alarms: AlarmMember[];
  try {
    ({ alarms } = await client.connection.unary<{ alarms: AlarmMember[] }>(
      'Maintenance.Alarm',
      { action: 0 },
      call,
    ));
  } catch (err) {
    return skip('alarms', `cannot list the alarms: ${plainMessage(err)}`);
  }
  if (alarms.length === 0) return ok('alarms', 'none');
  const names = alarms.map(
    (a) => `${raisedAlarmName(a.alarm) ?? `alarm ${a.alarm}`} on ${hexUint64(a.memberID)}`,
  );
  const hints = [...new Set(alarms.map((a) => ALARM_HINTS[a.alarm] ?? ''))].filter(Boolean);
  return fail('alarms', names.join(', '), hints.join('; '));
}
