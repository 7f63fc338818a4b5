// Where one watch stands in the revision history, so that a new stream on any member resumes it
// exactly: every event once, in order, none skipped. Pure: the stream logic lives in watcher.ts.
import type { WatchCreateRequest, WatchResponse } from '../proto/gen/messages.js';
import type { MessageInit } from '../proto/codec.js';
import { modRevision } from './decode.js';

/** What a watch asks for; the same filters are sent again on every stream it resumes on. */
export interface WatchSpec {
  key: Uint8Array;
  range_end: Uint8Array;
  /** The revision to start at; 0 (or less, passed through as etcdctl does) means "from now". */
  start_revision: bigint;
  prev_kv: boolean;
  progress_notify: boolean;
}

/** The resume position of one watch. */
export class WatchTrack {
  /** The first revision not yet seen; 0n while a "from now" watch was never created. */
  private next: bigint;
  private createdOnce = false;

  constructor(readonly spec: WatchSpec) {
    this.next = spec.start_revision > 0n ? spec.start_revision : 0n;
  }

  /** The revision the watch resumes at (0n: it has not started yet). */
  get nextRevision(): bigint {
    return this.next;
  }

  /** True once the server confirmed the watch at least once. */
  get created(): boolean {
    return this.createdOnce;
  }

  /** The create request for a (new) stream: the original one, or a resume at the next revision. */
  createRequest(): MessageInit<WatchCreateRequest> {
    const { key, range_end, prev_kv, progress_notify } = this.spec;
    const start = this.next > 0n ? this.next : this.spec.start_revision;
    return { key, range_end, start_revision: start, prev_kv, progress_notify };
  }

  /**
   * The server confirmed the watch. A "from now" watch created at header revision R has seen
   * everything up to R (the server starts it at R + 1), so it resumes at R + 1.
   */
  onCreated(resp: WatchResponse): void {
    if (!this.createdOnce && this.spec.start_revision === 0n && this.next === 0n) {
      this.next = (resp.header?.revision ?? 0n) + 1n;
    }
    this.createdOnce = true;
  }

  /**
   * A response for this watch (not `created`): returns what to deliver, without events already
   * delivered (a resumed stream must not repeat them), or undefined when nothing is left.
   * `broadcast` marks a progress response sent for every watch of a stream (watch ID -1): etcd
   * before 3.4.24/3.5.8 sends those even for watches that have not caught up, so they never move
   * the resume position.
   */
  accept(resp: WatchResponse, broadcast = false): WatchResponse | undefined {
    const evs = resp.events;
    if (evs.length === 0) {
      const rev = resp.header?.revision ?? 0n;
      // A watch's own progress notification: everything up to rev was delivered.
      if (!broadcast && !resp.canceled && resp.compact_revision === 0n && rev >= this.next) {
        this.next = rev + 1n;
      }
      return resp;
    }
    let first = 0;
    if (this.next > 0n) {
      while (first < evs.length && modRevision(evs[first]!) < this.next) first++;
    }
    if (first === evs.length) return undefined;
    const last = modRevision(evs[evs.length - 1]!);
    if (last >= this.next) this.next = last + 1n;
    return first === 0 ? resp : { ...resp, events: evs.slice(first) };
  }
}

const compactedText = 'etcdserver: mvcc: required revision has been compacted';
const futureRevText = 'etcdserver: mvcc: required revision is a future revision';

/** The Go client's Err() text of a canceled response (reference §6.7.2), or undefined. */
export function cancelText(r: WatchResponse): string | undefined {
  if (r.compact_revision !== 0n) return compactedText;
  if (!r.canceled) return undefined;
  return r.cancel_reason || futureRevText;
}

/** The response the Go client delivers when an error closes a watch: empty header, canceled. */
export function closeResponse(): WatchResponse {
  return {
    header: { cluster_id: 0n, member_id: 0n, revision: 0n, raft_term: 0n },
    watch_id: 0n,
    created: false,
    canceled: true,
    compact_revision: 0n,
    cancel_reason: '',
    fragment: false,
    events: [],
  };
}
