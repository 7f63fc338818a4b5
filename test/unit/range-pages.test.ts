// rangePages: each page is one Range, and with a function for its options each page gets its own
// (get gives each its own --command-timeout deadline, as etcdctl's one Range has).
import { describe, expect, it } from 'vitest';
import type { EtcdClient } from '../../src/etcd/client.js';
import type { KeyValue, RangeRequest } from '../../src/etcd/proto/gen/messages.js';
import { rangePages } from '../../src/etcd/recipes/range-pages.js';

const enc = (s: string) => new TextEncoder().encode(s);
const keys: KeyValue[] = Array.from({ length: 5000 }, (_, i) => ({
  key: enc(`k/${String(i).padStart(5, '0')}`),
  value: enc('v'),
  create_revision: 2n,
  mod_revision: 2n,
  version: 1n,
  lease: 0n,
}));

/** Answers KV.Range over `keys` from req.key on, recording each call's options. */
function fakeClient(seen: unknown[]): EtcdClient {
  return {
    unary: async (_method: string, req: RangeRequest, opts: unknown) => {
      seen.push(opts);
      const from = keys.findIndex(
        (kv) => Buffer.compare(Buffer.from(kv.key), Buffer.from(req.key)) >= 0,
      );
      const page = keys.slice(from, from + Number(req.limit));
      return {
        header: { cluster_id: 1n, member_id: 1n, revision: 9n, raft_term: 1n },
        kvs: page,
        more: from + page.length < keys.length,
        count: BigInt(keys.length - from),
      };
    },
  } as unknown as EtcdClient;
}

const req: RangeRequest = {
  key: enc('k/'),
  range_end: enc('k0'),
  limit: 0n,
  revision: 0n,
  sort_order: 0,
  sort_target: 0,
  serializable: false,
  keys_only: false,
  count_only: false,
  min_mod_revision: 0n,
  max_mod_revision: 0n,
  min_create_revision: 0n,
  max_create_revision: 0n,
};

describe('rangePages', () => {
  it('asks for each page’s options when given a function', async () => {
    const seen: unknown[] = [];
    let n = 0;
    let total = 0;
    for await (const page of rangePages(fakeClient(seen), req, () => ({ deadline: ++n })))
      total += page.kvs.length;
    expect(total).toBe(5000);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual(seen.map((_, i) => ({ deadline: i + 1 })));
  });

  it('without prefetch asks for the next page only once the current one was handled', async () => {
    const seen: unknown[] = [];
    const pages = rangePages(fakeClient(seen), req, { deadline: 1 }, false);
    await pages.next();
    expect(seen).toHaveLength(1);
    await pages.next();
    expect(seen).toHaveLength(2);
    const eager: unknown[] = [];
    await rangePages(fakeClient(eager), req, { deadline: 1 }).next();
    expect(eager).toHaveLength(2);
  });

  it('uses the same options for every page when given an object', async () => {
    const seen: unknown[] = [];
    for await (const _ of rangePages(fakeClient(seen), req, { deadline: 7 })) void _;
    expect(new Set(seen.map((o) => JSON.stringify(o)))).toEqual(new Set(['{"deadline":7}']));
  });
});
