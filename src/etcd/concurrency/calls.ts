// Unary calls of the concurrency recipes. They carry the auth token like every call but take their
// own signal (a lock must still be released after SIGINT aborted the command's signal), and the
// recipes retry transient failures (no leader, leader changed, a member down) for as long as their
// session lives, where a one-shot command would give up.
import type { MessageInit } from '../proto/codec.js';
import type { EtcdClient } from '../client.js';
import { EtcdError, GrpcCode, canceled, isEtcdError } from '../errors.js';
import type { RequestOf, ResponseOf, UnaryMethod } from '../proto/methods.js';
import { anySignal, sleep } from '../transport/sleep.js';

/** How long the recipes wait for connections and single requests. */
export interface Timing {
  /** Bound on connecting to some endpoint (--dial-timeout). */
  dialMs: number;
  /** Bound on one request once sent (--command-timeout). */
  requestMs: number;
  debug?: ((line: string) => void) | undefined;
}

/** Options of one call: its own signal, deadline and whether it may be resent. */
export interface RecipeCall {
  signal?: AbortSignal | undefined;
  deadline?: number;
  idempotent?: boolean;
}

/** One unary call with a fresh token on `invalid auth token`, cancelled by `opts.signal` only. */
export async function call<K extends UnaryMethod>(
  client: EtcdClient,
  method: K,
  req: MessageInit<RequestOf<K>>,
  opts: RecipeCall,
): Promise<ResponseOf<K>> {
  const ns = client.keyspace;
  const sent = ns ? ns.request(method, req) : req;
  const once = async () => {
    const resp = await client.connection.unary<ResponseOf<K>>(method, sent, {
      ...opts,
      metadata: client.metadata(),
    });
    return ns ? ns.response(method, resp) : resp;
  };
  try {
    return await once();
  } catch (err) {
    if (!isEtcdError(err, 'invalid-token')) throw err;
    await client.reauthenticate();
    return once();
  }
}

const transientTexts = [
  'etcdserver: no leader',
  'etcdserver: leader changed',
  'etcdserver: request timed out',
  'etcdserver: server stopped',
  'etcdserver: too many requests',
  'context deadline exceeded',
];

/** True for a failure that trying again (perhaps elsewhere) may cure. */
export function isTransient(err: unknown): boolean {
  if (!(err instanceof EtcdError)) return false;
  if (err.code === GrpcCode.UNAVAILABLE || err.code === GrpcCode.DEADLINE_EXCEEDED) return true;
  return transientTexts.some((t) => err.details.startsWith(t));
}

/**
 * Runs `attempt` until it succeeds, retrying transient failures with a growing pause while neither
 * `signal` (the caller gave up: `context canceled`) nor `stop` (e.g. the session was lost: the last
 * failure is thrown) is aborted.
 */
export async function persist<T>(
  attempt: () => Promise<T>,
  opts: { signal?: AbortSignal | undefined; stop?: AbortSignal | undefined; what?: string },
  timing: Timing,
): Promise<T> {
  let pause = 100;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (opts.signal?.aborted) throw canceled();
      if (!isTransient(err) || opts.stop?.aborted) throw err;
      timing.debug?.(`${opts.what ?? 'request'} failed (${(err as Error).message}); retrying`);
    }
    await sleep(pause, anySignal(opts.signal, opts.stop));
    pause = Math.min(pause * 2, 1000);
  }
}

/** Resolves when `signal` aborts (at once if it already has). */
export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
