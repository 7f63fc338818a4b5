// The Watch.Watch stream as the resilient watcher sees it: responses, one end with a gRPC status,
// flow control; and the client operations it needs between streams. Tests substitute fakes.
// (streams.ts's openStream decodes every event into objects; a watch draining a backlog of
// hundreds of thousands of events keeps them as bytes instead.)
import type * as grpc from '@grpc/grpc-js';
import { encode, type MessageInit } from '../proto/codec.js';
import { GrpcCode } from '../errors.js';
import type { EtcdClient } from '../client.js';
import type { WatchRequest, WatchResponse } from '../proto/gen/messages.js';
import { methods } from '../proto/gen/schema.js';
import { decodeWatchResponse } from './decode.js';

/** How a stream ended: the gRPC status (code 0 when the server closed it normally). */
export interface StreamEnd {
  code: number;
  details: string;
}

/** One open Watch stream. */
export interface WatchStream {
  readonly endpoint: string;
  readonly endpointIndex: number;
  write(req: MessageInit<WatchRequest>): void;
  pause(): void;
  resume(): void;
  cancel(): void;
}

export const invalidToken = 'etcdserver: invalid auth token';

/**
 * An expired token, as a stream's status or a create's cancel_reason (etcd puts the status error's
 * whole text there: `rpc error: code = Unauthenticated desc = etcdserver: invalid auth token`).
 */
export function tokenExpired(text: string): boolean {
  return text.endsWith(invalidToken);
}

// Transport failures and a member without leader (Unavailable), a stream the server reset
// (Internal, Cancelled) or closed (OK): a new stream can make progress.
const retryableCodes = new Set<number>([
  GrpcCode.OK,
  GrpcCode.CANCELLED,
  GrpcCode.INTERNAL,
  GrpcCode.UNAVAILABLE,
]);

/** Whether a new stream (on another endpoint) can go on where this one ended. */
export function retryable(end: StreamEnd): boolean {
  return retryableCodes.has(end.code);
}

/** What the watcher needs from the client. */
export interface WatchDeps {
  /** Opens a stream on the first endpoint that connects by `connectBy` (epoch ms). */
  open(
    connectBy: number,
    signal: AbortSignal,
    onData: (r: WatchResponse) => void,
    onEnd: (end: StreamEnd) => void,
  ): Promise<WatchStream>;
  /** The next stream should start with another endpoint than this one. */
  avoid(endpointIndex: number): void;
  /** Gets a fresh auth token (a no-op without credentials). */
  reauthenticate(): Promise<void>;
  /** Whether the member of endpoint i answers a request within `timeoutMs` (with anything). */
  answers(endpointIndex: number, timeoutMs: number): Promise<boolean>;
  /** The member of endpoint i stopped answering: drop its connection, prefer the others. */
  unresponsive(endpointIndex: number): void;
}

/**
 * The real thing: Watch.Watch streams of an EtcdClient on the first endpoint that connects, with
 * `hasleader` and the auth token (as openStream), responses decoded with their events left in
 * wire form (watch-decode.ts).
 */
export function clientWatchDeps(client: EtcdClient): WatchDeps {
  const { path } = methods['Watch.Watch']!;
  return {
    async open(connectBy, signal, onData, onEnd) {
      const conn = client.connection;
      const i = await conn.ready(connectBy, signal);
      const call = conn
        .client(i)
        .makeBidiStreamRequest(
          path,
          (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length),
          decodeWatchResponse,
          client.grpcMetadata({ hasleader: 'true' }),
          {},
        );
      const onAbort = () => call.cancel();
      signal.addEventListener('abort', onAbort, { once: true });
      let ended = false;
      const end = (e: StreamEnd) => {
        signal.removeEventListener('abort', onAbort);
        if (ended) return;
        ended = true;
        onEnd(e);
      };
      const ns = client.keyspace;
      call.on('data', ns ? (r: WatchResponse) => onData(ns.watchResponse(r)) : onData);
      // grpc-js emits 'error' (non-OK) and then 'status' (always): the first one wins.
      call.on('error', (e: grpc.ServiceError) =>
        end({ code: e.code ?? GrpcCode.UNKNOWN, details: e.details ?? e.message }),
      );
      call.on('status', (st: grpc.StatusObject) => end({ code: st.code, details: st.details }));
      return {
        endpoint: conn.endpoints[i]!.display,
        endpointIndex: i,
        write: (req) => call.write(encode('WatchRequest', ns ? ns.watchRequest(req) : req)),
        pause: () => call.pause(),
        resume: () => call.resume(),
        cancel: () => call.cancel(),
      };
    },
    avoid: (i) => client.connection.avoid(i),
    reauthenticate: () => client.reauthenticate(),
    answers: (i, ms) => client.connection.answers(i, ms, client.metadata()),
    unresponsive: (i) => client.connection.unresponsive(i),
  };
}
