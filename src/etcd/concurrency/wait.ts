// Waiting for keys of the lock and election recipes: one watch on a stream of its own that reports
// its responses until the caller has seen what it waits for, and waitDeletes, the Go client's loop
// "until every key under the prefix created before mine is deleted". A broken stream or a cancelled
// watch (compaction) is not an error here: the caller reads the current state again and watches
// anew, which is always correct for these recipes and survives members dying.
import type { EtcdClient } from '../client.js';
import {
  Event_EventType as EventType,
  type RangeRequest,
  RangeRequest_SortOrder as SortOrder,
  RangeRequest_SortTarget as SortTarget,
  type WatchCreateRequest,
  type WatchResponse,
} from '../proto/gen/messages.js';
import type { MessageInit } from '../proto/codec.js';
import { GrpcCode, canceled, fromStatus } from '../errors.js';
import { openStream } from '../transport/streams.js';
import { prefixEnd } from '../keys.js';
import { call, persist, type Timing } from './calls.js';
import { anySignal, sleep } from '../transport/sleep.js';

/** What ended a watch: the caller saw what it wanted, or the watch ended first. */
export type WatchOutcome = { kind: 'done' } | { kind: 'ended'; why: string };

/**
 * How long one watch of a recipe lasts before the caller reads the state again and watches anew
 * on another endpoint: a member that froze (no error, no answer) delays a hand-over this long at
 * most, where gRPC's keepalive would take 16 s or more to notice.
 */
export const recheckMs = 10_000;

/**
 * Watches `create` on the first endpoint that connects and feeds every response with events to
 * `onResponse` until it returns true. Ends early when the stream breaks or the server cancels the
 * watch; rejects with `context canceled` when `signal` aborts.
 */
export async function watchUntil(
  client: EtcdClient,
  create: MessageInit<WatchCreateRequest>,
  onResponse: (resp: WatchResponse) => boolean,
  signal: AbortSignal,
  timing: Timing,
): Promise<WatchOutcome> {
  const stream = await openStream(client, 'Watch.Watch', Date.now() + timing.dialMs, signal);
  const outcome = await new Promise<WatchOutcome | 'aborted'>((resolve) => {
    let over = false;
    const finish = (o: WatchOutcome | 'aborted') => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      stream.call.removeAllListeners('data');
      stream.cancel();
      resolve(o);
    };
    const timer = setTimeout(() => finish({ kind: 'ended', why: 'time to read again' }), recheckMs);
    const onAbort = () => finish('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    stream.call.on('data', (resp: WatchResponse) => {
      if (resp.canceled)
        return finish({ kind: 'ended', why: `watch canceled ${resp.cancel_reason}` });
      if (resp.events.length > 0 && onResponse(resp)) finish({ kind: 'done' });
    });
    stream.call.on('error', (e: { code?: number; details?: string }) => {
      finish({
        kind: 'ended',
        why: fromStatus(e.code ?? GrpcCode.UNKNOWN, e.details ?? String(e)).message,
      });
    });
    stream.call.on('end', () => finish({ kind: 'ended', why: 'watch stream ended' }));
    if (signal.aborted) finish('aborted');
    else stream.write({ create_request: create });
  });
  if (outcome === 'aborted') throw canceled();
  if (outcome.kind === 'ended') {
    timing.debug?.(`watch on ${stream.endpoint}: ${outcome.why}`);
    if (/invalid auth token/.test(outcome.why)) await client.reauthenticate().catch(() => {});
    client.connection.avoid(stream.endpointIndex);
  }
  return outcome;
}

/** A read the recipes retry while `signal` and `stop` allow. */
export function readRange(
  client: EtcdClient,
  req: MessageInit<RangeRequest>,
  opts: { signal: AbortSignal; stop?: AbortSignal | undefined },
  timing: Timing,
) {
  return persist(
    () =>
      call(client, 'KV.Range', req, {
        signal: opts.signal,
        deadline: Date.now() + timing.dialMs + timing.requestMs,
        idempotent: true,
      }),
    { ...opts, what: 'range' },
    timing,
  );
}

/**
 * Waits until every key under `prefix` with a create revision <= `maxCreateRev` is deleted,
 * watching only the newest of them each time (waitDeletes of the Go client). `stop` (session lost)
 * ends the wait with the last failure or `context canceled`.
 */
export async function waitDeletes(
  client: EtcdClient,
  prefix: Uint8Array,
  maxCreateRev: bigint,
  opts: { signal: AbortSignal; stop?: AbortSignal | undefined },
  timing: Timing,
): Promise<void> {
  const either = anySignal(opts.signal, opts.stop);
  let pause = 100;
  for (;;) {
    const resp = await readRange(
      client,
      {
        key: prefix,
        range_end: prefixEnd(prefix),
        sort_target: SortTarget.CREATE,
        sort_order: SortOrder.DESCEND,
        limit: 1n,
        max_create_revision: maxCreateRev,
      },
      opts,
      timing,
    );
    const last = resp.kvs[0];
    if (!last) return;
    const key = last.key;
    let outcome: WatchOutcome;
    try {
      outcome = await watchUntil(
        client,
        { key, start_revision: resp.header?.revision ?? 0n },
        (wr) => wr.events.some((ev) => ev.type === EventType.DELETE),
        either,
        timing,
      );
    } catch (err) {
      if (opts.signal.aborted || opts.stop?.aborted) throw canceled();
      // No endpoint connected within the dial timeout: read again after a pause.
      timing.debug?.(`watch for the deletion of a key failed (${(err as Error).message})`);
      outcome = { kind: 'ended', why: (err as Error).message };
    }
    if (outcome.kind === 'done') {
      pause = 100;
      continue;
    }
    await sleep(pause, either);
    pause = Math.min(pause * 2, 1000);
  }
}

/**
 * Resolves once `key` no longer holds the version created at `createRev` (deleted, or deleted and
 * created again): a lock or leadership taken away by hand. Reads and watches again after broken
 * streams and compaction; rejects with `context canceled` when `signal` aborts.
 */
export async function untilKeyGone(
  client: EtcdClient,
  key: Uint8Array,
  createRev: bigint,
  signal: AbortSignal,
  timing: Timing,
): Promise<void> {
  let pause = 100;
  for (;;) {
    const resp = await readRange(client, { key }, { signal }, timing);
    if (resp.kvs[0]?.create_revision !== createRev) return;
    let outcome: WatchOutcome;
    try {
      outcome = await watchUntil(
        client,
        { key, start_revision: (resp.header?.revision ?? 0n) + 1n },
        (wr) => wr.events.some((ev) => ev.type === EventType.DELETE),
        signal,
        timing,
      );
    } catch (err) {
      if (signal.aborted) throw canceled();
      outcome = { kind: 'ended', why: (err as Error).message };
    }
    if (outcome.kind === 'done') return;
    await sleep(pause, signal);
    pause = Math.min(pause * 2, 1000);
  }
}
