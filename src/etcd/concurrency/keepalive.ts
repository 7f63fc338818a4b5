// Keeps one lease alive over a LeaseKeepAlive stream, as the Go client's lessor does, but fault
// tolerant: when the stream breaks, stalls or its member loses the leader, it reconnects to the
// next endpoint that answers and re-sends at once. It tells "the lease is gone" (the server
// answered TTL <= 0) apart from "no answer before the renewal deadline" (the cluster may simply be
// unreachable); what to do about the latter is the caller's choice.
import type { EtcdClient } from '../client.js';
import type { LeaseKeepAliveResponse } from '../proto/gen/messages.js';
import { EtcdError, GrpcCode, deadlineExceeded, fromStatus, isEtcdError } from '../errors.js';
import { openStream, type BidiStream } from '../transport/streams.js';
import { isTransient, type Timing } from './calls.js';
import { sleep } from '../transport/sleep.js';

/** Why keeping the lease alive ended. */
export type KeepAliveEnd =
  | { reason: 'expired' }
  | { reason: 'unreachable'; error: Error; renewed: boolean }
  | { reason: 'stopped' }
  | { reason: 'failed'; error: Error };

export interface KeepAliveOptions {
  /** Epoch ms by which a first response must arrive (later: last response + TTL). */
  firstDeadline: number;
  /** The lease's TTL in seconds as far as known, until a response says. */
  ttlHint?: bigint;
  /**
   * Every renewal, with the time its request was sent (the server renewed the lease after that);
   * an exception thrown here ends the loop as 'failed'.
   */
  onResponse?: (resp: LeaseKeepAliveResponse, sentAt: number) => void;
  /** Once renewed, keep trying past the deadline instead of ending 'unreachable'. */
  persist?: boolean;
  /** Called (once per outage) when the deadline passes while persisting. */
  onOverdue?: (error: Error) => void;
  signal?: AbortSignal;
}

type Pumped =
  | { kind: 'expired' }
  | { kind: 'stopped' }
  | { kind: 'overdue' }
  | { kind: 'broken'; error: Error }
  | { kind: 'failed'; error: Error };

/** A running keep-alive: `done` settles when it ends; stop() ends it. */
export interface KeepAlive {
  readonly done: Promise<KeepAliveEnd>;
  stop(): void;
}

/** Starts keeping lease `id` alive. */
export function keepAlive(
  client: EtcdClient,
  id: bigint,
  opts: KeepAliveOptions,
  timing: Timing,
): KeepAlive {
  const stopper = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stopper.signal]) : stopper.signal;
  let deadline = opts.firstDeadline;
  let ttlMs = Number(opts.ttlHint ?? 3n) * 1000;
  let renewed = false;
  let overdueTold = false;
  // The pause before reconnecting grows while attempts fail and resets once a renewal succeeds.
  let pause = 100;
  const persisting = () => renewed && opts.persist === true;

  // One stream's life: send at once, then every TTL/3 after each response.
  const pump = (stream: BidiStream<'Lease.LeaseKeepAlive'>): Promise<Pumped> =>
    new Promise((resolve) => {
      let sentAt: number | undefined;
      let sendTimer: ReturnType<typeof setTimeout> | undefined;
      let over = false;
      const finish = (p: Pumped) => {
        if (over) return;
        over = true;
        clearTimeout(sendTimer);
        clearInterval(ticker);
        signal.removeEventListener('abort', onAbort);
        stream.call.removeAllListeners('data');
        stream.cancel();
        resolve(p);
      };
      const send = () => {
        sentAt = Date.now();
        stream.write({ ID: id });
      };
      const onAbort = () => finish({ kind: 'stopped' });
      signal.addEventListener('abort', onAbort, { once: true });
      stream.call.on('data', (resp: LeaseKeepAliveResponse) => {
        if (resp.ID !== id) return;
        if (resp.TTL <= 0n) return finish({ kind: 'expired' });
        renewed = true;
        overdueTold = false;
        pause = 100;
        const askedAt = sentAt ?? Date.now();
        sentAt = undefined;
        ttlMs = Number(resp.TTL) * 1000;
        deadline = Date.now() + ttlMs;
        try {
          opts.onResponse?.(resp, askedAt);
        } catch (error) {
          return finish({ kind: 'failed', error: error as Error });
        }
        sendTimer = setTimeout(send, Math.max(ttlMs / 3, 500));
      });
      stream.call.on('error', (e: { code?: number; details?: string }) =>
        finish({
          kind: 'broken',
          error: fromStatus(e.code ?? GrpcCode.UNKNOWN, e.details ?? String(e)),
        }),
      );
      stream.call.on('end', () =>
        finish({ kind: 'broken', error: new Error(`stream to ${stream.endpoint} ended`) }),
      );
      // A stream that takes no answer (a stalled member) is left for another endpoint.
      const stallMs = Math.min(Math.max(ttlMs / 3, 1000), 5000);
      const ticker = setInterval(() => {
        const now = Date.now();
        if (now >= deadline && !persisting()) return finish({ kind: 'overdue' });
        if (sentAt !== undefined && now - sentAt > stallMs) {
          const why = `no keep-alive response from ${stream.endpoint} in ${stallMs} ms`;
          finish({ kind: 'broken', error: new Error(why) });
        }
      }, 100);
      if (signal.aborted) finish({ kind: 'stopped' });
      else send();
    });

  const run = async (): Promise<KeepAliveEnd> => {
    let lastError: Error | undefined;
    for (;;) {
      if (signal.aborted) return { reason: 'stopped' };
      if (Date.now() >= deadline) {
        const error = lastError ?? deadlineExceeded(new Map());
        if (!persisting()) return { reason: 'unreachable', error, renewed };
        if (!overdueTold) opts.onOverdue?.(error);
        overdueTold = true;
      }
      const connectBy = persisting()
        ? Date.now() + timing.dialMs
        : Math.min(deadline, Date.now() + timing.dialMs);
      let stream: BidiStream<'Lease.LeaseKeepAlive'>;
      try {
        stream = await openStream(client, 'Lease.LeaseKeepAlive', connectBy, signal);
      } catch (err) {
        if (signal.aborted) return { reason: 'stopped' };
        lastError = err as Error;
        await sleep(pause, signal);
        pause = Math.min(pause * 2, 1000);
        continue;
      }
      const out = await pump(stream);
      if (out.kind === 'expired') return { reason: 'expired' };
      if (out.kind === 'stopped') return { reason: 'stopped' };
      if (out.kind === 'failed') return { reason: 'failed', error: out.error };
      if (out.kind === 'overdue') continue;
      lastError = out.error;
      timing.debug?.(`lease keep-alive stream to ${stream.endpoint}: ${out.error.message}`);
      const e = out.error;
      if (isEtcdError(e, 'invalid-token')) {
        await client.reauthenticate().catch(() => undefined);
      } else if (e instanceof EtcdError && !isTransient(e) && e.code !== GrpcCode.CANCELLED) {
        return { reason: 'failed', error: e };
      }
      client.connection.avoid(stream.endpointIndex);
      await sleep(pause, signal);
      pause = Math.min(pause * 2, 1000);
    }
  };

  return { done: run(), stop: () => stopper.abort() };
}

/**
 * One keep-alive request and its response (`lease keep-alive --once`), on the first endpoint that
 * answers by `deadline`; transient failures are retried on the next endpoint.
 */
export async function keepAliveOnce(
  client: EtcdClient,
  id: bigint,
  deadline: number,
  signal: AbortSignal,
): Promise<LeaseKeepAliveResponse> {
  let lastError: Error | undefined;
  for (;;) {
    if (Date.now() >= deadline) throw lastError ?? deadlineExceeded(new Map());
    const stream = await openStream(client, 'Lease.LeaseKeepAlive', deadline, signal);
    try {
      return await new Promise<LeaseKeepAliveResponse>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(deadlineExceeded(new Map([[stream.endpoint, 'no response']]))),
          Math.max(deadline - Date.now(), 0),
        );
        const settle = (f: () => void) => {
          clearTimeout(timer);
          f();
        };
        stream.call.on('data', (r: LeaseKeepAliveResponse) => settle(() => resolve(r)));
        stream.call.on('error', (e: { code?: number; details?: string }) =>
          settle(() => reject(fromStatus(e.code ?? GrpcCode.UNKNOWN, e.details ?? String(e)))),
        );
        stream.write({ ID: id });
      });
    } catch (err) {
      if (signal.aborted || !isTransient(err) || Date.now() >= deadline) throw err;
      lastError = err as Error;
      client.connection.avoid(stream.endpointIndex);
    } finally {
      stream.cancel();
    }
  }
}
