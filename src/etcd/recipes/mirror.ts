// Mirroring a key range of one cluster into another, as etcd's client/v3/mirror Syncer and
// etcdctl's make-mirror do: copy every key at one revision (pages of 1000, one Put each), then
// follow the source's history from the next revision and replay each revision in destination
// transactions. The follow phase is the resilient Watcher, so a source member that dies or restarts
// costs nothing: the watch resumes on another member at the first revision not yet replayed, and
// each event is applied exactly once.
import type { ClientCallOptions, EtcdClient } from '../client.js';
import { EtcdError } from '../errors.js';
import { prefixRange } from '../keys.js';
import type { MessageInit } from '../proto/codec.js';
import type { Event, RequestOp } from '../proto/gen/messages.js';
import { clientWatchDeps } from '../watch/stream.js';
import { Watcher, type WatcherOptions } from '../watch/watcher.js';

/** What to mirror, where to, and how the calls are bounded. */
export interface MirrorOptions {
  /** Source prefix; empty: every key. */
  prefix: Uint8Array;
  /** What replaces the first occurrence of `prefix` in destination keys. */
  destPrefix: Uint8Array;
  /** The revision to start following at without copying; 0n: copy every key first. */
  fromRevision: bigint;
  /** Operations per destination transaction (etcdctl's --max-txn-ops). */
  maxTxnOps: number;
  /** Options of one call (a deadline each), source reads and destination writes alike. */
  call(): ClientCallOptions;
  /** The follow phase's watcher (signal, reconnect bounds, warnings). */
  watch: Omit<WatcherOptions, 'deliver'>;
  /** `n` more keys were put or deleted at the destination. */
  onSynced(n: number): void;
}

const pageSize = 1000n;
const DELETE = 1;

/** Go's strings.Replace(key, prefix, destPrefix, 1), on bytes: an empty prefix is prepended to. */
export function rewriteKey(key: Uint8Array, prefix: Uint8Array, dest: Uint8Array): Uint8Array {
  const at = Buffer.from(key.buffer, key.byteOffset, key.length).indexOf(
    Buffer.from(prefix.buffer, prefix.byteOffset, prefix.length),
  );
  if (at < 0) return key;
  const out = new Uint8Array(key.length - prefix.length + dest.length);
  out.set(key.subarray(0, at));
  out.set(dest, at);
  out.set(key.subarray(at + prefix.length), at + dest.length);
  return out;
}

/**
 * The destination transactions replaying one watch response, as etcdctl groups them: a new
 * transaction at every new revision and after every `maxTxnOps` operations (at 0 that is an empty
 * transaction before each revision's first event, as etcdctl sends it).
 */
export function replayTxns(
  events: readonly Event[],
  maxTxnOps: number,
  rewrite: (key: Uint8Array) => Uint8Array,
): MessageInit<RequestOp>[][] {
  const txns: MessageInit<RequestOp>[][] = [];
  let ops: MessageInit<RequestOp>[] = [];
  let lastRev = 0n;
  for (const ev of events) {
    const kv = ev.kv;
    if (!kv) continue;
    if (lastRev !== 0n && kv.mod_revision > lastRev) {
      txns.push(ops);
      ops = [];
    }
    lastRev = kv.mod_revision;
    if (ops.length === maxTxnOps) {
      txns.push(ops);
      ops = [];
    }
    const key = rewrite(kv.key);
    ops.push(
      ev.type === DELETE
        ? { request_delete_range: { key } }
        : { request_put: { key, value: kv.value } },
    );
  }
  if (ops.length > 0) txns.push(ops);
  return txns;
}

/** Copies the keys, then follows the source; resolves never, rejects with what stopped it. */
export async function mirror(src: EtcdClient, dst: EtcdClient, o: MirrorOptions): Promise<never> {
  const rewrite = (key: Uint8Array) => rewriteKey(key, o.prefix, o.destPrefix);
  const from = o.fromRevision > 0n ? o.fromRevision : (await copyKeys(src, dst, o, rewrite)) + 1n;
  const watcher = new Watcher(clientWatchDeps(src), {
    ...o.watch,
    async deliver(_w, { resp, error }) {
      if (error !== undefined) throw new EtcdError(error, 2, error);
      for (const ops of replayTxns(resp.events, o.maxTxnOps, rewrite)) {
        await dst.unary('KV.Txn', { success: ops }, o.call());
        o.onSynced(ops.length);
      }
    },
  });
  try {
    const spec = { ...prefixRange(o.prefix), start_revision: from };
    const watch = watcher.add({ ...spec, prev_kv: false, progress_notify: false });
    await Promise.race([watch.done, watcher.failed]);
  } finally {
    watcher.close();
  }
  // The Go client closes the channel without an error here; etcdctl then prints `Error: <nil>`.
  throw new EtcdError('watch is canceled by the server', 2, 'watch is canceled by the server');
}

/** The base copy at one revision, page by page; returns that revision. */
async function copyKeys(
  src: EtcdClient,
  dst: EtcdClient,
  o: MirrorOptions,
  rewrite: (key: Uint8Array) => Uint8Array,
): Promise<bigint> {
  const range = prefixRange(o.prefix);
  let key = range.key;
  let revision = 0n;
  for (;;) {
    const req = { key, range_end: range.range_end, limit: pageSize, revision };
    const page = await src.unary('KV.Range', req, { ...o.call(), idempotent: true });
    if (revision === 0n) revision = page.header?.revision ?? 0n;
    for (const kv of page.kvs) {
      await dst.unary('KV.Put', { key: rewrite(kv.key), value: kv.value }, o.call());
      o.onSynced(1);
    }
    const last = page.kvs[page.kvs.length - 1];
    if (!page.more || !last) return revision;
    key = new Uint8Array(last.key.length + 1);
    key.set(last.key);
  }
}
