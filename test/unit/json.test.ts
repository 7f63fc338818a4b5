// etcdctl's JSON output (Go encoding/json over gogoproto structs), checked against strings etcdctl
// printed (etcdctl-reference §6.2-6.4, §11) and Go's escaping rules.
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/etcd/proto/codec.js';
import type { MessageTypes } from '../../src/etcd/proto/gen/messages.js';
import type { MessageInit } from '../../src/etcd/proto/codec.js';
import {
  jsonArray,
  jsonBytes,
  jsonEntries,
  jsonFloat,
  jsonObject,
  jsonString,
  toJson,
} from '../../src/output/json.js';

const te = new TextEncoder();
const b = (s: string) => te.encode(s);
/** A message as the client would hand it over: decoded from the wire, zero values filled in. */
const wire = <K extends keyof MessageTypes>(type: K, msg: MessageInit<MessageTypes[K]>) =>
  decode(type, encode(type, msg));

const header = {
  cluster_id: 4696313804825311451n,
  member_id: 9686845212206760991n,
  revision: 10n,
  raft_term: 2n,
};
const headerJson =
  '{"cluster_id":4696313804825311451,"member_id":9686845212206760991,"revision":10,"raft_term":2}';

describe('toJson', () => {
  it('prints a RangeResponse like etcdctl get -w json', () => {
    const resp = wire('RangeResponse', {
      header,
      kvs: [
        { key: b('foo'), create_revision: 2n, mod_revision: 10n, version: 3n, value: b('bar2') },
        { key: b('foo1'), create_revision: 7n, mod_revision: 7n, version: 1n, value: b('vfoo1') },
      ],
      more: true,
      count: 3n,
    });
    expect(toJson('RangeResponse', resp)).toBe(
      `{"header":${headerJson},"kvs":[{"key":"Zm9v","create_revision":2,"mod_revision":10,"version":3,"value":"YmFyMg=="},{"key":"Zm9vMQ==","create_revision":7,"mod_revision":7,"version":1,"value":"dmZvbzE="}],"more":true,"count":3}`,
    );
  });

  it('prints only the header when nothing matched, and the lease when there is one', () => {
    expect(toJson('RangeResponse', wire('RangeResponse', { header }))).toBe(
      `{"header":${headerJson}}`,
    );
    const kv = { key: b('k'), create_revision: 5n, mod_revision: 5n, version: 1n, value: b('v') };
    const withLease = wire('RangeResponse', { kvs: [{ ...kv, lease: 297134267946804416n }] });
    expect(toJson('RangeResponse', withLease)).toBe(
      '{"kvs":[{"key":"aw==","create_revision":5,"mod_revision":5,"version":1,"value":"dg==","lease":297134267946804416}]}',
    );
    const keysOnly = wire('RangeResponse', { kvs: [{ ...kv, value: new Uint8Array(0) }] });
    expect(toJson('RangeResponse', keysOnly)).toBe(
      '{"kvs":[{"key":"aw==","create_revision":5,"mod_revision":5,"version":1}]}',
    );
  });

  it('prints a PutResponse with and without prev_kv', () => {
    const prev = {
      key: b('k1'),
      create_revision: 11n,
      mod_revision: 12n,
      version: 2n,
      value: b('v1'),
    };
    expect(toJson('PutResponse', wire('PutResponse', { header, prev_kv: prev }))).toBe(
      `{"header":${headerJson},"prev_kv":{"key":"azE=","create_revision":11,"mod_revision":12,"version":2,"value":"djE="}}`,
    );
    expect(toJson('PutResponse', wire('PutResponse', { header }))).toBe(`{"header":${headerJson}}`);
  });

  it('prints a DeleteRangeResponse', () => {
    const prev = { key: b('a'), create_revision: 2n, mod_revision: 2n, version: 1n, value: b('1') };
    expect(
      toJson(
        'DeleteRangeResponse',
        wire('DeleteRangeResponse', { header, deleted: 1n, prev_kvs: [prev] }),
      ),
    ).toBe(
      `{"header":${headerJson},"deleted":1,"prev_kvs":[{"key":"YQ==","create_revision":2,"mod_revision":2,"version":1,"value":"MQ=="}]}`,
    );
    expect(toJson('DeleteRangeResponse', wire('DeleteRangeResponse', { header }))).toBe(
      `{"header":${headerJson}}`,
    );
  });

  it('omits every zero value but prints present empty messages', () => {
    expect(toJson('RangeResponse', wire('RangeResponse', {}))).toBe('{}');
    expect(toJson('RangeResponse', wire('RangeResponse', { header: {} }))).toBe('{"header":{}}');
    const h = wire('ResponseHeader', { cluster_id: 1n, raft_term: 2n });
    expect(toJson('ResponseHeader', h)).toBe('{"cluster_id":1,"raft_term":2}');
    expect(toJson('Compare', wire('Compare', { version: 0n, key: b('k') }))).toBe('{"key":"aw=="}');
    expect(toJson('AlarmResponse', wire('AlarmResponse', {}))).toBe('{}');
  });

  it('prints enums as numbers, omitting the zero one', () => {
    const ev = wire('WatchResponse', {
      events: [{ type: 1, kv: { key: b('a'), mod_revision: 3n } }, { kv: { key: b('b') } }],
    });
    expect(toJson('WatchResponse', ev)).toBe(
      '{"events":[{"type":1,"kv":{"key":"YQ==","mod_revision":3}},{"kv":{"key":"Yg=="}}]}',
    );
    const alarms = wire('AlarmResponse', {
      alarms: [{ memberID: 14490753584591010766n, alarm: 1 }],
    });
    expect(toJson('AlarmResponse', alarms)).toBe(
      '{"alarms":[{"memberID":14490753584591010766,"alarm":1}]}',
    );
  });

  it('uses the proto field names as written (camelCase, upper case)', () => {
    const members = wire('MemberListResponse', {
      header: { cluster_id: 1n, member_id: 2n, raft_term: 2n },
      members: [
        {
          ID: 9686845212206760991n,
          name: 'default',
          peerURLs: ['http://127.0.0.1:52380'],
          clientURLs: ['http://127.0.0.1:52379'],
        },
        { ID: 15482641010275199706n, peerURLs: ['http://127.0.0.1:52391'], isLearner: true },
      ],
    });
    expect(toJson('MemberListResponse', members)).toBe(
      '{"header":{"cluster_id":1,"member_id":2,"raft_term":2},"members":[{"ID":9686845212206760991,"name":"default","peerURLs":["http://127.0.0.1:52380"],"clientURLs":["http://127.0.0.1:52379"]},{"ID":15482641010275199706,"peerURLs":["http://127.0.0.1:52391"],"isLearner":true}]}',
    );
    const perms = wire('AuthRoleGetResponse', {
      perm: [
        { key: new Uint8Array([0]), range_end: new Uint8Array([0]) },
        { permType: 1, key: b('a'), range_end: b('z') },
      ],
    });
    expect(toJson('AuthRoleGetResponse', perms)).toBe(
      '{"perm":[{"key":"AA==","range_end":"AA=="},{"permType":1,"key":"YQ==","range_end":"eg=="}]}',
    );
  });

  it('prints 64-bit extremes exactly and every element of repeated fields', () => {
    const h = wire('ResponseHeader', { cluster_id: 18446744073709551615n, revision: -1n });
    expect(toJson('ResponseHeader', h)).toBe('{"cluster_id":18446744073709551615,"revision":-1}');
    const ttl = wire('LeaseTimeToLiveResponse', { ID: 1n, TTL: -1n, keys: [b('a'), b('')] });
    expect(toJson('LeaseTimeToLiveResponse', ttl)).toBe('{"ID":1,"TTL":-1,"keys":["YQ==",""]}');
    const status = wire('StatusResponse', { errors: ['x', ''], downgradeInfo: { enabled: true } });
    expect(toJson('StatusResponse', status)).toBe(
      '{"errors":["x",""],"downgradeInfo":{"enabled":true}}',
    );
  });

  it('prints a set oneof message member', () => {
    const txn = wire('TxnResponse', {
      succeeded: true,
      responses: [{ response_put: { header: { revision: 3n } } }],
    });
    expect(toJson('TxnResponse', txn)).toBe(
      '{"succeeded":true,"responses":[{"response_put":{"header":{"revision":3}}}]}',
    );
  });
  it('escapes strings and keeps non-ASCII text as UTF-8', () => {
    const status = wire('StatusResponse', { version: 'é<日本>😀"', storageVersion: '\u2028' });
    expect(toJson('StatusResponse', status)).toBe(
      '{"version":"é\\u003c日本\\u003e😀\\"","storageVersion":"\\u2028"}',
    );
  });

  it('prints a 100,000-key RangeResponse like a naive encoder would', () => {
    const kvs = Array.from({ length: 100_000 }, (_, i) => ({
      key: b(`key/${String(i).padStart(6, '0')}`),
      create_revision: BigInt(i + 2),
      mod_revision: 2n ** 40n + BigInt(i),
      version: BigInt(i % 3),
      value: b('v'.repeat(i % 23)),
    }));
    const resp = wire('RangeResponse', { header, kvs, count: 100_000n });
    const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');
    const expected = kvs.map((kv) => {
      const version = kv.version === 0n ? '' : `,"version":${kv.version}`;
      const value = kv.value.length === 0 ? '' : `,"value":"${b64(kv.value)}"`;
      return `{"key":"${b64(kv.key)}","create_revision":${kv.create_revision},"mod_revision":${kv.mod_revision}${version}${value}}`;
    });
    expect(toJson('RangeResponse', resp)).toBe(
      `{"header":${headerJson},"kvs":[${expected.join(',')}],"count":100000}`,
    );
  });
});

describe('jsonString', () => {
  it.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['a"b', '"a\\"b"'],
    ['back\\slash', '"back\\\\slash"'],
    ['\n\r\t', '"\\n\\r\\t"'],
    ['\b\f', '"\\b\\f"'],
    ['\u0000\u0001\u001f\u000b', '"\\u0000\\u0001\\u001f\\u000b"'],
    ['<a href="x">&</a>', '"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['\u007f', '"\u007f"'],
    ['é 日本 😀', '"é 日本 😀"'],
    ['\ud800', '"\\ufffd"'],
    ['x\udc00y', '"x\\ufffdy"'],
    ['\udc00\ud800', '"\\ufffd\\ufffd"'],
    ['a\ud83d', '"a\\ufffd"'],
  ])('%j -> %s', (input, expected) => {
    expect(jsonString(input)).toBe(expected);
  });
});

describe('helpers', () => {
  it('jsonBytes matches padded base64 for every length and byte value', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    for (let n = 0; n <= 70; n++) {
      const slice = all.subarray(256 - n);
      expect(jsonBytes(slice)).toBe(`"${Buffer.from(slice).toString('base64')}"`);
    }
    expect(jsonBytes(all)).toBe(`"${Buffer.from(all).toString('base64')}"`);
    expect(jsonBytes(new Uint8Array(0))).toBe('""');
  });

  it('jsonObject, jsonArray and jsonEntries compose Go-struct shapes', () => {
    const h = wire('ResponseHeader', { cluster_id: 1n, revision: 64n });
    const entries = [...jsonEntries('ResponseHeader', h), ['ID', '7'], ['Error', '""']] as const;
    expect(jsonObject(entries)).toBe('{"cluster_id":1,"revision":64,"ID":7,"Error":""}');
    expect(jsonObject([['a<b', 'null']])).toBe('{"a\\u003cb":null}');
    expect(jsonObject([])).toBe('{}');
    expect(jsonArray(['1', '{}'])).toBe('[1,{}]');
    expect(jsonArray([])).toBe('[]');
  });

  it('jsonFloat formats like Go', () => {
    expect(jsonFloat(1e21, 64)).toBe('1e+21');
    expect(jsonFloat(1e20, 64)).toBe('100000000000000000000');
    expect(jsonFloat(1e-7, 64)).toBe('1e-7');
    expect(jsonFloat(0.000001, 64)).toBe('0.000001');
    expect(jsonFloat(Math.fround(0.1), 32)).toBe('0.1');
    expect(jsonFloat(-0, 64)).toBe('-0');
  });
});
