// Reads a large range in pages at one revision, so memory stays bounded by a page instead of
// growing with the result (etcdctl holds the whole response). The pages together are exactly the
// single response etcdctl would have received at that revision.
import {
  type KeyValue,
  type RangeRequest,
  RangeRequest_SortOrder as SortOrder,
  RangeRequest_SortTarget as SortTarget,
  type RangeResponse,
} from '../proto/gen/messages.js';
import type { ClientCallOptions, EtcdClient } from '../client.js';
import { type WireRangePage, keyAt, splitRangeResponse } from './range-wire.js';

export type { WireRangePage } from './range-wire.js';

const firstPageKeys = 2000n;
// 4 MiB and 100,000 keys: on 3.4 the server counts the rest of the range for every page, so fewer
// pages is less of its time (100,000 keys, -w json: 4 MiB pages took ~6% less than 2 MiB, 8 MiB
// no less than 4; peak RSS the same).
const targetPageBytes = 4 * 1024 * 1024;
const minPageKeys = 500;
const maxPageKeys = 100_000;

/** Whether paging yields the same result as one Range: key order, no limit, no filters. */
export function pageable(req: RangeRequest): boolean {
  return (
    req.range_end.length > 0 &&
    req.limit === 0n &&
    req.sort_target === SortTarget.KEY &&
    req.sort_order === SortOrder.NONE &&
    !req.count_only &&
    req.min_mod_revision === 0n &&
    req.max_mod_revision === 0n &&
    req.min_create_revision === 0n &&
    req.max_create_revision === 0n
  );
}

function pageBytes(kvs: readonly KeyValue[]): number {
  let n = 0;
  for (const kv of kvs) n += kv.key.length + kv.value.length + 32;
  return n;
}

/** The first key after `key`: the key itself with a zero byte appended. */
function after(key: Uint8Array): Uint8Array {
  const next = new Uint8Array(key.length + 1);
  next.set(key);
  return next;
}

/** Each page's call options: one RPC per page, each with a deadline of its own. */
type PageCall = ClientCallOptions | (() => ClientCallOptions);

/** What the page loop needs to know of a page, whichever its form. */
interface PageFacts {
  revision: bigint | undefined;
  more: boolean;
  length: number;
  bytes: number;
  lastKey: () => Uint8Array;
}

/**
 * Yields the pages of a pageable range. The first page's header and count describe the whole
 * result; each next page is requested before the current one is handed out, so printing overlaps
 * the server's work. Pages are sized by bytes, from the sizes of the keys seen so far. Without
 * `prefetch`, the next page is asked for only when the current one was handled: a consumer slower
 * than the deadline (YAML of a big page) does not leave a request waiting past it.
 */
async function* pagesOf<P>(
  req: RangeRequest,
  fetch: (req: RangeRequest) => Promise<P>,
  facts: (page: P) => PageFacts,
  targetBytes: number,
  prefetch: boolean,
): AsyncGenerator<P> {
  let revision = req.revision;
  let pending: Promise<P> | undefined = fetch({ ...req, limit: firstPageKeys });
  while (pending) {
    const page: P = await pending;
    pending = undefined;
    const f = facts(page);
    if (revision === 0n) revision = f.revision ?? 0n;
    let next: (() => Promise<P>) | undefined;
    if (f.more && f.length > 0) {
      const perKey = Math.max(1, f.bytes / f.length);
      const limit = BigInt(
        Math.round(Math.min(maxPageKeys, Math.max(minPageKeys, targetBytes / perKey))),
      );
      const from = after(f.lastKey());
      next = () => fetch({ ...req, key: from, revision, limit });
    }
    if (next && prefetch) {
      pending = next();
      // Awaited on the next turn; this only keeps an early failure from being reported unhandled.
      pending.catch(() => undefined);
    }
    yield page;
    if (next && !prefetch) pending = next();
  }
}

/**
 * Yields the pages of a pageable range as decoded responses. `call` may be a function giving each
 * page's options: each page is one RPC, with a deadline of its own, as etcdctl's single Range has
 * one (a slow reader of a big range must not run the whole read out of time).
 */
export function rangePages(
  client: EtcdClient,
  req: RangeRequest,
  call: PageCall,
  prefetch = true,
): AsyncGenerator<RangeResponse> {
  const opts = typeof call === 'function' ? call : () => call;
  return pagesOf(
    req,
    (r) => client.unary('KV.Range', r, opts()),
    (page) => ({
      revision: page.header?.revision,
      more: page.more,
      length: page.kvs.length,
      bytes: pageBytes(page.kvs),
      lastKey: () => page.kvs[page.kvs.length - 1]!.key,
    }),
    // A decoded key-value costs several times its bytes (objects, views, bigints): smaller pages
    // keep the peak memory low.
    targetPageBytes / 4,
    prefetch,
  );
}

/**
 * Yields the pages of a pageable range as wire bytes, when the client can return them
 * (`unaryBytes`); undefined when it cannot.
 */
export function wireRangePages(
  client: EtcdClient,
  req: RangeRequest,
  call: PageCall,
): AsyncGenerator<WireRangePage> | undefined {
  const unaryBytes = client.unaryBytes?.bind(client);
  if (!unaryBytes) return undefined;
  const opts = typeof call === 'function' ? call : () => call;
  return pagesOf(
    req,
    async (r) => splitRangeResponse(await unaryBytes('KV.Range', r, opts())),
    (page) => ({
      revision: page.header?.revision,
      more: page.more,
      length: page.length,
      bytes: page.bytes.length,
      lastKey: () => keyAt(page, page.length - 1),
    }),
    targetPageBytes,
    true,
  );
}
