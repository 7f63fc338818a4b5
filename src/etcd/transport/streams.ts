// Bidirectional streams (Watch, LeaseKeepAlive) and server streams (Snapshot) on a connected
// endpoint. Long-running commands reconnect by opening a new stream on the next endpoint that
// connects; what to resend is theirs.
import type * as grpc from '@grpc/grpc-js';
import { decode, encode, type MessageInit } from '../proto/codec.js';
import type { MessageTypes, WatchRequest } from '../proto/gen/messages.js';
import { methods } from '../proto/gen/schema.js';
import type { EtcdClient } from '../client.js';

/** Streaming methods by `<Service>.<Method>`: [request, response]. */
export interface StreamMethods {
  'Watch.Watch': ['WatchRequest', 'WatchResponse'];
  'Lease.LeaseKeepAlive': ['LeaseKeepAliveRequest', 'LeaseKeepAliveResponse'];
}

/** Server-streaming methods by `<Service>.<Method>`: [request, response]. */
export interface ServerStreamMethods {
  'Maintenance.Snapshot': ['SnapshotRequest', 'SnapshotResponse'];
}

/** An open stream: write requests, read responses as events, end or cancel it. */
export interface BidiStream<K extends keyof StreamMethods> {
  readonly endpoint: string;
  readonly endpointIndex: number;
  write(req: MessageInit<MessageTypes[StreamMethods[K][0]]>): void;
  readonly call: grpc.ClientDuplexStream<unknown, MessageTypes[StreamMethods[K][1]]>;
  cancel(): void;
}

/**
 * Opens a stream on the first endpoint that connects within `connectBy` (epoch ms). `hasleader`
 * makes the server end the stream when its member loses the leader instead of stalling silently.
 */
export async function openStream<K extends keyof StreamMethods>(
  client: EtcdClient,
  method: K,
  connectBy: number,
  signal?: AbortSignal,
): Promise<BidiStream<K>> {
  const info = methods[method]!;
  const i = await client.connection.ready(connectBy, signal);
  const grpcClient = client.connection.client(i);
  const md = client.grpcMetadata({ hasleader: 'true' });
  const call = grpcClient.makeBidiStreamRequest(
    info.path,
    (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length),
    (b: Buffer) => decode(info.responseType as keyof MessageTypes, b),
    md,
    {},
  ) as grpc.ClientDuplexStream<unknown, MessageTypes[StreamMethods[K][1]]>;
  // A namespaced client's watches: the keys asked for in the namespace (responses keep the keys
  // as sent, which the recipes that watch here do not read).
  const ns = method === 'Watch.Watch' ? client.keyspace : undefined;
  const inKeyspace = (req: unknown) =>
    ns ? ns.watchRequest(req as MessageInit<WatchRequest>) : req;
  const onAbort = () => call.cancel();
  signal?.addEventListener('abort', onAbort, { once: true });
  call.on('close', () => signal?.removeEventListener('abort', onAbort));
  // grpc-js reports our own cancel() as an 'error' event: without a listener that would crash the
  // process. Callers that care about errors add their own listener.
  call.on('error', () => undefined);
  return {
    endpoint: client.connection.endpoints[i]!.display,
    endpointIndex: i,
    call,
    write: (req) =>
      call.write(encode(info.requestType as keyof MessageTypes, inKeyspace(req) as never)),
    cancel: () => call.cancel(),
  };
}

/** Where and how long a server stream may run. */
export interface ServerStreamOptions {
  /** Epoch ms by which an endpoint must have connected. */
  connectBy: number;
  /** Epoch ms at which the whole stream is cut (none: it runs until the server ends it). */
  deadline?: number;
  signal?: AbortSignal;
}

/**
 * Sends `req` on the first endpoint that connects within `connectBy` and returns the response
 * stream (an object-mode Readable: iterate it; a failure is thrown as the grpc-js ServiceError).
 */
export async function openServerStream<K extends keyof ServerStreamMethods>(
  client: EtcdClient,
  method: K,
  req: MessageInit<MessageTypes[ServerStreamMethods[K][0]]>,
  opts: ServerStreamOptions,
): Promise<{
  endpoint: string;
  call: grpc.ClientReadableStream<MessageTypes[ServerStreamMethods[K][1]]>;
}> {
  const info = methods[method]!;
  const i = await client.connection.ready(opts.connectBy, opts.signal);
  const call = client.connection.client(i).makeServerStreamRequest(
    info.path,
    (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length),
    (b: Buffer) => decode(info.responseType as keyof MessageTypes, b),
    encode(info.requestType as keyof MessageTypes, req as never),
    client.grpcMetadata(),
    { deadline: opts.deadline ?? Infinity },
  ) as grpc.ClientReadableStream<MessageTypes[ServerStreamMethods[K][1]]>;
  const onAbort = () => call.cancel();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  call.on('close', () => opts.signal?.removeEventListener('abort', onAbort));
  return { endpoint: client.connection.endpoints[i]!.display, call };
}
