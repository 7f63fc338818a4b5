// The endpoint health/status/hashkv printers on fixed responses: etcdctl main's formats, kept as
// golden files (test/golden/endpoint/) since etcdctl 3.4 prints fewer columns.
import { describe, expect, it } from 'vitest';
import type { HashKVResponse, StatusResponse } from '../../src/etcd/proto/gen/messages.js';
import {
  type EpHealth,
  renderHashKV,
  renderHealth,
  renderStatus,
} from '../../src/output/endpoint.js';
import { expectGolden } from '../helpers/golden.js';

const header = {
  cluster_id: 4696313804825311451n,
  member_id: 10276657743932975437n,
  revision: 7n,
  raft_term: 2n,
};

/** What a 3.4 server answers: no storage version, quota or downgrade info. */
const status34: StatusResponse = {
  header,
  version: '3.4.23',
  dbSize: 24576n,
  leader: 10276657743932975437n,
  raftIndex: 105n,
  raftTerm: 2n,
  raftAppliedIndex: 105n,
  errors: [],
  dbSizeInUse: 20480n,
  isLearner: false,
  storageVersion: '',
  dbSizeQuota: 0n,
};

/** A 3.6 server's answer, the reference's example (24576 / 16384 bytes, 2 GiB quota). */
const status36: StatusResponse = {
  ...status34,
  header: { ...header, member_id: 1n },
  version: '3.6.0',
  storageVersion: '3.6.0',
  dbSizeInUse: 16384n,
  raftIndex: 8n,
  raftAppliedIndex: 8n,
  dbSizeQuota: 2147483648n,
  errors: ['etcdserver: no leader', 'memberID:1 alarm:NOSPACE '],
  isLearner: true,
  downgradeInfo: { enabled: true, targetVersion: '3.5.0' },
};

const statuses = [
  { ep: '127.0.0.1:52379', resp: status34 },
  { ep: 'http://127.0.0.1:52380', resp: status36 },
];

const hashes: { ep: string; resp: HashKVResponse }[] = [
  {
    ep: '127.0.0.1:52379',
    resp: { header, hash: 2792713219, compact_revision: 7n, hash_revision: 0n },
  },
  {
    ep: '127.0.0.1:52380',
    resp: { header, hash: 1084519789, compact_revision: -1n, hash_revision: 66n },
  },
];

const health: EpHealth[] = [
  { ep: '127.0.0.1:52379', health: true, took: '2.017574ms', error: '' },
  {
    ep: '127.0.0.1:52399',
    health: false,
    took: '5.000955698s',
    error: 'context deadline exceeded',
  },
  { ep: 'a:1', health: false, took: '938.86µs', error: 'Active Alarm(s): NOSPACE CORRUPT ' },
];

describe('endpoint status printers', () => {
  it('simple: main’s 16 columns; a 3.4 server leaves the newer ones empty, 0 B, false', () => {
    expect(renderStatus('simple', statuses, { hex: false })).toBe(
      '127.0.0.1:52379, 8e9e05c52164694d, 3.4.23, , 25 kB, 20 kB, 17%, 0 B, true, false, 2, 105, 105, , , false\n' +
        'http://127.0.0.1:52380, 1, 3.6.0, 3.6.0, 25 kB, 16 kB, 34%, 2.1 GB, false, true, 2, 8, 8, etcdserver: no leader, memberID:1 alarm:NOSPACE , 3.5.0, true\n',
    );
  });

  for (const format of ['json', 'fields', 'table'] as const) {
    for (const hex of [false, true]) {
      it(`${format}${hex ? ' --hex' : ''}`, () => {
        const name = `endpoint/status.${hex ? 'hex-' : ''}${format}`;
        expectGolden(name, renderStatus(format, statuses, { hex }));
      });
    }
  }

  it('no endpoint answered: json is null, table the header alone, simple nothing', () => {
    expect(renderStatus('json', [], { hex: false })).toBe('null\n');
    expect(renderStatus('simple', [], { hex: false })).toBe('');
    expectGolden('endpoint/status-empty.table', renderStatus('table', [], { hex: false }));
  });

  it('protobuf is not supported (exit 4)', () => {
    expect(() => renderStatus('protobuf', statuses, { hex: false })).toThrow(
      expect.objectContaining({ message: 'protobuf not supported as output format', exitCode: 4 }),
    );
  });
});

describe('endpoint hashkv printers', () => {
  it('simple adds main’s hash revision', () => {
    expect(renderHashKV('simple', hashes, { hex: false })).toBe(
      '127.0.0.1:52379, 2792713219, 0\n127.0.0.1:52380, 1084519789, 66\n',
    );
  });
  for (const format of ['json', 'fields', 'table'] as const) {
    it(format, () =>
      expectGolden(`endpoint/hashkv.${format}`, renderHashKV(format, hashes, { hex: false })),
    );
  }
  it('json of nothing is null', () =>
    expect(renderHashKV('json', [], { hex: true })).toBe('null\n'));
});

describe('endpoint health printers', () => {
  it('simple: healthy lines on stdout, unhealthy ones on stderr', () => {
    expect(renderHealth('simple', health)).toEqual({
      stdout: '127.0.0.1:52379 is healthy: successfully committed proposal: took = 2.017574ms\n',
      stderr:
        '127.0.0.1:52399 is unhealthy: failed to commit proposal: context deadline exceeded\n' +
        'a:1 is unhealthy: failed to commit proposal: Active Alarm(s): NOSPACE CORRUPT \n',
    });
  });

  it('json: error omitted when empty, took always present', () => {
    const out = renderHealth('json', [
      ...health,
      { ep: 'x', health: false, took: '', error: 'e<' },
    ]);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe(
      '[{"endpoint":"127.0.0.1:52379","health":true,"took":"2.017574ms"},' +
        '{"endpoint":"127.0.0.1:52399","health":false,"took":"5.000955698s","error":"context deadline exceeded"},' +
        '{"endpoint":"a:1","health":false,"took":"938.86µs","error":"Active Alarm(s): NOSPACE CORRUPT "},' +
        '{"endpoint":"x","health":false,"took":"","error":"e\\u003c"}]\n',
    );
  });

  it('fields and table', () => {
    expectGolden('endpoint/health.fields', renderHealth('fields', health).stdout);
    expectGolden('endpoint/health.table', renderHealth('table', health).stdout);
  });
});
