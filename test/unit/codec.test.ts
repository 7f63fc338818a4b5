// The run-time codec against protobufjs (the reference encoder, loaded from proto/ here only) and
// against bytes etcdctl printed for real.
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/etcd/proto/codec.js';
import type { MessageTypes } from '../../src/etcd/proto/gen/messages.js';
import { schema } from '../../src/etcd/proto/gen/schema.js';

type Obj = Record<string, unknown>;
type Name = keyof MessageTypes;

const protoDir = fileURLToPath(new URL('../../proto/', import.meta.url));
const root = new protobuf.Root();
root.resolvePath = (_origin, target) => protoDir + target;
root.loadSync(['etcdserverpb/rpc.proto', 'mvccpb/kv.proto', 'authpb/auth.proto'], {
  keepCase: true,
});
root.resolveAll();
const pkgOf: Record<string, string> = { KeyValue: 'mvccpb', Event: 'mvccpb', Permission: 'authpb' };
const pbType = (name: string) => root.lookupType(`${pkgOf[name] ?? 'etcdserverpb'}.${name}`);

const isZero = (v: unknown) =>
  v === 0 || v === 0n || v === false || v === '' || (v instanceof Uint8Array && v.length === 0);

/** The message as protobufjs wants it: proto3 zero scalars dropped (except oneof members). */
function toPbjs(type: string, msg: Obj): Obj {
  const out: Obj = {};
  for (const f of schema[type]!.fields) {
    const v = msg[f.name];
    if (v === undefined || (!f.repeated && !f.oneof && f.kind !== 'message' && isZero(v))) continue;
    const conv = (x: unknown) =>
      f.kind === 'message' ? toPbjs(f.type!, x as Obj) : typeof x === 'bigint' ? x.toString() : x;
    out[f.name] = f.repeated ? (v as unknown[]).map(conv) : conv(v);
  }
  return out;
}

function reference(type: string, msg: Obj): Uint8Array {
  const t = pbType(type);
  return t.encode(t.fromObject(toPbjs(type, msg))).finish();
}

/** What decode should return: every scalar present with its zero value. */
function normalize(type: string, msg: Obj): Obj {
  const out: Obj = {};
  for (const f of schema[type]!.fields) {
    const v = msg[f.name];
    const norm = (x: unknown) => (f.kind === 'message' ? normalize(f.type!, x as Obj) : x);
    if (f.repeated) out[f.name] = ((v as unknown[] | undefined) ?? []).map(norm);
    else if (v !== undefined) out[f.name] = norm(v);
    else if (f.kind === 'message' || f.oneof) continue;
    else if (f.kind.endsWith('64')) out[f.name] = 0n;
    else out[f.name] = { bool: false, string: '', bytes: new Uint8Array(0) }[f.kind as 'bool'] ?? 0;
  }
  return out;
}

const te = new TextEncoder();
const b = (s: string) => te.encode(s);
const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');
const fromHex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const MAX_U64 = 18446744073709551615n;
const header = { cluster_id: MAX_U64, member_id: 1n, revision: -1n, raft_term: 2n };
const kv = (k: string, rev: bigint, extra: Obj = {}) => ({
  key: b(k),
  create_revision: rev,
  mod_revision: rev + 1n,
  version: 1n,
  value: b(`v-${k}`),
  ...extra,
});

const cases: [Name, Obj][] = [
  ['ResponseHeader', header],
  ['ResponseHeader', {}],
  ['RangeRequest', { key: b('a'), range_end: new Uint8Array([0]), limit: -5n, revision: 9n }],
  [
    'RangeRequest',
    { sort_order: 2, sort_target: 4, serializable: true, keys_only: true, count_only: true },
  ],
  ['RangeRequest', { min_mod_revision: 1n, max_mod_revision: 2n ** 62n, max_create_revision: 3n }],
  ['RangeResponse', { header, kvs: [kv('a', 2n), kv('b', 3n, { lease: -7n, value: b('') })] }],
  ['RangeResponse', { kvs: [kv('x', 1n)], more: true, count: 2n ** 53n + 1n }],
  ['PutRequest', { key: b('k'), value: new Uint8Array(0), lease: 0n, prev_kv: true }],
  ['PutResponse', { header: {}, prev_kv: kv('k', 5n) }],
  ['DeleteRangeResponse', { header, deleted: 2n, prev_kvs: [kv('a', 1n), kv('b', 1n)] }],
  ['Compare', { result: 0, target: 0, key: b('k'), version: 0n }],
  ['Compare', { result: 3, target: 3, key: b('k'), value: new Uint8Array(0), range_end: b('z') }],
  ['Compare', { result: -1, target: 4, lease: -1n }],
  ['Compare', { target: 1, create_revision: MAX_U64 >> 1n, range_end: b('\u00ff') }],
  [
    'TxnRequest',
    {
      compare: [
        { key: b('a'), mod_revision: 0n },
        { target: 2, mod_revision: 12n },
      ],
      success: [{ request_put: { key: b('a'), value: b('1'), lease: -2n } }],
      failure: [
        { request_range: { key: b('a') } },
        { request_delete_range: {} },
        { request_txn: { success: [{ request_put: { key: b('n') } }] } },
      ],
    },
  ],
  ['TxnResponse', { header, succeeded: true, responses: [{ response_put: { header: {} } }, {}] }],
  ['WatchRequest', { create_request: { key: b('w'), filters: [1, 0, 1], prev_kv: true } }],
  ['WatchRequest', { cancel_request: { watch_id: 0n } }],
  ['WatchRequest', { progress_request: {} }],
  [
    'WatchCreateRequest',
    { start_revision: 4n, progress_notify: true, watch_id: -1n, fragment: true },
  ],
  [
    'WatchResponse',
    {
      header,
      watch_id: 3n,
      created: true,
      canceled: true,
      compact_revision: 8n,
      cancel_reason: 'mvcc: required revision has been compacted',
      fragment: true,
      events: [
        { type: 1, kv: { key: b('k'), mod_revision: 9n } },
        { kv: kv('n', 1n), prev_kv: {} },
      ],
    },
  ],
  ['LeaseGrantResponse', { header, ID: 7587870093430093000n, TTL: 10n, error: 'é 日本 😀' }],
  [
    'LeaseTimeToLiveResponse',
    { ID: 1n, TTL: -1n, grantedTTL: 500n, keys: [b('k1'), b(''), b('k3')] },
  ],
  ['LeaseLeasesResponse', { leases: [{ ID: 1n }, { ID: 0n }, { ID: -9n }] }],
  ['LeaseCheckpointRequest', { checkpoints: [{ ID: 1n, remaining_TTL: 30n }] }],
  [
    'MemberAddResponse',
    {
      header,
      member: { ID: 15482641010275199706n, peerURLs: ['http://127.0.0.1:2380'], isLearner: true },
      members: [{ ID: 1n, name: 'default', clientURLs: ['http://a:2379', 'http://b:2379'] }],
    },
  ],
  ['MemberListRequest', { linearizable: true }],
  ['AlarmRequest', { action: 2, memberID: MAX_U64, alarm: 1 }],
  ['AlarmResponse', { alarms: [{ memberID: 14490753584591010766n, alarm: 2 }, {}] }],
  [
    'StatusResponse',
    {
      header,
      version: '3.6.0',
      dbSize: 24576n,
      leader: 9686845212206760991n,
      raftIndex: 105n,
      raftTerm: 2n,
      raftAppliedIndex: 105n,
      errors: ['a', '', 'c'],
      dbSizeInUse: 16384n,
      isLearner: true,
      storageVersion: '3.6.0',
      dbSizeQuota: 2147483648n,
      downgradeInfo: { enabled: true, targetVersion: '3.5.0' },
    },
  ],
  ['HashKVResponse', { hash: 4294967295, compact_revision: 7n, hash_revision: 8n }],
  ['SnapshotResponse', { remaining_bytes: 1n, blob: new Uint8Array(300).fill(7), version: '3.6' }],
  ['SnapshotResponse', { blob: new Uint8Array(70000).map((_, i) => i & 255) }],
  ['DowngradeRequest', { action: 1, version: '3.5' }],
  ['AuthUserAddRequest', { name: 'u', options: { no_password: true }, hashedPassword: 'h' }],
  ['AuthUserAddRequest', { name: 'u', options: {} }],
  [
    'AuthRoleGetResponse',
    { perm: [{ key: new Uint8Array([0]), range_end: new Uint8Array([0]) }, { permType: 2 }] },
  ],
  ['AuthRoleGrantPermissionRequest', { name: 'r', perm: { permType: 1, key: b('a') } }],
  ['AuthStatusResponse', { enabled: true, authRevision: 5n }],
  ['RangeStreamResponse', { range_response: { kvs: [kv('s', 1n)] } }],
];

describe('encode', () => {
  it.each(cases.map(([t, m], i) => [`${i}: ${t}`, t, m] as const))(
    '%s matches protobufjs byte for byte',
    (_label, type, msg) => {
      expect(hex(encode(type, msg))).toBe(hex(reference(type, msg)));
    },
  );

  it('writes a negative enum as a ten-byte varint', () => {
    expect(hex(encode('Compare', { result: -1 }))).toBe('08ffffffffffffffffff01');
  });

  it('writes a set oneof member holding zero, and an empty message as tag + length 0', () => {
    expect(hex(encode('Compare', { version: 0n }))).toBe('2000');
    expect(hex(encode('Compare', { value: new Uint8Array(0) }))).toBe('3a00');
    expect(hex(encode('WatchRequest', { progress_request: {} }))).toBe('1a00');
    expect(hex(encode('PutResponse', { header: {} }))).toBe('0a00');
  });

  it('omits zero scalars and empty lists', () => {
    const zero = { key: new Uint8Array(0), limit: 0n, serializable: false, sort_order: 0 };
    expect(encode('RangeRequest', zero)).toHaveLength(0);
    expect(encode('TxnRequest', { compare: [], success: [] })).toHaveLength(0);
  });

  it('packs repeated numbers', () => {
    expect(hex(encode('WatchCreateRequest', { filters: [0, 1] }))).toBe('2a020001');
  });

  it('writes max uint64 and negative int64 as ten-byte varints', () => {
    expect(hex(encode('ResponseHeader', { cluster_id: MAX_U64 }))).toBe('08ffffffffffffffffff01');
    expect(hex(encode('ResponseHeader', { revision: -2n }))).toBe('18feffffffffffffffff01');
  });
});

describe('decode', () => {
  it.each(cases.map(([t, m], i) => [`${i}: ${t}`, t, m] as const))(
    '%s round-trips',
    (_label, type, msg) => {
      const bytes = encode(type, msg);
      const decoded = decode(type, bytes);
      expect(decoded).toEqual(normalize(type, msg));
      expect(hex(encode(type, decoded))).toBe(hex(bytes));
    },
  );

  it('reads the header etcdctl printed for `lease grant 10 -w protobuf`', () => {
    const bytes = fromHex(
      '08 db f1 80 d3 df 90 aa 96 41 10 9f 88 9c de db cc a5 b7 86 01 18 40 20 02',
    );
    const h = decode('ResponseHeader', bytes);
    expect(h).toEqual({
      cluster_id: 4696313804825311451n,
      member_id: 9686845212206760991n,
      revision: 64n,
      raft_term: 2n,
    });
    expect(hex(encode('ResponseHeader', h))).toBe(hex(bytes));
  });

  it('fills absent fields with zero values and leaves messages and oneofs undefined', () => {
    const r = decode('RangeResponse', new Uint8Array(0));
    expect(r).toEqual({ kvs: [], more: false, count: 0n });
    expect(r.header).toBeUndefined();
    const c = decode('Compare', new Uint8Array(0));
    expect(c.key).toEqual(new Uint8Array(0));
    expect(c.version).toBeUndefined();
  });

  it('returns bytes as views of the input', () => {
    const bytes = encode('KeyValue', { key: b('key'), value: b('value') });
    const kv = decode('KeyValue', bytes);
    expect(kv.key.buffer).toBe(bytes.buffer);
    expect(new TextDecoder().decode(kv.value)).toBe('value');
  });

  it('accepts unpacked repeated numbers, also mixed with packed ones', () => {
    const w = decode('WatchCreateRequest', fromHex('2801 2800 2a020100 2801'));
    expect(w.filters).toEqual([1, 0, 1, 0, 1]);
  });

  it('skips unknown fields of every wire type', () => {
    const unknown = [
      'f806 96 01', // 111: varint
      'f906 0102030405060708', // 111: fixed64
      'fa06 03 616263', // 111: length-delimited
      'fd06 01020304', // 111: fixed32
      'fb06 0801 fa0601ff fc06', // 111: group with nested fields
    ].join('');
    const h = decode('ResponseHeader', fromHex(`${unknown}1840${unknown}2002`));
    expect(h).toEqual({ cluster_id: 0n, member_id: 0n, revision: 64n, raft_term: 2n });
  });

  it('decodes the last oneof member seen and merges repeated singular messages', () => {
    const c = decode('Compare', fromHex('2005 2806'));
    expect(c.version).toBeUndefined();
    expect(c.create_revision).toBe(6n);
    const p = decode('PutResponse', fromHex('0a020801 0a021002'));
    expect(p.header).toEqual({ cluster_id: 1n, member_id: 2n, revision: 0n, raft_term: 0n });
  });

  it('decodes 64-bit extremes exactly', () => {
    const h = decode(
      'ResponseHeader',
      encode('ResponseHeader', { cluster_id: MAX_U64, revision: -1n }),
    );
    expect(h.cluster_id).toBe(MAX_U64);
    expect(h.revision).toBe(-1n);
    const r = decode('RangeRequest', encode('RangeRequest', { limit: -(2n ** 63n) }));
    expect(r.limit).toBe(-(2n ** 63n));
    const big = 2n ** 53n + 1n;
    expect(decode('ResponseHeader', encode('ResponseHeader', { member_id: big })).member_id).toBe(
      big,
    );
  });

  it('rejects truncated input', () => {
    const bytes = encode('RangeResponse', { kvs: [kv('a', 1n)] });
    expect(() => decode('RangeResponse', bytes.subarray(0, bytes.length - 1))).toThrow();
    expect(() => decode('ResponseHeader', fromHex('08'))).toThrow();
  });

  it('handles a 100,000-key RangeResponse', () => {
    const kvs = Array.from({ length: 100_000 }, (_, i) => ({
      key: b(`key/${String(i).padStart(6, '0')}`),
      create_revision: BigInt(i + 2),
      mod_revision: BigInt(i + 2),
      version: 1n,
      value: b('v'.repeat(20)),
    }));
    const bytes = encode('RangeResponse', { header, kvs, count: 100_000n });
    const r = decode('RangeResponse', bytes);
    expect(r.kvs).toHaveLength(100_000);
    expect(new TextDecoder().decode(r.kvs[99_999]!.key)).toBe('key/099999');
    expect(r.kvs[5]!.mod_revision).toBe(7n);
    expect(hex(encode('RangeResponse', r))).toBe(hex(bytes));
  });
});
