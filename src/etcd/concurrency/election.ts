// The Go client's concurrency.Election, key for key: candidates put `<name>/<lease hex>` with their
// proposal, the oldest key is the leader. Campaign, resign and observe interoperate with etcdctl,
// Go programs and the server's Election service. Observing survives broken streams, members dying
// and compaction by reading the leader again (a leader already reported is not reported twice).
import { hexId } from '../../go/format.js';
import type { EtcdClient } from '../client.js';
import {
  Compare_CompareResult as CompareResult,
  Compare_CompareTarget as CompareTarget,
  Event_EventType as EventType,
  type KeyValue,
  type RangeResponse,
  type ResponseHeader,
  type TxnRequest,
  type TxnResponse,
  type WatchResponse,
} from '../proto/gen/messages.js';
import type { MessageInit } from '../proto/codec.js';
import { prefixEnd } from '../keys.js';
import { ClientError, canceled } from '../errors.js';
import { call, persist, type Timing } from './calls.js';
import { anySignal, sleep } from '../transport/sleep.js';
import { firstCreated } from './mutex.js';
import { abandon, type Session } from './session.js';
import { waitDeletes, watchUntil } from './wait.js';

const utf8 = new TextEncoder();

/** A leader as observed: the shape etcdctl prints with its get printer. */
export type Observed = Pick<RangeResponse, 'header' | 'kvs'> & { more: false; count: 0n };

/** An election on `name`; campaigning needs a session, observing does not. */
export class Election {
  readonly prefix: Uint8Array;
  /** My key while campaigning or leading. */
  keyText = '';
  private rev = -1n;
  header: ResponseHeader | undefined;

  constructor(
    private readonly client: EtcdClient,
    private readonly session: Session | undefined,
    name: string,
    private readonly timing: Timing,
  ) {
    this.prefix = utf8.encode(`${name}/`);
  }

  get key(): Uint8Array {
    return utf8.encode(this.keyText);
  }

  /** The create revision of my key once campaigning (a fencing token of my leadership). */
  get createRevision(): bigint {
    return this.rev;
  }

  private txn(req: MessageInit<TxnRequest>, signal?: AbortSignal): Promise<TxnResponse> {
    const t = this.timing;
    return persist(
      () =>
        call(this.client, 'KV.Txn', req, {
          signal,
          deadline: Date.now() + t.dialMs + t.requestMs,
          idempotent: true,
        }),
      { signal, stop: this.session?.lost, what: 'election transaction' },
      t,
    );
  }

  private isMine(): MessageInit<TxnRequest>['compare'] {
    const c = { result: CompareResult.EQUAL, target: CompareTarget.CREATE, key: this.key };
    return [{ ...c, create_revision: this.rev }];
  }

  /**
   * Puts my proposal and waits until every older candidate is gone. `signal` aborting resigns and
   * rejects with `context canceled`; losing the session rejects with `elect: session expired`.
   */
  async campaign(value: Uint8Array, signal: AbortSignal): Promise<void> {
    const session = this.session!;
    this.keyText = `${new TextDecoder().decode(this.prefix)}${hexId(session.lease)}`;
    const key = this.key;
    const opts = { signal: anySignal(signal, session.lost), stop: session.lost };
    try {
      const resp = await this.txn(
        {
          compare: [
            { result: CompareResult.EQUAL, target: CompareTarget.CREATE, key, create_revision: 0n },
          ],
          success: [{ request_put: { key, value, lease: session.lease } }],
          failure: [{ request_range: { key } }],
        },
        opts.signal,
      );
      this.rev = resp.header?.revision ?? 0n;
      if (!resp.succeeded) {
        const kv = resp.responses[0]?.response_range?.kvs[0];
        this.rev = kv?.create_revision ?? 0n;
        if (kv && Buffer.compare(kv.value, value) !== 0) await this.proclaim(value, opts.signal);
      }
      await waitDeletes(this.client, this.prefix, this.rev - 1n, opts, this.timing);
      this.header = resp.header;
    } catch (err) {
      return abandon(err, () => this.resign(), signal, session, 'elect: session expired');
    }
  }

  /** Replaces my proposal while I lead; `election: not leader` when my key is gone. */
  async proclaim(value: Uint8Array, signal?: AbortSignal): Promise<void> {
    const lease = this.session!.lease;
    const resp = await this.txn(
      { compare: this.isMine(), success: [{ request_put: { key: this.key, value, lease } }] },
      signal,
    );
    if (!resp.succeeded) throw new ClientError('election: not leader', 'session');
    this.header = resp.header;
  }

  /**
   * Deletes my key if it is still the one I created: the next candidate takes over at once. If my
   * campaign's put may have been applied unanswered (rev unknown), the key, named after my
   * session's lease, is deleted all the same.
   */
  async resign(): Promise<void> {
    if (!this.keyText) return;
    const t = this.timing;
    const del = { request_delete_range: { key: this.key } };
    await call(
      this.client,
      'KV.Txn',
      { compare: this.rev < 0n ? [] : this.isMine(), success: [del] },
      { deadline: Date.now() + t.dialMs + t.requestMs, idempotent: true },
    );
    this.keyText = '';
  }

  /**
   * Reports the current leader and every later one (and every new proposal of a leader) until
   * `signal` aborts. Transient failures are retried; only the first read fails fast.
   */
  async observe(signal: AbortSignal, report: (leader: Observed) => void): Promise<void> {
    const t = this.timing;
    let last: KeyValue | undefined;
    // A printer's error (e.g. `table`) ends the observation; it is thrown once the watch is down.
    let failure: { error: unknown } | undefined;
    const emit = (header: ResponseHeader | undefined, kv: KeyValue): boolean => {
      const same =
        last && Buffer.compare(last.key, kv.key) === 0 && last.mod_revision === kv.mod_revision;
      last = kv;
      try {
        if (!same) report({ header, kvs: [kv], more: false, count: 0n });
      } catch (error) {
        failure = { error };
      }
      return failure === undefined;
    };
    let first = true;
    for (;;) {
      const read = () =>
        call(this.client, 'KV.Range', firstCreated(this.prefix), {
          signal,
          deadline: Date.now() + t.dialMs + t.requestMs,
          idempotent: true,
        });
      const resp = first ? await read() : await persist(read, { signal, what: 'range' }, t);
      first = false;
      let leader = resp.kvs[0];
      let header = resp.header;
      if (!leader) {
        // No leader yet: wait for the first key put under the prefix.
        const start = resp.header?.revision ?? 0n;
        await this.watch(signal, { key: this.prefix, prefix: true, start }, (wr) => {
          const put = wr.events.find((ev) => ev.type === EventType.PUT);
          if (!put?.kv) return true;
          leader = put.kv;
          // The header of a batch names its last revision: report the put's own.
          header = { ...wr.header!, revision: put.kv.mod_revision };
          return false;
        });
        if (!leader) continue;
      }
      if (!emit(header, leader)) throw failure!.error;
      // Follow the leader's key: new proposals are reported, its deletion ends its reign.
      const start = (header?.revision ?? leader.mod_revision) + 1n;
      await this.watch(signal, { key: leader.key, start }, (wr) => {
        for (const ev of wr.events) {
          if (ev.type === EventType.DELETE) return false;
          if (ev.kv && !emit(wr.header, ev.kv)) return false;
        }
        return true;
      });
      if (failure) throw failure.error;
    }
  }

  /** Watches the prefix or one key, feeding responses to `more` while it returns true. */
  private async watch(
    signal: AbortSignal,
    w: { key: Uint8Array; prefix?: boolean; start: bigint },
    more: (resp: WatchResponse) => boolean,
  ): Promise<void> {
    const create = {
      key: w.key,
      ...(w.prefix ? { range_end: prefixEnd(w.key) } : {}),
      start_revision: w.start,
    };
    try {
      await watchUntil(this.client, create, (wr) => !more(wr), signal, this.timing);
    } catch (err) {
      if (signal.aborted) throw canceled();
      this.timing.debug?.(`observe: ${(err as Error).message}`);
      await sleep(200, signal);
    }
  }
}
