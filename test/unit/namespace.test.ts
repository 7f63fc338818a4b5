// The namespace wrapper (src/etcd/namespace.ts) as Go's clientv3/namespace: what it sends (keys,
// range ends with Go's prefixInterval edge cases, txn compares and nested ops, watch creates) and
// that every key it hands back has lost the prefix; run against the fake client where it answers.
import { describe, expect, it } from 'vitest';
import { Namespace, prefixInterval, withNamespace } from '../../src/etcd/namespace.js';
import type { EtcdClient } from '../../src/etcd/client.js';
import { FakeEtcd } from '../helpers/fake-client.js';
import type { KeyValue } from '../../src/etcd/proto/gen/messages.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const s = (u: Uint8Array | undefined) => Buffer.from(u ?? []).toString('latin1');
const kv = (key: string): KeyValue => ({
  key: b(key),
  value: b('v'),
  create_revision: 1n,
  mod_revision: 1n,
  version: 1n,
  lease: 0n,
});

async function namespaced(prefix: string): Promise<{ fake: FakeEtcd; client: EtcdClient }> {
  const fake = new FakeEtcd();
  const raw = await fake.connect({} as never, {} as never);
  return { fake, client: withNamespace(raw, prefix) };
}

describe('prefixInterval (Go: namespace/util.go)', () => {
  it('a single key: the prefix before it, no range end', () => {
    const r = prefixInterval(b('p/'), b('k'), b(''));
    expect([s(r.key), s(r.end)]).toEqual(['p/k', '']);
  });
  it('a range [a, c): both ends under the prefix', () => {
    const r = prefixInterval(b('p/'), b('a'), b('c'));
    expect([s(r.key), s(r.end)]).toEqual(['p/a', 'p/c']);
  });
  it('from a key ("\\0" end): up to the end of the prefix, not of the key space', () => {
    const r = prefixInterval(b('p/'), b('a'), b('\0'));
    expect([s(r.key), s(r.end)]).toEqual(['p/a', 'p0']);
  });
  it('every key ("" from "\\0"... as get "" --from-key): the whole prefix', () => {
    const r = prefixInterval(b('p/'), b(''), b('\0'));
    expect([s(r.key), s(r.end)]).toEqual(['p/', 'p0']);
  });
  it('a prefix ending in 0xff carries into the byte before it', () => {
    const r = prefixInterval(b('a\xff'), b(''), b('\0'));
    expect([s(r.key), s(r.end)]).toEqual(['a\xff', 'b']);
  });
  it('a prefix of 0xff bytes only: to the end of the key space ("\\0")', () => {
    const r = prefixInterval(b('\xff\xff'), b('x'), b('\0'));
    expect([s(r.key), s(r.end)]).toEqual(['\xff\xffx', '\0']);
  });
});

describe('withNamespace against the fake client', () => {
  it('put and get: the key is stored under the prefix and read back without it', async () => {
    const { fake, client } = await namespaced('/team/');
    await client.unary('KV.Put', { key: b('k'), value: b('1') });
    expect([...fake.kvs.keys()]).toEqual(['/team/k']);
    const resp = await client.unary('KV.Range', { key: b('k') });
    expect(resp.kvs.map((x) => s(x.key))).toEqual(['k']);
    expect(s((fake.calls[1]!.req as { key: Uint8Array }).key)).toBe('/team/k');
  });

  it('a range of every key ("\\0" from "\\0") sees only the namespace, stripped', async () => {
    const { fake, client } = await namespaced('/team/');
    fake.kvs.set('/other/x', kv('/other/x'));
    fake.kvs.set('/team/a', kv('/team/a'));
    fake.kvs.set('/team/b', kv('/team/b'));
    fake.kvs.set('/teamz', kv('/teamz'));
    const resp = await client.unary('KV.Range', { key: b('\0'), range_end: b('\0') });
    expect(resp.kvs.map((x) => s(x.key))).toEqual(['a', 'b']);
    const sent = fake.calls[0]!.req as { key: Uint8Array; range_end: Uint8Array };
    expect([s(sent.key), s(sent.range_end)]).toEqual(['/team/\0', '/team0']);
  });

  it('delete --prefix "" deletes the namespace only; prev_kvs come back stripped', async () => {
    const { fake, client } = await namespaced('/team/');
    fake.kvs.set('/other/x', kv('/other/x'));
    fake.kvs.set('/team/a', kv('/team/a'));
    const resp = await client.unary('KV.DeleteRange', {
      key: b(''),
      range_end: b('\0'),
      prev_kv: true,
    });
    expect(resp.deleted).toBe(1n);
    expect(resp.prev_kvs.map((x) => s(x.key))).toEqual(['a']);
    expect([...fake.kvs.keys()]).toEqual(['/other/x']);
  });

  it('put --prev-kv: the previous pair stripped', async () => {
    const { fake, client } = await namespaced('n/');
    fake.kvs.set('n/k', kv('n/k'));
    const resp = await client.unary('KV.Put', { key: b('k'), value: b('2'), prev_kv: true });
    expect(s(resp.prev_kv?.key)).toBe('k');
  });

  it('a txn is sent with its compares and ops (nested too) under the prefix', async () => {
    const { fake, client } = await namespaced('n/');
    await client
      .unary('KV.Txn', {
        compare: [
          { key: b('c'), target: 1, result: 0 },
          { key: b('r'), range_end: b('\0'), target: 1, result: 0 },
        ],
        success: [
          { request_put: { key: b('p'), value: b('v') } },
          { request_range: { key: b('a'), range_end: b('b') } },
          {
            request_txn: {
              compare: [{ key: b('x'), target: 1, result: 0 }],
              success: [{ request_delete_range: { key: b('d') } }],
            },
          },
        ],
        failure: [{ request_delete_range: { key: b(''), range_end: b('\0') } }],
      })
      .catch(() => undefined); // the fake does not answer txns; what was sent is what counts
    const req = fake.calls[0]!.req as {
      compare: { key: Uint8Array; range_end?: Uint8Array }[];
      success: Record<string, { key: Uint8Array; range_end?: Uint8Array; compare?: never }>[];
      failure: { request_delete_range: { key: Uint8Array; range_end: Uint8Array } }[];
    };
    expect(req.compare.map((c) => [s(c.key), s(c.range_end)])).toEqual([
      ['n/c', ''],
      ['n/r', 'n0'],
    ]);
    expect(s(req.success[0]!.request_put!.key)).toBe('n/p');
    expect(s(req.success[1]!.request_range!.range_end)).toBe('n/b');
    const nested = req.success[2]!.request_txn as unknown as {
      compare: { key: Uint8Array }[];
      success: { request_delete_range: { key: Uint8Array } }[];
    };
    expect(s(nested.compare[0]!.key)).toBe('n/x');
    expect(s(nested.success[0]!.request_delete_range.key)).toBe('n/d');
    const f = req.failure[0]!.request_delete_range;
    expect([s(f.key), s(f.range_end)]).toEqual(['n/', 'n0']);
  });

  it('methods without keys pass through untouched', async () => {
    const { fake, client } = await namespaced('n/');
    await client.unary('Cluster.MemberList', {}).catch(() => undefined);
    expect(fake.calls[0]).toEqual({ method: 'Cluster.MemberList', req: {} });
  });
});

describe('Namespace: responses', () => {
  const ns = new Namespace('n/');
  it('txn responses: ranges, prev_kvs of puts and deletes, nested txns', () => {
    const out = ns.txnResponse({
      succeeded: true,
      responses: [
        { response_range: { kvs: [kv('n/a')], more: false, count: 1n } },
        { response_put: { prev_kv: kv('n/p') } },
        { response_delete_range: { deleted: 1n, prev_kvs: [kv('n/d')] } },
        {
          response_txn: {
            succeeded: true,
            responses: [{ response_range: { kvs: [kv('n/z')], more: false, count: 1n } }],
          },
        },
      ],
    });
    expect(s(out.responses[0]!.response_range!.kvs[0]!.key)).toBe('a');
    expect(s(out.responses[1]!.response_put!.prev_kv!.key)).toBe('p');
    expect(s(out.responses[2]!.response_delete_range!.prev_kvs[0]!.key)).toBe('d');
    const inner = out.responses[3]!.response_txn!.responses[0]!.response_range!;
    expect(s(inner.kvs[0]!.key)).toBe('z');
  });

  it('watch: the create request under the prefix, event keys stripped', () => {
    const req = ns.watchRequest({ create_request: { key: b('k'), range_end: b('\0') } });
    expect([s(req.create_request!.key), s(req.create_request!.range_end)]).toEqual(['n/k', 'n0']);
    const resp = ns.watchResponse({
      watch_id: 0n,
      created: false,
      canceled: false,
      compact_revision: 0n,
      cancel_reason: '',
      fragment: false,
      events: [{ type: 0, kv: kv('n/k'), prev_kv: kv('n/k') }],
    });
    expect(s(resp.events[0]!.kv!.key)).toBe('k');
    expect(s(resp.events[0]!.prev_kv!.key)).toBe('k');
  });

  it("a lease's keys: those of the namespace, stripped; others hidden (Go's leasePrefix)", () => {
    const out = ns.response('Lease.LeaseTimeToLive', {
      ID: 1n,
      TTL: 5n,
      grantedTTL: 10n,
      keys: [b('n/a'), b('other')],
    });
    expect(out.keys.map(s)).toEqual(['a']);
  });
});

describe('the raw-bytes path', () => {
  it('is not offered by a namespaced client (its keys could not be confined or stripped)', () => {
    const raw = { unaryBytes: () => Promise.resolve(new Uint8Array()) } as unknown as EtcdClient;
    expect(raw.unaryBytes).toBeDefined();
    expect(withNamespace(raw, '/team/').unaryBytes).toBeUndefined();
  });
});
