// member list and endpoint health|status|hashkv -o (README "Output for scripts"): member and
// cluster IDs as 16-digit hex, sizes and indexes as numbers, one record per member or endpoint
// (NDJSON: one a line).
import type {
  HashKVResponse,
  MemberListResponse,
  StatusResponse,
} from '../../etcd/proto/gen/messages.js';
import type { EpHealth } from '../endpoint.js';
import type { ScriptValue } from './encode.js';
import { hexUint64 } from '../../units.js';
import type { ScriptView } from './render.js';

/** `{cluster_id, member_id, members: [{id, name, started, peer_urls, client_urls, is_learner}]}`. */
export function memberListView(resp: MemberListResponse): ScriptView {
  const members = resp.members.map((m) => ({
    id: hexUint64(m.ID),
    name: m.name,
    // An added member has no name until it starts (simple: "unstarted").
    started: m.name !== '',
    peer_urls: m.peerURLs,
    client_urls: m.clientURLs,
    is_learner: m.isLearner,
  }));
  const h = resp.header;
  return {
    doc: {
      cluster_id: hexUint64(h?.cluster_id ?? 0n),
      member_id: hexUint64(h?.member_id ?? 0n),
      members,
    },
    rows: members,
  };
}

/** One endpoint's answer, or why there is none (the `error` of a record). */
export type EndpointOutcome<R> = { ep: string; resp: R } | { ep: string; error: string };

function endpointsView<R>(
  list: readonly EndpointOutcome<R>[],
  record: (resp: R) => Record<string, ScriptValue>,
): ScriptView {
  const rows = list.map((o) =>
    'resp' in o ? { endpoint: o.ep, ...record(o.resp) } : { endpoint: o.ep, error: o.error },
  );
  return { doc: { endpoints: rows }, rows };
}

/** endpoint status: `{endpoints: [{endpoint, id, cluster_id, revision, version, ...}]}`. */
export function statusView(list: readonly EndpointOutcome<StatusResponse>[]): ScriptView {
  return endpointsView(list, (r) => {
    const member = r.header?.member_id ?? 0n;
    return {
      id: hexUint64(member),
      cluster_id: hexUint64(r.header?.cluster_id ?? 0n),
      revision: r.header?.revision ?? 0n,
      version: r.version,
      // 3.6+ servers only: left out when a 3.4 or 3.5 server does not say.
      ...(r.storageVersion ? { storage_version: r.storageVersion } : {}),
      db_size: r.dbSize,
      db_size_in_use: r.dbSizeInUse,
      ...(r.dbSizeQuota ? { db_size_quota: r.dbSizeQuota } : {}),
      leader: hexUint64(r.leader),
      is_leader: r.leader === member,
      is_learner: r.isLearner,
      raft_term: r.raftTerm,
      raft_index: r.raftIndex,
      raft_applied_index: r.raftAppliedIndex,
      errors: r.errors,
    };
  });
}

/** endpoint hashkv: `{endpoints: [{endpoint, hash, hash_revision, compact_revision}]}`. */
export function hashKVView(list: readonly EndpointOutcome<HashKVResponse>[]): ScriptView {
  return endpointsView(list, (r) => ({
    hash: r.hash,
    hash_revision: r.hash_revision,
    compact_revision: r.compact_revision,
  }));
}

/** endpoint health: `{endpoints: [{endpoint, health, took, error?}]}` (took: a Go duration). */
export function healthView(list: readonly EpHealth[]): ScriptView {
  const rows = list.map((h) => ({
    endpoint: h.ep,
    health: h.health,
    ...(h.took ? { took: h.took } : {}),
    ...(h.error ? { error: h.cause ? `${h.error} (${h.cause})` : h.error } : {}),
  }));
  return { doc: { endpoints: rows }, rows };
}
