// `ectl status -o json|yaml|ndjson`: the cluster as a document, one record per member; fields a
// server did not report are null (not 0), IDs are 16-digit hex strings, sizes and indexes numbers.
import type { ClusterState, MemberState } from '../../etcd/recipes/cluster-status.js';
import type { ScriptValue } from './encode.js';
import { hexUint64 } from '../../units.js';
import type { ScriptView } from './render.js';

function memberRecord(m: MemberState, leader: bigint): Record<string, ScriptValue> {
  const s = m.status;
  const healthy = m.reachable && m.problem === '';
  return {
    name: m.member.name,
    id: hexUint64(m.member.ID),
    endpoint: m.endpoint,
    client_urls: m.member.clientURLs,
    peer_urls: m.member.peerURLs,
    is_leader: leader !== 0n && m.member.ID === leader,
    is_learner: m.member.isLearner,
    health: !m.reachable ? 'unreachable' : healthy ? 'healthy' : 'unhealthy',
    problem: m.problem || null,
    version: s?.version || null,
    storage_version: s?.storageVersion || null,
    db_size: s ? s.dbSize : null,
    db_size_in_use: s && s.dbSizeInUse > 0n ? s.dbSizeInUse : null,
    db_size_quota: s && s.dbSizeQuota > 0n ? s.dbSizeQuota : null,
    raft_term: s ? s.raftTerm : null,
    raft_index: s ? s.raftIndex : null,
    raft_applied_index: s && s.raftAppliedIndex > 0n ? s.raftAppliedIndex : null,
    applied_lag: s && s.raftAppliedIndex > 0n ? s.raftIndex - s.raftAppliedIndex : null,
    alarms: m.alarms,
    errors: s ? s.errors : [],
    latency_ms: m.latencyMs === undefined ? null : Math.round(m.latencyMs * 1000) / 1000,
  };
}

/** The script view of a cluster's state: the document, and one NDJSON row per member. */
export function statusView(state: ClusterState): ScriptView {
  const members = state.members.map((m) => memberRecord(m, state.leader));
  return {
    doc: {
      cluster_id: hexUint64(state.clusterId),
      leader: state.leader === 0n ? null : hexUint64(state.leader),
      members,
    },
    rows: members,
  };
}
