// The resilient watch. etcdctl's watch ends when its member loses the leader and waits blindly
// while the cluster is unreachable; this one opens a new stream on the next endpoint that connects
// and re-creates every watch at the first revision it has not delivered, so each event is
// delivered exactly once, in order. Server cancellations (compaction, permission, ...) are
// delivered as the Go client delivers them.
import { canceled, fromStatus } from '../errors.js';
import type { WatchResponse } from '../proto/gen/messages.js';
import { type Delivery, Flow, Watch } from './delivery.js';
import type { StreamEnd, WatchDeps, WatchStream } from './stream.js';
import { retryable, tokenExpired } from './stream.js';
import { sleep } from '../transport/sleep.js';
import { type WatchSpec, cancelText, closeResponse } from './track.js';
import { Liveness, type LivenessOptions } from './liveness.js';

export { Watch, type Delivery };

/** How the watcher behaves and where its responses go. */
export interface WatcherOptions {
  signal: AbortSignal;
  /** Bound of each reconnect attempt (ms). */
  dialTimeoutMs: number;
  /** How long the first stream may take to create the first watch before the watch fails (ms). */
  initialTimeoutMs: number;
  /** Probing of a silent stream's member (off when undefined). */
  liveness?: LivenessOptions | undefined;
  /** Prints one response; a promise holds back that watch's next response until it settles. */
  deliver(watch: Watch, d: Delivery): void | Promise<void>;
  warn(line: string): void;
  debug?: ((line: string) => void) | undefined;
}

interface Live {
  s: WatchStream;
  /** Watches whose create request awaits its `created` response, in order. */
  pending: Watch[];
  byId: Map<bigint, Watch>;
  createdAny: boolean;
  reauth: boolean;
  liveness?: Liveness;
  /** Why the stream was given up: its member stopped answering. */
  frozen?: string;
}

/** Watches sharing one stream, resumed on another endpoint whenever the stream is lost. */
export class Watcher {
  private readonly watches: Watch[] = [];
  private readonly flow = new Flow(() => this.live?.s);
  private live: Live | undefined;
  private started = false;
  private closed = false;
  private everCreated = false;
  private reauthed = false;
  private progressWanted = false;
  private outage: string | undefined;
  private warned = false;
  private wake: (() => void) | undefined;
  private reject!: (e: unknown) => void;
  /** Rejects when the watcher cannot go on: interrupted, never connected, a printer failed. */
  readonly failed: Promise<never>;

  constructor(
    private readonly deps: WatchDeps,
    private readonly opts: WatcherOptions,
  ) {
    this.failed = new Promise<never>((_, reject) => (this.reject = reject));
    this.failed.catch(() => undefined);
  }

  /** Starts a watch on the shared stream (opening it on first use). */
  add(spec: WatchSpec): Watch {
    const sink = { deliver: this.opts.deliver, failed: (e: unknown) => this.fatal(e) };
    const w = new Watch(spec, sink, this.flow);
    this.watches.push(w);
    if (this.live) this.create(this.live, w);
    this.wake?.();
    if (!this.started) {
      this.started = true;
      this.loop().catch((e: unknown) => this.fatal(e));
    }
    return w;
  }

  /** Asks the server for a progress notification on every watch of the stream. */
  progress(): void {
    if (this.live) this.live.s.write({ progress_request: {} });
    else if (this.watches.length > 0) this.progressWanted = true;
  }

  /** Stops watching. */
  close(): void {
    this.closed = true;
    this.live?.s.cancel();
    this.live = undefined;
    this.wake?.();
  }

  private fatal(e: unknown): void {
    this.close();
    this.reject(e);
  }

  private async loop(): Promise<void> {
    const { signal, dialTimeoutMs, debug } = this.opts;
    const initialBy = Date.now() + this.opts.initialTimeoutMs;
    let pause = 0;
    const backoff = () => (pause = Math.min(Math.max(pause * 2, 100), 1000));
    for (;;) {
      if (pause > 0) await sleep(pause, signal);
      if (signal.aborted) throw canceled();
      if (this.closed) return;
      if (this.watches.length === 0) {
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      const initial = !this.everCreated;
      let live: Live;
      let ended: Promise<StreamEnd>;
      try {
        ({ live, ended } = await this.connect(initial ? initialBy : Date.now() + dialTimeoutMs));
      } catch (err) {
        if (signal.aborted) throw canceled();
        if (initial) throw err;
        this.lost((err as Error).message);
        backoff();
        continue;
      }
      debug?.(`watch: stream open on ${live.s.endpoint}`);
      const end = await ended;
      live.liveness?.stop();
      if (this.live === live) this.live = undefined;
      if (signal.aborted) throw canceled();
      if (this.closed) return;
      const text = live.frozen ?? fromStatus(end.code, end.details).message;
      debug?.(`watch: stream on ${live.s.endpoint} ended: ${live.reauth ? 'token expired' : text}`);
      if (live.reauth || tokenExpired(end.details)) {
        // One new token per failure; a second one in a row ends the watches as etcdctl would.
        if (this.reauthed) this.closeAll(text);
        else {
          try {
            await this.deps.reauthenticate();
            this.reauthed = true;
            pause = 0;
          } catch (err) {
            // Wrong credentials end the watch; an unreachable cluster is one more outage.
            if (signal.aborted || /authentication failed/.test(String(err))) throw err;
            this.lost((err as Error).message);
            backoff();
          }
        }
        continue;
      }
      // Only a watch never created gives up at the initial deadline: one that was created on this
      // stream (a frozen member's stream can take longer than that to break) moves on.
      if (!retryable(end) || (!this.everCreated && Date.now() >= initialBy)) {
        this.closeAll(text);
        continue;
      }
      this.deps.avoid(live.s.endpointIndex);
      if (live.createdAny) {
        this.outage = `${live.s.endpoint}: ${text}`;
        this.warned = false;
        pause = 0;
      } else {
        if (!initial) this.lost(`${live.s.endpoint}: ${text}`);
        backoff();
      }
    }
  }

  /** A reconnect attempt failed: say so once per outage, then keep trying quietly. */
  private lost(cause: string): void {
    this.opts.debug?.(`watch: reconnect failed: ${cause}`);
    if (this.warned) return;
    this.warned = true;
    const n = this.watches.length;
    const at = n === 1 ? `revision ${this.watches[0]!.track.nextRevision}` : `${n} watches`;
    this.opts.warn(
      `Warning: watch stream lost (${this.outage ?? cause}); reconnecting to resume at ${at}`,
    );
  }

  private async connect(connectBy: number): Promise<{ live: Live; ended: Promise<StreamEnd> }> {
    let onEnd!: (e: StreamEnd) => void;
    const ended = new Promise<StreamEnd>((r) => (onEnd = r));
    const live = { pending: [], byId: new Map(), createdAny: false, reauth: false } as Omit<
      Live,
      's'
    > as Live;
    const s = await this.deps.open(
      connectBy,
      this.opts.signal,
      (r) => this.onData(live, r),
      (e) => onEnd(e),
    );
    live.s = s;
    this.live = live;
    if (this.opts.liveness) {
      const probe = (ms: number) => this.deps.answers(s.endpointIndex, ms);
      live.liveness = new Liveness(
        this.opts.liveness,
        probe,
        () => this.flow.isPaused,
        (why) => {
          if (this.live !== live) return;
          live.frozen = why; // the member stopped answering: drop its connection, resume elsewhere
          this.deps.unresponsive(s.endpointIndex);
          s.cancel();
        },
      );
    }
    this.flow.reset();
    for (const w of this.watches) this.create(live, w);
    if (this.progressWanted) {
      this.progressWanted = false;
      s.write({ progress_request: {} });
    }
    return { live, ended };
  }

  private create(live: Live, w: Watch): void {
    live.pending.push(w);
    live.s.write({ create_request: w.track.createRequest() });
  }

  private onData(live: Live, r: WatchResponse): void {
    live.liveness?.seen();
    if (this.live !== live) return;
    if (r.created) {
      const w = live.pending.shift();
      if (!w || w.isEnded) return;
      if (r.canceled || r.watch_id === -1n) {
        if (tokenExpired(r.cancel_reason) && !this.reauthed) {
          live.reauth = true;
          live.s.cancel();
        } else this.closeAll(r.cancel_reason, [w]);
        return;
      }
      live.byId.set(r.watch_id, w);
      w.track.onCreated(r);
      live.createdAny = this.everCreated = true;
      this.reauthed = this.warned = false;
      this.outage = undefined;
      return;
    }
    if (r.watch_id === -1n) {
      for (const w of live.byId.values()) w.push({ resp: w.track.accept(r, true)! });
      return;
    }
    const w = live.byId.get(r.watch_id);
    if (!w || w.isEnded) return;
    if (r.canceled) live.byId.delete(r.watch_id);
    // The Go client does not deliver a cancellation without compaction: the watch just ends.
    if (r.canceled && r.compact_revision === 0n) return this.end(w);
    const resp = w.track.accept(r);
    const error = cancelText(r);
    if (resp) w.push(error === undefined ? { resp } : { resp, error });
    if (r.canceled) this.end(w);
  }

  /** Ends watches with the Go client's closing response (every active watch by default). */
  private closeAll(error: string, watches = [...this.watches]): void {
    for (const w of watches) {
      w.push({ resp: closeResponse(), error });
      this.end(w);
    }
  }

  private end(w: Watch): void {
    const i = this.watches.indexOf(w);
    if (i >= 0) this.watches.splice(i, 1);
    w.end();
  }
}
