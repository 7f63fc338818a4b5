// A consistent dump of a range for `ectl export`: paged by range-pages (memory bounded by one page),
// every page read at the revision the first page fixed, and the remaining TTL of each attached lease
// asked once per lease (LeaseTimeToLive), so a dump can recreate its leases elsewhere.
import { rangeRequest } from '../range-request.js';
import type { ClientCallOptions, EtcdClient } from '../client.js';
import type { KeyValue, RangeRequest } from '../proto/gen/messages.js';
import { prefixEnd } from '../keys.js';
import { rangePages } from './range-pages.js';

/** One page of a dump: the revision and cluster it was read at, its keys and their leases' TTLs. */
export interface DumpPage {
  revision: bigint;
  clusterId: bigint;
  kvs: KeyValue[];
  /** Seconds left of each lease of `kvs` when asked; -1 when the lease is gone. */
  leaseTtl: ReadonlyMap<bigint, bigint>;
}

/** The paged read of every key under `prefix` (every key when empty) at `revision` (0: now). */
export function dumpRequest(prefix: Uint8Array, revision: bigint): RangeRequest {
  return rangeRequest({
    key: prefix.length > 0 ? prefix : Uint8Array.of(0),
    range_end: prefixEnd(prefix),
    revision,
  });
}

/**
 * Yields the dump's pages. The revision is `revision` when given, else the first page's: later
 * pages are read at it, so the dump is the keyspace of one moment whatever changes meanwhile.
 */
export async function* dumpPages(
  client: EtcdClient,
  prefix: Uint8Array,
  revision: bigint,
  call: () => ClientCallOptions,
): AsyncGenerator<DumpPage> {
  // Distinct leases are few next to keys; their TTLs are kept for the whole dump.
  const ttl = new Map<bigint, bigint>();
  let fixed = revision;
  for await (const page of rangePages(client, dumpRequest(prefix, revision), () => ({
    ...call(),
    idempotent: true,
  }))) {
    if (fixed === 0n) fixed = page.header?.revision ?? 0n;
    for (const kv of page.kvs) {
      if (kv.lease === 0n || ttl.has(kv.lease)) continue;
      const r = await client.unary(
        'Lease.LeaseTimeToLive',
        { ID: kv.lease, keys: false },
        { ...call(), idempotent: true },
      );
      ttl.set(kv.lease, r.TTL);
    }
    yield {
      revision: fixed,
      clusterId: page.header?.cluster_id ?? 0n,
      kvs: page.kvs,
      leaseTtl: ttl,
    };
  }
}
