// The Go client's concurrency.Mutex, key for key: waiters put `<name>/<lease hex>` (attached to
// their session's lease) and the oldest key holds the lock, so ectl, etcdctl and Go programs
// exclude each other. Each waiter watches only its immediate predecessor.
import { hexId } from '../../go/format.js';
import {
  Compare_CompareResult as CompareResult,
  Compare_CompareTarget as CompareTarget,
  type RangeRequest,
  RangeRequest_SortOrder as SortOrder,
  RangeRequest_SortTarget as SortTarget,
  type ResponseHeader,
  type TxnRequest,
} from '../proto/gen/messages.js';
import type { MessageInit } from '../proto/codec.js';
import { prefixEnd } from '../keys.js';
import { ClientError } from '../errors.js';
import { call, persist, type Timing } from './calls.js';
import { anySignal } from '../transport/sleep.js';
import { abandon, type Session } from './session.js';
import { readRange, waitDeletes } from './wait.js';

const utf8 = new TextEncoder();

/** The range of the oldest key under `prefix` (WithFirstCreate): the lock owner, the leader. */
export function firstCreated(prefix: Uint8Array): MessageInit<RangeRequest> {
  return {
    key: prefix,
    range_end: prefixEnd(prefix),
    sort_target: SortTarget.CREATE,
    sort_order: SortOrder.ASCEND,
    limit: 1n,
  };
}

/** The acquire transaction of tryAcquire: create my key if absent, and read the owner either way. */
export function acquireTxn(
  prefix: Uint8Array,
  key: Uint8Array,
  lease: bigint,
): MessageInit<TxnRequest> {
  const owner = { request_range: firstCreated(prefix) };
  return {
    compare: [
      { result: CompareResult.EQUAL, target: CompareTarget.CREATE, key, create_revision: 0n },
    ],
    success: [{ request_put: { key, value: new Uint8Array(0), lease } }, owner],
    failure: [{ request_range: { key } }, owner],
  };
}

/** A distributed lock on `name`, held through `session`. */
export class Mutex {
  readonly prefix: Uint8Array;
  /** `<name>/<lease id in hex>`, as etcdctl names it. */
  readonly keyText: string;
  readonly key: Uint8Array;
  /** The create revision of my key once known. */
  rev = -1n;
  /** The header of the response that granted the lock (ETCD_LOCK_REV is its revision). */
  header: ResponseHeader | undefined;

  constructor(
    private readonly session: Session,
    name: string,
    private readonly timing: Timing,
  ) {
    this.prefix = utf8.encode(`${name}/`);
    this.keyText = `${name}/${hexId(session.lease)}`;
    this.key = utf8.encode(this.keyText);
  }

  /** Puts my key if absent and reads the owner: the first step of Lock and TryLock. */
  private async acquire(opts: { signal: AbortSignal; stop: AbortSignal }) {
    const { session, timing } = this;
    // The transaction is safe to resend: a second run finds my key and reads its revision.
    const resp = await persist(
      () =>
        call(session.client, 'KV.Txn', acquireTxn(this.prefix, this.key, session.lease), {
          signal: opts.signal,
          deadline: Date.now() + timing.dialMs + timing.requestMs,
          idempotent: true,
        }),
      { ...opts, what: 'lock acquisition' },
      timing,
    );
    const mine = resp.responses[0]?.response_range?.kvs[0];
    this.rev = resp.succeeded ? (resp.header?.revision ?? 0n) : (mine?.create_revision ?? 0n);
    const owner = resp.responses[1]?.response_range?.kvs[0];
    const held = !owner || owner.create_revision === this.rev;
    if (held) this.header = resp.header;
    return { resp, owner: held ? undefined : owner };
  }

  /**
   * Waits until the lock is mine. `signal` aborting makes it remove its key and reject with
   * `context canceled`; losing the session rejects with `mutex: session is expired`.
   */
  async lock(signal: AbortSignal): Promise<void> {
    const { session, timing } = this;
    const client = session.client;
    const opts = { signal: anySignal(signal, session.lost), stop: session.lost };
    try {
      const { owner } = await this.acquire(opts);
      if (!owner) return;
      await waitDeletes(client, this.prefix, this.rev - 1n, opts, timing);
      const g = await readRange(client, { key: this.key }, opts, timing);
      if (g.kvs.length === 0) throw new ClientError('mutex: session is expired', 'session');
      this.header = g.header;
    } catch (err) {
      return abandon(err, () => this.unlock(), signal, session, 'mutex: session is expired');
    }
  }

  /**
   * One attempt, the Go client's TryLock: resolves with undefined when the lock is mine, or with
   * the holder's key when another holds it (my key is removed again then).
   */
  async tryLock(signal: AbortSignal): Promise<Uint8Array | undefined> {
    const { session } = this;
    const opts = { signal: anySignal(signal, session.lost), stop: session.lost };
    try {
      const { owner } = await this.acquire(opts);
      if (owner) await this.unlock();
      return owner?.key;
    } catch (err) {
      return abandon(err, () => this.unlock(), signal, session, 'mutex: session is expired');
    }
  }

  /**
   * Deletes my key (releases the lock or leaves the queue); safe to call more than once, and also
   * after an acquire transaction that may have been applied without an answer.
   */
  async unlock(): Promise<void> {
    const { timing } = this;
    await call(
      this.session.client,
      'KV.DeleteRange',
      { key: this.key },
      { deadline: Date.now() + timing.dialMs + timing.requestMs, idempotent: true },
    );
  }
}
