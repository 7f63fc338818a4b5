// ectl status's printers: the human table (leader starred, fields a server did not report as -,
// an unreachable member's row saying why, 120 columns) and the script document (nulls, hex IDs).
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { renderStatus, shortBytes } from '../../src/output/human/status.js';
import { statusView } from '../../src/output/script/status.js';
import type { ClusterState, MemberState } from '../../src/etcd/recipes/cluster-status.js';
import type { StatusResponse } from '../../src/etcd/proto/gen/messages.js';

const plain = new Chalk({ level: 0 });

function member(
  id: bigint,
  name: string,
  status?: Partial<StatusResponse>,
  problem = '',
): MemberState {
  return {
    member: {
      ID: id,
      name,
      peerURLs: [`http://10.0.0.${id}:2380`],
      clientURLs: [`http://10.0.0.${id}:2379`],
      isLearner: false,
    },
    endpoint: `http://10.0.0.${id}:2379`,
    alarms: [],
    problem,
    reachable: status !== undefined,
    ...(status
      ? {
          latencyMs: 2.4,
          status: {
            version: '3.4.23',
            dbSize: 20480n,
            leader: 1n,
            raftIndex: 120n,
            raftTerm: 3n,
            raftAppliedIndex: 118n,
            errors: [],
            dbSizeInUse: 16384n,
            isLearner: false,
            storageVersion: '',
            dbSizeQuota: 0n,
            ...status,
          },
        }
      : {}),
  };
}

const state: ClusterState = {
  clusterId: 0xabcn,
  leader: 1n,
  members: [
    member(1n, 'infra-1', {}),
    member(2n, 'infra-2', {
      dbSizeQuota: 2n * 1024n * 1024n * 1024n,
      dbSize: 1024n * 1024n * 1024n,
    }),
    member(3n, 'infra-3', undefined, 'context deadline exceeded (connection refused)'),
  ],
};

describe('renderStatus', () => {
  it('rows with the leader starred, - for what a server did not report, a row saying why', () => {
    const out = renderStatus(state, { wide: false }, plain);
    expect(out).toBe(
      [
        'cluster 0000000000000abc · leader infra-1 · 2 of 3 members healthy',
        'NAME       ENDPOINT              ID                VERSION  DB SIZE  QUOTA  TERM  INDEX  LAG  ALARMS  HEALTH   LATENCY',
        'infra-1 ★  http://10.0.0.1:2379  0000000000000001  3.4.23   20 KiB   -      3     120    2    -       healthy  2ms',
        'infra-2    http://10.0.0.2:2379  0000000000000002  3.4.23   1.0 GiB  50%    3     120    2    -       healthy  2ms',
        'infra-3    http://10.0.0.3:2379  0000000000000003  unreachable: context deadline exceeded (connection refused)',
        '',
      ].join('\n'),
    );
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(120);
  });

  it('long names, URLs and reasons are cut to stay within 120 columns; -o wide keeps them', () => {
    const long = {
      ...state,
      members: [
        member(1n, 'a-very-long-member-name-indeed', {}),
        member(2n, 'b', undefined, `context deadline exceeded (${'x'.repeat(200)})`),
      ],
    };
    long.members[0]!.endpoint = `https://${'h'.repeat(60)}.example:2379`;
    const out = renderStatus(long, { wide: false }, plain);
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(120);
    expect(out).toMatch(/\na-very-l\S*… ★ +https:\/\/hhh\S*… +0000000000000001 /);
    const wide = renderStatus(long, { wide: true }, plain);
    expect(wide).toContain('a-very-long-member-name-indeed');
  });

  it('sizes are short IEC units', () => {
    expect([0n, 812n, 20480n, 1536n * 1024n, 15n * 1024n ** 3n].map(shortBytes)).toEqual([
      '0 B',
      '812 B',
      '20 KiB',
      '1.5 MiB',
      '15 GiB',
    ]);
  });
});

describe('statusView', () => {
  it('unknown fields are null, IDs hex, numbers exact; one NDJSON row per member', () => {
    const view = statusView(state);
    const doc = view.doc as {
      cluster_id: string;
      leader: string;
      members: Record<string, unknown>[];
    };
    expect(doc.cluster_id).toBe('0000000000000abc');
    expect(doc.leader).toBe('0000000000000001');
    expect(doc.members[0]).toMatchObject({
      id: '0000000000000001',
      is_leader: true,
      health: 'healthy',
      db_size: 20480n,
      db_size_quota: null,
      storage_version: null,
      applied_lag: 2n,
    });
    expect(doc.members[2]).toMatchObject({
      health: 'unreachable',
      version: null,
      raft_index: null,
      latency_ms: null,
      problem: 'context deadline exceeded (connection refused)',
    });
    expect(view.rows).toHaveLength(3);
  });
});
