// One grpc-js channel per endpoint and etcdctl's unary-call semantics on top: wait for a
// connection until the deadline, fail over to the next endpoint on connection errors (and, for
// reads, on any Unavailable), never resend a write that may have reached a server.
import * as grpc from '@grpc/grpc-js';
import { decode, encode } from '../proto/codec.js';
import { methods } from '../proto/gen/schema.js';
import type { MessageTypes } from '../proto/gen/messages.js';
import type { Endpoint } from './endpoints.js';
import type { TlsMaterial } from './tls.js';
import {
  EtcdError,
  GrpcCode,
  canceled,
  connectionCause,
  deadlineExceeded,
  fromStatus,
  rpcErrorText,
} from '../errors.js';
import { sleep } from './sleep.js';
import { newChannel } from './channel.js';

/** How to reach the cluster. */
export interface ConnectionOptions {
  endpoints: Endpoint[];
  tls: TlsMaterial | undefined;
  maxSendBytes: number;
  maxRecvBytes: number;
  keepaliveTimeMs: number;
  keepaliveTimeoutMs: number;
  dialTimeoutMs: number;
  debug?: (line: string) => void;
}

/** Per-call options: `deadline` in epoch ms (none: only connecting is bounded, by the dial timeout). */
export interface CallOptions {
  deadline?: number;
  idempotent?: boolean;
  signal?: AbortSignal;
  metadata?: Record<string, string>;
}

type Settled = 'ready' | 'failed' | 'connecting';
const { READY, IDLE, CONNECTING, SHUTDOWN } = grpc.connectivityState;
// Below this many milliseconds a still-connecting endpoint is left to connect in the background
// while the next one is tried, so a black-holed first endpoint costs little.
const staggerMs = 300;

/** The channels to every endpoint, created lazily. */
export class Connection {
  private readonly clients: (grpc.Client | undefined)[] = [];
  private preferred = 0;

  constructor(private readonly opts: ConnectionOptions) {}

  /** The endpoints in use. */
  get endpoints(): readonly Endpoint[] {
    return this.opts.endpoints;
  }

  /** Sends one unary request with failover; resolves with the decoded response. */
  async unary<Res>(method: string, req: unknown, call: CallOptions): Promise<Res> {
    const info = methods[method];
    if (!info) throw new Error(`unknown method ${method}`);
    const bytes = encode(info.requestType as keyof MessageTypes, req as never);
    if (bytes.length > this.opts.maxSendBytes) {
      const text = `trying to send message larger than max (${bytes.length} vs. ${this.opts.maxSendBytes})`;
      throw new EtcdError(
        rpcErrorText(GrpcCode.RESOURCE_EXHAUSTED, text),
        GrpcCode.RESOURCE_EXHAUSTED,
        text,
      );
    }
    const decodeResponse = (b: Buffer) => decode(info.responseType as keyof MessageTypes, b) as Res;
    const connectBy = call.deadline ?? Date.now() + this.opts.dialTimeoutMs;
    const eps = this.opts.endpoints;
    const causes = new Map<string, string>();
    let pause = 25;
    for (;;) {
      for (let n = 0; n < eps.length; n++) {
        const i = (this.preferred + n) % eps.length;
        if (call.signal?.aborted) throw canceled();
        const until = eps.length > 1 ? Math.min(connectBy, Date.now() + staggerMs) : connectBy;
        const state = await this.settle(i, until, call.signal);
        if (state === 'connecting') {
          if (!causes.has(eps[i]!.display)) causes.set(eps[i]!.display, 'connection timed out');
          continue;
        }
        try {
          const res = await this.callOnce(i, info.path, bytes, decodeResponse, call);
          this.preferred = i;
          return res;
        } catch (err) {
          const e = err as grpc.ServiceError;
          if (call.signal?.aborted) throw canceled();
          if (e.code === GrpcCode.UNAVAILABLE) {
            const notSent = state !== 'ready' || /No connection established/.test(e.details);
            if (notSent || call.idempotent) {
              causes.set(
                eps[i]!.display,
                notSent ? connectionCause(e.details) : fromStatus(e.code, e.details).message,
              );
              continue;
            }
          }
          if (
            e.code === GrpcCode.DEADLINE_EXCEEDED &&
            call.deadline !== undefined &&
            Date.now() >= call.deadline - 5
          ) {
            throw deadlineExceeded(causes);
          }
          throw fromStatus(e.code ?? 2, e.details ?? String(err));
        }
      }
      const left = connectBy - Date.now();
      if (left <= 0) throw deadlineExceeded(causes);
      await sleep(Math.min(pause, left), call.signal);
      pause = Math.min(pause * 2, 500);
    }
  }

  /**
   * The index of a connected endpoint, trying them in order from the last good one; streams use
   * it. Rejects like a unary call when none connects by `connectBy`.
   */
  async ready(connectBy: number, signal?: AbortSignal): Promise<number> {
    const eps = this.opts.endpoints;
    const causes = new Map<string, string>();
    let pause = 25;
    for (;;) {
      for (let n = 0; n < eps.length; n++) {
        const i = (this.preferred + n) % eps.length;
        if (signal?.aborted) throw canceled();
        const until = eps.length > 1 ? Math.min(connectBy, Date.now() + staggerMs) : connectBy;
        const state = await this.settle(i, until, signal);
        if (state === 'ready') {
          this.preferred = i;
          return i;
        }
        causes.set(
          eps[i]!.display,
          state === 'connecting' ? 'connection timed out' : await this.failureCause(i),
        );
      }
      const left = connectBy - Date.now();
      if (left <= 0) throw deadlineExceeded(causes);
      await sleep(Math.min(pause, left), signal);
      pause = Math.min(pause * 2, 500);
    }
  }

  /** Makes the next ready() start after endpoint i (its stream just broke). */
  avoid(i: number): void {
    if (this.preferred === i) this.preferred = (i + 1) % this.opts.endpoints.length;
  }

  /** grpc-js Metadata holding `entries`. */
  metadata(entries: Record<string, string>): grpc.Metadata {
    const md = new grpc.Metadata();
    for (const [k, v] of Object.entries(entries)) md.set(k, v);
    return md;
  }

  /** Closes every channel. */
  close(): void {
    for (const c of this.clients) c?.close();
  }

  /** The grpc-js client of endpoint i (streams use it directly). */
  client(i: number): grpc.Client {
    let c = this.clients[i];
    if (!c) {
      c = newChannel(this.opts.endpoints[i]!, this.opts);
      this.clients[i] = c;
    }
    return c;
  }

  /** Waits until endpoint i is ready, has failed, or `until` passes. */
  private async settle(i: number, until: number, signal?: AbortSignal): Promise<Settled> {
    const channel = this.client(i).getChannel();
    let state = channel.getConnectivityState(true);
    while (state === IDLE || state === CONNECTING) {
      if (Date.now() >= until || signal?.aborted) return 'connecting';
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        signal?.addEventListener('abort', onAbort, { once: true });
        channel.watchConnectivityState(state, until, () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
      });
      state = channel.getConnectivityState(true);
    }
    return state === READY ? 'ready' : state === SHUTDOWN ? 'failed' : 'failed';
  }

  /** Why endpoint i failed to connect: a fail-fast call on a failed channel reports grpc-js's last error. */
  private async failureCause(i: number): Promise<string> {
    try {
      // Not sent while the channel is in TRANSIENT_FAILURE; harmless (a status read) if it is.
      await this.callOnce(
        i,
        '/etcdserverpb.Maintenance/Status',
        new Uint8Array(0),
        () => undefined,
        { deadline: Date.now() + 1000 },
      );
      return 'connection failed';
    } catch (err) {
      return connectionCause((err as grpc.ServiceError).details ?? String(err));
    }
  }

  private callOnce<Res>(
    i: number,
    path: string,
    bytes: Uint8Array,
    dec: (b: Buffer) => Res,
    call: CallOptions,
  ): Promise<Res> {
    const md = this.metadata(call.metadata ?? {});
    return new Promise((resolve, reject) => {
      const onAbort = () => pending.cancel();
      const pending = this.client(i).makeUnaryRequest(
        path,
        (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length),
        dec,
        bytes,
        md,
        { deadline: call.deadline ?? Infinity },
        (err, res) => {
          call.signal?.removeEventListener('abort', onAbort);
          if (err) reject(err);
          else resolve(res as Res);
        },
      );
      call.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
