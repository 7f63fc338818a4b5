// Waiting until a condition on a key (or the keys under a prefix) holds, without a race: the state
// is read at one revision R, then watched from R + 1, so no change in between can be missed. The
// watch is the resilient Watcher: it outlives a member's restart and resumes at the first revision
// it has not delivered.
import { rangeRequest } from '../range-request.js';
import type { EtcdClient, ClientCallOptions } from '../client.js';
import { type Event, Event_EventType, type KeyValue } from '../proto/gen/messages.js';
import { clientWatchDeps } from '../watch/stream.js';
import { Watcher, type WatcherOptions } from '../watch/watcher.js';
import { EtcdError } from '../errors.js';
import { rangePages } from './range-pages.js';

/** What is waited for; `match` decides on a key's value for --value/--json-path. */
export type WaitCondition =
  | { kind: 'exists' }
  | { kind: 'deleted' }
  | { kind: 'match'; match: (value: Uint8Array) => boolean };

/** How the condition came to hold: the key-value that satisfied it (none for `deleted`). */
export interface WaitResult {
  /** The revision at which it held. */
  revision: bigint;
  kv?: KeyValue;
}

export interface WaitUntilOptions {
  key: Uint8Array;
  /** Empty for a single key; the prefix's end for --prefix. */
  rangeEnd: Uint8Array;
  condition: WaitCondition;
  /** Options of the initial read (deadline, signal). */
  call: () => ClientCallOptions;
  watch: Omit<WatcherOptions, 'deliver'>;
}

/**
 * The state read at R: done already, or what the watch must follow. For `deleted` under a prefix
 * the number of keys left is counted down (a key created meanwhile counts up).
 */
async function initial(
  client: EtcdClient,
  o: WaitUntilOptions,
): Promise<{ done?: WaitResult; revision: bigint; count: bigint }> {
  const { key, rangeEnd, condition } = o;
  const call = { ...o.call(), idempotent: true };
  if (condition.kind !== 'match' || rangeEnd.length === 0) {
    // One key, or --exists/--deleted under a prefix: the first key and the count suffice.
    const r = await client.unary('KV.Range', { key, range_end: rangeEnd, limit: 1n }, call);
    const revision = r.header?.revision ?? 0n;
    const kv = r.kvs[0];
    const count = r.count;
    if (condition.kind === 'exists' && kv) return { done: { revision, kv }, revision, count };
    if (condition.kind === 'deleted' && count === 0n)
      return { done: { revision }, revision, count };
    if (condition.kind === 'match' && kv && condition.match(kv.value))
      return { done: { revision, kv }, revision, count };
    return { revision, count };
  }
  // A value condition under a prefix: the first key (in key order) whose value matches.
  let revision = 0n;
  for await (const page of rangePages(client, rangeRequest({ key, range_end: rangeEnd }), call)) {
    if (revision === 0n) revision = page.header?.revision ?? 0n;
    const kv = page.kvs.find((k) => condition.match(k.value));
    if (kv) return { done: { revision, kv }, revision, count: 0n };
  }
  return { revision, count: 0n };
}

/** Whether one event makes the condition hold (updating the count of keys left). */
function decide(ev: Event, o: WaitUntilOptions, state: { count: bigint }): WaitResult | undefined {
  const kv = ev.kv;
  if (!kv) return undefined;
  const revision = kv.mod_revision;
  const put = ev.type === Event_EventType.PUT;
  switch (o.condition.kind) {
    case 'exists':
      return put ? { revision, kv } : undefined;
    case 'match':
      return put && o.condition.match(kv.value) ? { revision, kv } : undefined;
    case 'deleted':
      if (put) {
        if (kv.version === 1n) state.count++;
        return undefined;
      }
      state.count--;
      return state.count <= 0n ? { revision } : undefined;
  }
}

/** Resolves as soon as the condition holds (at once when it already does). */
export async function waitUntil(client: EtcdClient, o: WaitUntilOptions): Promise<WaitResult> {
  const state = await initial(client, o);
  if (state.done) return state.done;
  let found!: (r: WaitResult) => void;
  const result = new Promise<WaitResult>((resolve) => (found = resolve));
  let settled = false;
  const watcher = new Watcher(clientWatchDeps(client), {
    ...o.watch,
    deliver(_w, { resp, error }) {
      if (settled) return;
      if (error !== undefined) throw new EtcdError(error, 2, error);
      for (const ev of resp.events) {
        const r = decide(ev, o, state);
        if (r) {
          settled = true;
          found(r);
          return;
        }
      }
    },
  });
  try {
    const spec = { key: o.key, range_end: o.rangeEnd, prev_kv: false, progress_notify: false };
    const watch = watcher.add({ ...spec, start_revision: state.revision + 1n });
    const ended = watch.done.then(() => {
      throw new EtcdError('watch is canceled by the server', 2, 'watch is canceled by the server');
    });
    return await Promise.race([result, watcher.failed, ended]);
  } finally {
    watcher.close();
  }
}
