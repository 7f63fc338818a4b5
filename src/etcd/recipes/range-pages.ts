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

const firstPageKeys = 2000n;
const targetPageBytes = 2 * 1024 * 1024;
const minPageKeys = 500;
const maxPageKeys = 50_000;

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

/**
 * Yields the pages of a pageable range. The first page's header and count describe the whole
 * result; each next page is requested before the current one is handed out, so printing overlaps
 * the server's work. `call` may be a function giving each page's options: each page is one RPC,
 * with a deadline of its own, as etcdctl's single Range has one (a slow reader of a big range
 * must not run the whole read out of time). Without `prefetch`, the next page is asked for only
 * when the current one was handled: a consumer slower than the deadline (YAML of a big page) does
 * not leave a request waiting past it.
 */
export async function* rangePages(
  client: EtcdClient,
  req: RangeRequest,
  call: ClientCallOptions | (() => ClientCallOptions),
  prefetch = true,
): AsyncGenerator<RangeResponse> {
  const opts = typeof call === 'function' ? call : () => call;
  let revision = req.revision;
  let pending: Promise<RangeResponse> | undefined = client.unary(
    'KV.Range',
    { ...req, limit: firstPageKeys },
    opts(),
  );
  while (pending) {
    const page: RangeResponse = await pending;
    pending = undefined;
    if (revision === 0n) revision = page.header?.revision ?? 0n;
    const last = page.kvs[page.kvs.length - 1];
    let next: (() => Promise<RangeResponse>) | undefined;
    if (page.more && last) {
      const perKey = Math.max(1, pageBytes(page.kvs) / page.kvs.length);
      const limit = BigInt(
        Math.round(Math.min(maxPageKeys, Math.max(minPageKeys, targetPageBytes / perKey))),
      );
      const from = after(last.key);
      next = () => client.unary('KV.Range', { ...req, key: from, revision, limit }, opts());
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
