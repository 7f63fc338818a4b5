// The transactions of `ectl import`: records grouped into batches within etcd's limits (operations
// per txn, bytes per request), and one Txn per batch whose compares decide, key by key, what an
// existing key means: `fail` writes a batch only when none of its keys exists (create_revision 0),
// `skip` puts each key in a nested txn of its own that only runs where the key is absent, and
// `overwrite` puts. A batch is one round trip whatever the mode.
import type { ClientCallOptions, EtcdClient } from '../client.js';
import type { MessageInit } from '../proto/codec.js';
import {
  Compare_CompareResult as CompareResult,
  Compare_CompareTarget as CompareTarget,
  type RequestOp,
  type TxnRequest,
  type TxnResponse,
} from '../proto/gen/messages.js';

/** What import does with a key that already exists. */
export type ConflictMode = 'fail' | 'skip' | 'overwrite';

/** One put of an import. */
export interface ImportPut {
  key: Uint8Array;
  value: Uint8Array;
  /** The lease to attach in the destination (0n: none). */
  lease: bigint;
}

/** What one batch did: keys written, kept (skip), or found existing (fail: nothing written). */
export interface BatchOutcome {
  written: number;
  skipped: Uint8Array[];
  conflicts: Uint8Array[];
}

// A put's share of a request: key and value, the key again in a compare and a read, and framing.
const opOverhead = 64;

/** The bytes a put adds to an import txn (an upper bound: every mode's copies of the key). */
export function putCost(p: { key: Uint8Array; value: Uint8Array }): number {
  return p.key.length * 3 + p.value.length + opOverhead;
}

/** Collects puts into batches of at most `maxOps` puts and `maxBytes` (one put always fits). */
export class Batcher<T extends { key: Uint8Array; value: Uint8Array }> {
  private items: T[] = [];
  private bytes = 0;
  private readonly keys = new Set<string>();

  constructor(
    private readonly maxOps: number,
    private readonly maxBytes: number,
  ) {}

  /** Adds `item`; returns the batch it completes (etcd refuses a txn that puts a key twice). */
  add(item: T): T[] | undefined {
    const cost = putCost(item);
    const id = Buffer.from(item.key).toString('latin1');
    let full: T[] | undefined;
    if (this.items.length > 0 && (this.bytes + cost > this.maxBytes || this.keys.has(id)))
      full = this.take();
    this.items.push(item);
    this.bytes += cost;
    this.keys.add(id);
    if (this.items.length >= this.maxOps) return full ?? this.take();
    return full;
  }

  /** The batch collected so far (possibly empty), and a fresh start. */
  take(): T[] {
    const out = this.items;
    this.items = [];
    this.bytes = 0;
    this.keys.clear();
    return out;
  }
}

const absent = (key: Uint8Array) => ({
  result: CompareResult.EQUAL,
  target: CompareTarget.CREATE,
  key,
  create_revision: 0n,
});
const putOp = (p: ImportPut): MessageInit<RequestOp> => ({
  request_put: { key: p.key, value: p.value, lease: p.lease },
});
const readOp = (key: Uint8Array): MessageInit<RequestOp> => ({
  request_range: { key, keys_only: true },
});

/** The Txn that writes `puts` under `mode`. */
export function importTxn(puts: readonly ImportPut[], mode: ConflictMode): MessageInit<TxnRequest> {
  switch (mode) {
    case 'overwrite':
      return { success: puts.map(putOp) };
    case 'skip':
    case 'fail':
      return {
        compare: puts.map((p) => absent(p.key)),
        success: puts.map(putOp),
        failure: puts.map((p) => readOp(p.key)),
      };
  }
}

/** The read-only Txn that tells which of `keys` exist (dry runs and `fail`'s first pass). */
export function existsTxn(keys: readonly Uint8Array[]): MessageInit<TxnRequest> {
  return { success: keys.map(readOp) };
}

/** Which of the txn's reads found their key. */
function found(resp: TxnResponse): boolean[] {
  return resp.responses.map((r) => (r.response_range?.kvs.length ?? 0) > 0);
}

/** What `importTxn(puts, mode)`'s response says happened. */
export function batchOutcome(
  puts: readonly ImportPut[],
  mode: ConflictMode,
  resp: TxnResponse,
): BatchOutcome {
  if (mode === 'overwrite') return { written: puts.length, skipped: [], conflicts: [] };
  if (resp.succeeded) return { written: puts.length, skipped: [], conflicts: [] };
  const exists = found(resp);
  return { written: 0, skipped: [], conflicts: puts.filter((_, i) => exists[i]).map((p) => p.key) };
}

/** Writes one batch. */
export async function writeBatch(
  client: EtcdClient,
  puts: readonly ImportPut[],
  mode: ConflictMode,
  call: ClientCallOptions,
): Promise<BatchOutcome> {
  if (mode !== 'skip')
    return batchOutcome(puts, mode, await client.unary('KV.Txn', importTxn(puts, mode), call));
  // Each failed attempt names at least one existing key, so this ends.
  const skipped: Uint8Array[] = [];
  let rest = puts;
  while (rest.length > 0) {
    const resp = await client.unary('KV.Txn', importTxn(rest, 'fail'), call);
    const out = batchOutcome(rest, 'fail', resp);
    if (resp.succeeded) break;
    const exists = new Set(out.conflicts);
    skipped.push(...out.conflicts);
    rest = rest.filter((p) => !exists.has(p.key));
  }
  return { written: rest.length, skipped, conflicts: [] };
}

/** Which of `keys` exist now (one read-only txn). */
export async function existing(
  client: EtcdClient,
  keys: readonly Uint8Array[],
  call: ClientCallOptions,
): Promise<boolean[]> {
  if (keys.length === 0) return [];
  return found(await client.unary('KV.Txn', existsTxn(keys), { ...call, idempotent: true }));
}
