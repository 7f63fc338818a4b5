// Judgements that need numbers only: the database size against its quota, and how far each member's
// raft index trails the most advanced one. Pure functions, so every threshold is unit-tested.
import type { StatusResponse } from '../etcd/proto/gen/messages.js';
import { type Check, fail, ok, warn } from './check.js';
import { iecScale } from '../units.js';

/** Members this far behind the most advanced one get a warning, and fail at LAG_FAIL. */
export const LAG_WARN = 1000n;
export const LAG_FAIL = 5000n;
/** etcd's default quota (2 GiB), which applies when a 3.4/3.5 server does not report its own. */
const DEFAULT_QUOTA = 2n * 1024n * 1024n * 1024n;

/** Bytes in IEC units with one decimal ("25.4 MiB"). */
export function bytesText(n: bigint): string {
  const { value, unit } = iecScale(n);
  return unit === 'B' ? `${value} B` : `${value.toFixed(1)} ${unit}`;
}

/** The database size against the quota; a server that does not report its quota (< 3.6) says so. */
export function dbCheck(s: Pick<StatusResponse, 'dbSize' | 'dbSizeInUse' | 'dbSizeQuota'>): Check {
  const size = `${bytesText(s.dbSize)}${s.dbSizeInUse > 0n ? ` (in use ${bytesText(s.dbSizeInUse)})` : ''}`;
  const fix =
    'compact old revisions (ectl compaction <rev>) and defragment (ectl defrag), or raise --quota-backend-bytes';
  if (s.dbSizeQuota <= 0n) {
    // Without a reported quota only the default can be compared against.
    const pct = Number((s.dbSize * 1000n) / DEFAULT_QUOTA) / 10;
    const detail = `${size}; quota unknown (the server does not report it before etcd 3.6)`;
    return pct >= 80
      ? warn('db size', `${detail}, ${pct}% of the default 2 GiB`, fix)
      : ok('db size', detail);
  }
  const pct = Number((s.dbSize * 1000n) / s.dbSizeQuota) / 10;
  const detail = `${size} of ${bytesText(s.dbSizeQuota)} quota (${pct}%)`;
  if (pct >= 100) return fail('db size', detail, fix);
  if (pct >= 80) return warn('db size', detail, fix);
  return ok('db size', detail);
}

/**
 * For each endpoint's status (undefined: it did not answer), the check of how far its raft index
 * trails the most advanced member of its cluster; undefined where there is nothing to compare.
 */
export function lagChecks(
  statuses: readonly (StatusResponse | undefined)[],
): (Check | undefined)[] {
  const clusterOf = (s: StatusResponse) => s.header?.cluster_id ?? 0n;
  const top = new Map<bigint, bigint>();
  const count = new Map<bigint, number>();
  for (const s of statuses) {
    if (!s) continue;
    const id = clusterOf(s);
    count.set(id, (count.get(id) ?? 0) + 1);
    if (s.raftIndex > (top.get(id) ?? 0n)) top.set(id, s.raftIndex);
  }
  return statuses.map((s) => {
    if (!s || (count.get(clusterOf(s)) ?? 0) < 2) return undefined;
    const lag = top.get(clusterOf(s))! - s.raftIndex;
    const detail =
      lag === 0n
        ? 'up to date with the other members'
        : `${lag} entries behind the most advanced member`;
    const fix = 'the member falls behind: check its disk, its network to the leader, and its log';
    if (lag >= LAG_FAIL) return fail('raft lag', detail, fix);
    if (lag >= LAG_WARN) return warn('raft lag', detail, fix);
    return ok('raft lag', detail);
  });
}
