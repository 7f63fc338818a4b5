// One grpc-js channel per endpoint and etcdctl's unary-call semantics on top: wait for a
// connection until the deadline, fail over to the next endpoint on connection errors (and, for
// reads, on any Unavailable), never resend a write that may have reached a server. grpc-js is
// loaded only when a call needs it: one plaintext IPv4 endpoint is served by the direct path
// (direct.ts) until something unusual happens there.
import type * as grpc from '@grpc/grpc-js';
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
import type { Dialer } from './dial.js';
import { type DirectResult, DirectChannel, directAddress } from './direct.js';

/** How to reach the cluster. */
export interface ConnectionOptions {
  endpoints: Endpoint[];
  tls: TlsMaterial | undefined;
  maxSendBytes: number;
  maxRecvBytes: number;
  keepaliveTimeMs: number;
  keepaliveTimeoutMs: number;
  dialTimeoutMs: number;
  /** A gRPC proxy is configured in the environment (grpc-js honours it; the direct path cannot). */
  proxied?: boolean;
  /** Calls come one after another, many of them: the direct path opens each one's stream ahead. */
  openStreamsAhead?: boolean;
  debug?: (line: string) => void;
}

/** Per-call options: `deadline` in epoch ms (none: only connecting is bounded, by the dial timeout). */
export interface CallOptions {
  deadline?: number;
  idempotent?: boolean;
  signal?: AbortSignal;
  metadata?: Record<string, string>;
}

// A call that failed in a way another endpoint may not: try the next one.
const next = Symbol('next endpoint');
const statusPath = '/etcdserverpb.Maintenance/Status';

/** The channels to every endpoint, created lazily and dialled together. */
export class Connection {
  private dialer?: Dialer;
  private dialling?: Promise<Dialer>;
  private grpc?: typeof grpc;
  private direct?: DirectChannel;
  private preferred = 0;
  private announced = false;

  constructor(private readonly opts: ConnectionOptions) {
    const only = opts.endpoints.length === 1 ? directAddress(opts.endpoints[0]!) : undefined;
    if (only && !opts.proxied)
      this.direct = new DirectChannel(only, opts.maxRecvBytes, opts.openStreamsAhead);
    // Without the direct path grpc-js is certain to be needed: loading it now, as the client is
    // made, keeps its cost out of the first call's dial timeout and deadline.
    else void this.dial();
  }

  /** The endpoints in use. */
  get endpoints(): readonly Endpoint[] {
    return this.opts.endpoints;
  }

  /** Sends one unary request with failover; resolves with the decoded response. */
  unary<Res>(method: string, req: unknown, call: CallOptions): Promise<Res> {
    const info = methods[method];
    if (!info) throw new Error(`unknown method ${method}`);
    return this.call(method, req, call, (b) =>
      decode(info.responseType as keyof MessageTypes, b),
    ) as Promise<Res>;
  }

  /** The same call, resolving with the response's wire bytes (big ranges print from them). */
  unaryBytes(method: string, req: unknown, call: CallOptions): Promise<Uint8Array> {
    return this.call(method, req, call, (b) => b);
  }

  private async call<Res>(
    method: string,
    req: unknown,
    call: CallOptions,
    decodeResponse: (b: Buffer) => Res,
  ): Promise<Res> {
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
    if (this.direct) {
      const r = await this.directUnary(info.path, bytes, call);
      if ('message' in r) return decodeResponse(r.message);
      if (call.signal?.aborted) throw canceled();
      if ('code' in r && !(r.code === GrpcCode.UNAVAILABLE && call.idempotent))
        throw this.statusError(r.code, r.details, call, new Map());
      // Never resend a write that may have reached the server.
      if ('fallback' in r && r.fallback === 'maybe-sent' && !call.idempotent)
        throw fromStatus(GrpcCode.UNAVAILABLE, 'Connection dropped');
    }
    const connectBy = call.deadline ?? Date.now() + this.opts.dialTimeoutMs;
    return this.failover(connectBy, call.signal, async (i, causes) => {
      try {
        return await this.callOnce(i, info.path, bytes, decodeResponse, call);
      } catch (err) {
        const e = err as grpc.ServiceError;
        if (call.signal?.aborted) throw canceled();
        if (e.code === GrpcCode.UNAVAILABLE) {
          // Never resend a write that may have reached the server.
          const notSent = /No connection established/.test(e.details);
          if (notSent || call.idempotent) {
            const why = notSent
              ? connectionCause(e.details)
              : fromStatus(e.code, e.details).message;
            causes.set(this.endpoints[i]!.display, why);
            return next;
          }
        }
        throw this.statusError(e.code ?? 2, e.details ?? String(err), call, causes);
      }
    });
  }

  private statusError(
    code: number,
    details: string,
    call: CallOptions,
    causes: Map<string, string>,
  ): Error {
    if (
      code === GrpcCode.DEADLINE_EXCEEDED &&
      call.deadline !== undefined &&
      Date.now() >= call.deadline - 5
    ) {
      return deadlineExceeded(causes);
    }
    return fromStatus(code, details);
  }

  /**
   * One call on the direct path; the path is given up (grpc-js takes over) as soon as it does not
   * end in a response or a status.
   */
  private async directUnary(
    path: string,
    bytes: Uint8Array,
    call: CallOptions,
  ): Promise<DirectResult> {
    const direct = this.direct!;
    const started = Date.now();
    let r: DirectResult = { fallback: 'not-sent' };
    // A deadline that passed while connecting is grpc-js's "connection timed out": its path
    // words that failure.
    const connected = await direct.connect();
    if (connected && (call.deadline === undefined || Date.now() < call.deadline)) {
      if (!this.announced) {
        this.announced = true;
        this.opts.debug?.(`${this.endpoints[0]!.display} ready after ${Date.now() - started} ms`);
      }
      r = await direct.call(path, bytes, call);
    }
    if ('fallback' in r || !direct.usable) {
      void direct.close();
      if (this.direct === direct) this.direct = undefined;
    }
    return r;
  }

  /**
   * The index of a connected endpoint, the last good one if it is among the first to connect;
   * streams use it. Rejects like a unary call when none connects by `connectBy`.
   */
  ready(connectBy: number, signal?: AbortSignal): Promise<number> {
    return this.failover(connectBy, signal, (i) => Promise.resolve(i));
  }

  /** Makes the next ready() prefer the endpoints after i (its stream just broke). */
  avoid(i: number): void {
    if (this.preferred === i) this.preferred = (i + 1) % this.opts.endpoints.length;
  }

  /** Endpoint i's member stopped answering: its connection is dropped and dialled afresh. */
  unresponsive(i: number): void {
    this.avoid(i);
    this.dialer?.reset(i);
  }

  /** Whether endpoint i's member answers a status request within `timeoutMs`; any answer counts. */
  async answers(i: number, timeoutMs: number, metadata: Record<string, string>): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    await this.dial();
    try {
      await this.callOnce(i, statusPath, new Uint8Array(0), () => undefined, {
        deadline,
        metadata,
      });
      return true;
    } catch (err) {
      return (err as grpc.ServiceError).code !== GrpcCode.DEADLINE_EXCEEDED;
    }
  }

  /** grpc-js Metadata holding `entries`. */
  metadata(entries: Record<string, string>): grpc.Metadata {
    if (!this.grpc) throw new Error('grpc-js metadata before the connection was ready');
    const md = new this.grpc.Metadata();
    for (const [k, v] of Object.entries(entries)) md.set(k, v);
    return md;
  }

  /** Closes every channel; resolves once the direct one is closed. */
  async close(): Promise<void> {
    this.dialer?.close();
    await this.direct?.close();
  }

  /** The grpc-js client of endpoint i (streams use it directly, after ready()). */
  client(i: number): grpc.Client {
    if (!this.dialer) throw new Error('grpc-js client before the connection was ready');
    return this.dialer.client(i);
  }

  /** Loads grpc-js and the dialer on first use (a direct call needs neither). */
  private dial(): Promise<Dialer> {
    this.dialling ??= Promise.all([import('@grpc/grpc-js'), import('./dial.js')]).then(([g, d]) => {
      this.grpc = g;
      return (this.dialer = new d.Dialer(this.opts.endpoints, this.opts));
    });
    return this.dialling;
  }

  /**
   * Runs `use` on the first endpoint to connect, in order of preference from the last good one;
   * when it answers `next`, on the next connected endpoint; after a round without success, again
   * after a pause, until `connectBy`. Unary calls and streams share this loop.
   */
  private async failover<T>(
    connectBy: number,
    signal: AbortSignal | undefined,
    use: (i: number, causes: Map<string, string>) => Promise<T | typeof next>,
  ): Promise<T> {
    const eps = this.opts.endpoints;
    const dialer = await this.dial();
    const causes = new Map<string, string>();
    const asked = new Map<number, Promise<void>>();
    const failed = (i: number) => {
      if (asked.has(i)) return;
      const display = eps[i]!.display;
      asked.set(
        i,
        this.failureCause(i, connectBy).then((why) => void causes.set(display, why)),
      );
    };
    const started = Date.now();
    let pause = 25;
    for (;;) {
      const order = eps.map((_, n) => (this.preferred + n) % eps.length);
      for (let tried = false; ; tried = true) {
        if (signal?.aborted) throw canceled();
        // Once an endpoint answered `next`, the others still connecting get only a pause: the
        // ones that answered are tried again soon (an election ends, a member comes back).
        const until = tried ? Math.min(connectBy, Date.now() + pause) : connectBy;
        const { ready, connecting } = await dialer.firstReady(order, until, signal, failed);
        if (signal?.aborted) throw canceled();
        if (ready === undefined) {
          for (const i of connecting)
            if (!causes.has(eps[i]!.display)) causes.set(eps[i]!.display, 'connection timed out');
          break;
        }
        if (!this.announced) {
          this.announced = true;
          this.opts.debug?.(`${eps[ready]!.display} ready after ${Date.now() - started} ms`);
        }
        const res = await use(ready, causes);
        if (res !== next) {
          this.preferred = ready;
          return res;
        }
        order.splice(order.indexOf(ready), 1);
      }
      const left = connectBy - Date.now();
      if (left <= 0) {
        await Promise.all(asked.values());
        throw deadlineExceeded(causes);
      }
      await sleep(Math.min(pause, left), signal);
      pause = Math.min(pause * 2, 500);
      asked.clear();
    }
  }

  /** Why endpoint i failed to connect: a fail-fast call on a failed channel reports grpc-js's last error. */
  private async failureCause(i: number, by: number): Promise<string> {
    try {
      // Not sent while the channel is in TRANSIENT_FAILURE; harmless (a status read) if it is.
      await this.callOnce(i, statusPath, new Uint8Array(0), () => undefined, {
        deadline: Math.min(Date.now() + 1000, Math.max(by, Date.now() + 50)),
      });
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
