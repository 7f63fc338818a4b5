// The script views of the etcdctl family (-o): records, documents, NDJSON rows, and get's paged
// printer, which must write exactly what the whole document renders to, whatever the pages.
import { describe, expect, it } from 'vitest';
import type { KeyValue, RangeResponse } from '../../src/etcd/proto/gen/messages.js';
import { getScriptPrinter, getView, kvLine } from '../../src/output/script/get.js';
import { bytesField } from '../../src/output/script/records.js';
import { delView, putView, txnView } from '../../src/output/script/kv.js';
import { eventRecord, watchScript } from '../../src/output/script/watch.js';
import { leaseView } from '../../src/output/script/lease.js';
import {
  hashKVView,
  healthView,
  memberListView,
  statusView,
} from '../../src/output/script/cluster.js';
import { renderScript } from '../../src/output/script/render.js';
import { type ScriptFormat, scriptFormats } from '../../src/output/script/format.js';
import { EctlCommand } from '../../src/cli/command.js';
import { scriptOutputOf } from '../../src/cli/context.js';
import type { Part } from '../../src/output/print.js';

const enc = (s: string) => new TextEncoder().encode(s);
const kv = (key: string | Uint8Array, value: string | Uint8Array, rev: bigint, lease = 0n) => ({
  key: typeof key === 'string' ? enc(key) : key,
  value: typeof value === 'string' ? enc(value) : value,
  create_revision: rev,
  mod_revision: rev + 1n,
  version: 2n,
  lease,
});
const bytesOf = (parts: readonly Part[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
const header = { cluster_id: 1n, member_id: 2n, revision: 42n, raft_term: 3n };

const kvs: KeyValue[] = [
  kv('a', '1', 2n),
  kv('multi', 'line one\nline two\n\nend', 3n),
  kv(new Uint8Array([0xff, 0x01]), new Uint8Array([0x00, 0xfe]), 4n),
  kv('café', '{"json": true}', 5n, 0x7fffffffffffffffn),
  kv('empty', '', 6n),
];

describe('get -o', () => {
  const resp: RangeResponse = { header, kvs, more: false, count: 5n };

  it('is the issue’s document: revision, count, more, kvs with key/key_base64 and hex leases', () => {
    const doc = JSON.parse(
      bytesOf(renderScript('json', getView(resp, { keysOnly: false }))).toString(),
    );
    expect(Object.keys(doc)).toEqual(['revision', 'count', 'more', 'kvs']);
    expect(doc.revision).toBe(42);
    expect(doc.kvs[2]).toEqual({
      key_base64: '/wE=',
      value_base64: 'AP4=',
      create_revision: 4,
      mod_revision: 5,
      version: 2,
    });
    expect(doc.kvs[3].lease).toBe('7fffffffffffffff');
    expect(doc.kvs[0].lease).toBeUndefined();
  });

  it('leaves values out under --keys-only', () => {
    const rows = getView(resp, { keysOnly: true }).rows as Record<string, unknown>[];
    expect(rows.map((r) => Object.keys(r).filter((k) => k.startsWith('value')))).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
  });

  // Pages of 1, 2 and all keys, and an empty range, in every format.
  for (const format of scriptFormats) {
    it(`prints page by page exactly the whole document (${format})`, () => {
      for (const size of [1, 2, 5]) {
        for (const list of [kvs, []]) {
          const whole = { ...resp, kvs: list, count: BigInt(list.length) };
          const expected = bytesOf(renderScript(format, getView(whole, { keysOnly: false })));
          const p = getScriptPrinter(
            format,
            { header, count: whole.count, more: false },
            {
              keysOnly: false,
            },
          );
          const parts: Part[] = [p.head()];
          for (let i = 0; i < list.length; i += size) parts.push(p.page(list.slice(i, i + size)));
          parts.push(p.tail());
          expect(bytesOf(parts).toString('latin1')).toBe(expected.toString('latin1'));
        }
      }
    });
  }

  it('yaml of a page bigger than the yaml package is fed at once is the whole document', () => {
    const many = Array.from({ length: 1203 }, (_, i) => kv(`k/${i}`, i % 7 ? `v${i}` : 'a\nb', 2n));
    const whole = { header, kvs: many, more: false, count: 1203n };
    const p = getScriptPrinter('yaml', { header, count: 1203n, more: false }, { keysOnly: false });
    const text = [p.head(), p.page(many.slice(0, 1100)), p.page(many.slice(1100)), p.tail()].join(
      '',
    );
    expect(text).toBe(renderScript('yaml', getView(whole, { keysOnly: false }))[0]);
  });

  it('NDJSON is one record a line; key and value raw bytes, one a line', () => {
    const p = getScriptPrinter('ndjson', { header, count: 5n, more: false }, { keysOnly: false });
    const lines = bytesOf([p.page(kvs)])
      .toString()
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(5);
    expect(JSON.parse(lines[1]!).value).toBe('line one\nline two\n\nend');
    const v = getScriptPrinter('value', { header, count: 5n, more: false }, { keysOnly: false });
    expect(Buffer.from(v.page(kvs.slice(2, 3)) as Uint8Array)).toEqual(Buffer.from([0, 0xfe, 10]));
  });
});

describe('UTF-8 or base64', () => {
  it('keeps a leading BOM (a TextDecoder would drop it: the value would not round-trip)', () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x41]);
    expect(bytesField('value', bom)).toEqual({ value: '\ufeffA' });
    expect(Buffer.from(kvLine(kv('k', bom, 1n), { keysOnly: false })).toString()).toBe(
      '{"key":"k","value":"\ufeffA","create_revision":1,"mod_revision":2,"version":2}\n',
    );
    expect(bytesField('key', new Uint8Array([0xed, 0xa0, 0x80]))).toEqual({ key_base64: '7aCA' });
  });

  it('escapes text as JSON.stringify does: every control character, quote, backslash', () => {
    let text = '"\\/\u007f é 😀 \u2028 ';
    for (let c = 0; c < 0x20; c++) text += String.fromCharCode(c);
    const line = Buffer.from(kvLine(kv(text, text, 1n), { keysOnly: false })).toString();
    expect(line).toBe(
      `{"key":${JSON.stringify(text)},"value":${JSON.stringify(text)},"create_revision":1,"mod_revision":2,"version":2}\n`,
    );
    expect(JSON.parse(line).value).toBe(text);
  });
});

describe('put, del and txn -o', () => {
  it('put: the revision, and prev_kv when there was one', () => {
    expect(putView({ header }).doc).toEqual({ revision: 42n });
    const v = putView({ header, prev_kv: kvs[0] });
    expect(v.doc).toEqual({
      revision: 42n,
      prev_kv: { key: 'a', value: '1', create_revision: 2n, mod_revision: 3n, version: 2n },
    });
    expect(v.kvs).toEqual([kvs[0]]);
  });

  it('del: deleted, prev_kvs with --prev-kv (NDJSON: one a line), else the document', () => {
    const resp = { header, deleted: 2n, prev_kvs: kvs.slice(0, 2) };
    expect(delView(resp, true).doc).toMatchObject({ revision: 42n, deleted: 2n });
    expect(renderScript('ndjson', delView(resp, true))).toHaveLength(2);
    const plain = delView({ header, deleted: 0n, prev_kvs: [] }, false);
    expect(renderScript('ndjson', plain)).toEqual(['{"revision":42,"deleted":0}\n']);
  });

  it('txn: succeeded always (false too), each response typed', () => {
    const v = txnView({
      header,
      succeeded: false,
      responses: [
        { response_range: { header, kvs: [kvs[0]!], more: false, count: 1n } },
        { response_put: { header, prev_kv: kvs[0] } },
        { response_delete_range: { header, deleted: 0n, prev_kvs: [] } },
        { response_txn: { header, succeeded: true, responses: [] } },
      ],
    });
    const doc = JSON.parse(bytesOf(renderScript('json', v)).toString());
    expect(doc.succeeded).toBe(false);
    expect(doc.responses.map((r: { type: string }) => r.type)).toEqual([
      'get',
      'put',
      'del',
      'txn',
    ]);
    expect(doc.responses[0].kvs[0].key).toBe('a');
    expect(doc.responses[1].prev_kv.value).toBe('1');
    expect(doc.responses[2]).toEqual({ type: 'del', deleted: 0 });
    expect(doc.responses[3]).toEqual({ type: 'txn', succeeded: true, responses: [] });
  });
});

describe('watch -o', () => {
  const put = { type: 0, kv: kvs[3], prev_kv: kvs[0] };
  const del = { type: 1, kv: { ...kv(new Uint8Array([0xff]), '', 0n), create_revision: 0n } };
  const resp = {
    header,
    events: [put, del],
    created: false,
    canceled: false,
    compact_revision: 0n,
    cancel_reason: '',
    fragment: false,
    watch_id: 0n,
  };

  it('a PUT carries value, revisions, lease and prev_value; a DELETE its key and mod_revision', () => {
    expect(eventRecord(put)).toEqual({
      type: 'PUT',
      key: 'café',
      value: '{"json": true}',
      create_revision: 5n,
      mod_revision: 6n,
      version: 2n,
      lease: '7fffffffffffffff',
      prev_value: '1',
    });
    expect(eventRecord(del)).toEqual({ type: 'DELETE', key_base64: '/w==', mod_revision: 1n });
  });

  it('NDJSON: a line per event; json and yaml: a document per event; progress records', () => {
    const nd = bytesOf(watchScript('ndjson', resp as never, false))
      .toString()
      .split('\n');
    expect(nd).toHaveLength(3);
    expect(JSON.parse(nd[1]!).type).toBe('DELETE');
    expect(watchScript('json', resp as never, false)).toHaveLength(2);
    expect(bytesOf(watchScript('yaml', resp as never, false)).toString()).toMatch(
      /^---\ntype: PUT\n[^]*---\ntype: DELETE\n/,
    );
    const progress = { ...resp, events: [] };
    expect(watchScript('ndjson', progress as never, true)).toEqual([
      '{"type":"PROGRESS","revision":42}\n',
    ]);
    expect(watchScript('key', progress as never, true)).toEqual([]);
  });

  it('key: every event’s key; value: the new value of PUT events only', () => {
    expect(bytesOf(watchScript('key', resp as never, false))).toEqual(
      Buffer.concat([Buffer.from('café\n'), Buffer.from([0xff, 10])]),
    );
    expect(bytesOf(watchScript('value', resp as never, false)).toString()).toBe('{"json": true}\n');
  });
});

describe('lease, member and endpoint -o', () => {
  const id = 2324035781864696876n; // the ID jq rounded in etcd #14294
  it('lease IDs as 16 hex digits, exact beyond 2^53', () => {
    const grant = leaseView({ kind: 'grant', resp: { header, ID: id, TTL: 30n, error: '' } });
    expect(grant.doc).toEqual({ id: '2040a23af757ac2c', ttl: 30n });
    expect(BigInt(`0x${(grant.doc as { id: string }).id}`)).toBe(id);
    const ttl = leaseView({
      kind: 'timetolive',
      keys: true,
      resp: { header, ID: id, TTL: -1n, grantedTTL: 0n, keys: [enc('k'), new Uint8Array([0xff])] },
    });
    expect(ttl.doc).toEqual({
      id: '2040a23af757ac2c',
      ttl: -1n,
      granted_ttl: 0n,
      expired: true,
      keys: [{ key: 'k' }, { key_base64: '/w==' }],
    });
    const list = leaseView({ kind: 'leases', resp: { header, leases: [{ ID: 1n }, { ID: id }] } });
    expect(renderScript('ndjson', list)).toEqual([
      '{"id":"0000000000000001"}\n',
      '{"id":"2040a23af757ac2c"}\n',
    ]);
    const ka = leaseView({ kind: 'keepalive', resp: { header, ID: id, TTL: 30n } });
    expect(renderScript('yaml', ka)).toEqual(['---\nid: 2040a23af757ac2c\nttl: 30\n']);
  });

  it('member list: hex IDs, names, URLs, learner, started', () => {
    const v = memberListView({
      header,
      members: [
        {
          ID: id,
          name: 'm1',
          peerURLs: ['http://a:2380'],
          clientURLs: ['http://a:2379'],
          isLearner: false,
        },
        { ID: 3n, name: '', peerURLs: ['http://b:2380'], clientURLs: [], isLearner: true },
      ],
    });
    expect(v.doc).toMatchObject({ cluster_id: '0000000000000001', member_id: '0000000000000002' });
    expect(v.rows).toEqual([
      {
        id: '2040a23af757ac2c',
        name: 'm1',
        started: true,
        peer_urls: ['http://a:2380'],
        client_urls: ['http://a:2379'],
        is_learner: false,
      },
      {
        id: '0000000000000003',
        name: '',
        started: false,
        peer_urls: ['http://b:2380'],
        client_urls: [],
        is_learner: true,
      },
    ]);
  });

  it('endpoint status, hashkv and health: a record per endpoint, failures with their error', () => {
    const status = {
      header,
      version: '3.4.23',
      dbSize: 20480n,
      leader: 2n,
      raftIndex: 9n,
      raftTerm: 2n,
      raftAppliedIndex: 9n,
      errors: [],
      dbSizeInUse: 16384n,
      isLearner: false,
      storageVersion: '',
      dbSizeQuota: 0n,
    };
    const v = statusView([
      { ep: 'a:2379', resp: status },
      { ep: 'b:2379', error: 'context deadline exceeded' },
    ]);
    expect(v.rows).toEqual([
      {
        endpoint: 'a:2379',
        id: '0000000000000002',
        cluster_id: '0000000000000001',
        revision: 42n,
        version: '3.4.23',
        db_size: 20480n,
        db_size_in_use: 16384n,
        leader: '0000000000000002',
        is_leader: true,
        is_learner: false,
        raft_term: 2n,
        raft_index: 9n,
        raft_applied_index: 9n,
        errors: [],
      },
      { endpoint: 'b:2379', error: 'context deadline exceeded' },
    ]);
    const h = hashKVView([
      { ep: 'a:2379', resp: { header, hash: 7, compact_revision: 1n, hash_revision: 5n } },
    ]);
    expect(h.doc).toEqual({
      endpoints: [{ endpoint: 'a:2379', hash: 7, hash_revision: 5n, compact_revision: 1n }],
    });
    const health = healthView([
      { ep: 'a:2379', health: true, took: '1.5ms', error: '' },
      {
        ep: 'b:2379',
        health: false,
        took: '',
        error: 'context deadline exceeded',
        cause: 'connection refused',
      },
    ]);
    expect(health.rows).toEqual([
      { endpoint: 'a:2379', health: true, took: '1.5ms' },
      {
        endpoint: 'b:2379',
        health: false,
        error: 'context deadline exceeded (connection refused)',
      },
    ]);
  });
});

describe('which commands take -o', () => {
  const family = (formats?: readonly ScriptFormat[]) => {
    const root = new EctlCommand('ectl');
    const cmd = root.command('txn');
    cmd.etcdctlFamily = true;
    if (formats) cmd.scriptOutput(formats);
    return cmd;
  };

  it('refuses a format an etcdctl-family command did not declare, before any RPC (exit 4)', () => {
    expect(() => scriptOutputOf(family(), 'json', true)).toThrow('-o is not supported by "txn"');
    expect(() => scriptOutputOf(family(['json', 'yaml']), 'value', true)).toThrow(
      '-o value is not supported by "txn" (it prints json, yaml)',
    );
    expect(scriptOutputOf(family(['json']), 'json', true)).toBe('json');
  });

  it('ignores ECTL_OUTPUT where the command lacks the format; ectl commands take every format', () => {
    expect(scriptOutputOf(family(), 'json', false)).toBeUndefined();
    const own = new EctlCommand('ectl').command('status');
    expect(scriptOutputOf(own, 'wide', true)).toBe('wide');
  });
});
