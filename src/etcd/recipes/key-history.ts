// Every version of one key still in the store: the current revision R is read first; then one
// watch from revision 1 learns the compaction point C (the server cancels it with
// compact_revision), and a watch from C replays every change up to R. A version written before C
// and still current at C is read at C (a watch from C does not replay it).
import type { ClientCallOptions, EtcdClient } from '../client.js';
import { EtcdError } from '../errors.js';
import { Event_EventType, type KeyValue, type WatchResponse } from '../proto/gen/messages.js';
import { clientWatchDeps } from '../watch/stream.js';
import { Watcher, type WatcherOptions } from '../watch/watcher.js';

/** One change of the key: a PUT with its key-value, or a DELETE (kv holds key and revision). */
export interface HistoryEntry {
  action: 'PUT' | 'DELETE';
  kv: KeyValue;
}

/** The history and where it was read. */
export interface KeyHistory {
  /** The store's revision when the history was read: nothing later is included. */
  revision: bigint;
  /** The oldest revision still in the store (1 when nothing was compacted). */
  compactRevision: bigint;
  entries: HistoryEntry[];
}

export interface KeyHistoryOptions {
  key: Uint8Array;
  call: () => ClientCallOptions;
  watch: Omit<WatcherOptions, 'deliver'>;
  /** How often progress is asked for while waiting for the end of a deleted key's history (ms). */
  progressEveryMs?: number;
}

type Stop = { compacted: bigint } | { done: true };

/**
 * The changes of the key from `from` up to `upTo`. The end is known when the key exists at upTo
 * (its last PUT is at its mod_revision); for a key absent at upTo it is the first progress
 * notification at or past upTo after a quiet interval: etcd sends a watch's replay every 100 ms
 * (3.4.23 answers a progress request even before the replay is sent; 3.4.24+ only after).
 */
async function replay(
  client: EtcdClient,
  o: KeyHistoryOptions,
  from: bigint,
  upTo: bigint,
  lastMod: bigint | undefined,
  entries: HistoryEntry[],
): Promise<Stop> {
  let finish!: (s: Stop) => void;
  const stopped = new Promise<Stop>((resolve) => (finish = resolve));
  const every = o.progressEveryMs ?? 300;
  // When the last events came, and whether the latest progress request followed a quiet interval.
  let lastEventAt = Date.now();
  let askedQuiet = false;
  const onResponse = (resp: WatchResponse, error: string | undefined): void => {
    if (resp.compact_revision !== 0n) return finish({ compacted: resp.compact_revision });
    if (error !== undefined) throw new EtcdError(error, 2, error);
    if (resp.events.length === 0) {
      const rev = resp.header?.revision ?? 0n;
      if (lastMod === undefined && askedQuiet && rev >= upTo) finish({ done: true });
      return;
    }
    lastEventAt = Date.now();
    askedQuiet = false;
    for (const ev of resp.events) {
      const kv = ev.kv!;
      if (kv.mod_revision > upTo) return finish({ done: true });
      entries.push({ action: ev.type === Event_EventType.DELETE ? 'DELETE' : 'PUT', kv });
      if (kv.mod_revision === lastMod) return finish({ done: true });
    }
  };
  const watcher = new Watcher(clientWatchDeps(client), {
    ...o.watch,
    deliver: (_w, { resp, error }) => onResponse(resp, error),
  });
  const ticker =
    lastMod === undefined
      ? setInterval(() => {
          // An answer counts only when no events came for two intervals before it was asked.
          askedQuiet = Date.now() - lastEventAt >= 2 * every;
          watcher.progress();
        }, every)
      : undefined;
  try {
    const spec = {
      key: o.key,
      range_end: new Uint8Array(0),
      prev_kv: false,
      progress_notify: false,
    };
    const watch = watcher.add({ ...spec, start_revision: from });
    const ended = watch.done.then((): Stop => {
      throw new EtcdError('watch is canceled by the server', 2, 'watch is canceled by the server');
    });
    return await Promise.race([stopped, watcher.failed, ended]);
  } finally {
    clearInterval(ticker);
    watcher.close();
  }
}

/** Reads every version of the key still in the store, oldest first. */
export async function keyHistory(client: EtcdClient, o: KeyHistoryOptions): Promise<KeyHistory> {
  const call = () => ({ ...o.call(), idempotent: true });
  const now = await client.unary('KV.Range', { key: o.key }, call());
  const revision = now.header?.revision ?? 0n;
  const current = now.kvs[0];
  const entries: HistoryEntry[] = [];
  let from = 1n;
  for (;;) {
    if (current && current.mod_revision < from) {
      // Unchanged since before the compaction point: the current version is the whole history.
      return { revision, compactRevision: from, entries: [{ action: 'PUT', kv: current }] };
    }
    const stop = await replay(client, o, from, revision, current?.mod_revision, entries);
    if ('done' in stop) return { revision, compactRevision: from, entries };
    from = stop.compacted;
    entries.length = 0;
    // The version the key had at the compaction point, if written before it.
    const atC = await client.unary('KV.Range', { key: o.key, revision: from }, call());
    const kept = atC.kvs[0];
    if (kept && kept.mod_revision < from) entries.push({ action: 'PUT', kv: kept });
  }
}
