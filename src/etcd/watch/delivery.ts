// Delivering a watch's responses to its printer one at a time, in order, even when printing is
// asynchronous (an exec command per event); a stream whose responses pile up is paused.
import type { WatchResponse } from '../proto/gen/messages.js';
import { type WatchSpec, WatchTrack } from './track.js';

/** A response to print, with the Go client's Err() text when it is a cancellation. */
export interface Delivery {
  resp: WatchResponse;
  error?: string;
}

/** Where responses go: the printer, and what to do when it fails. */
export interface DeliverySink {
  /** Prints one response; a promise holds back that watch's next response until it settles. */
  deliver(watch: Watch, d: Delivery): void | Promise<void>;
  failed(e: unknown): void;
}

// Responses waiting to be printed (all watches together) before the stream is paused, and below
// which it is resumed.
const HIGH_WATER = 1024;
const LOW_WATER = 256;

/** Counts responses waiting to be printed and pauses or resumes the stream accordingly. */
export class Flow {
  private queued = 0;
  private paused = false;

  constructor(private readonly stream: () => { pause(): void; resume(): void } | undefined) {}

  /** True while the stream is paused because responses wait to be printed. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** A new stream starts unpaused. */
  reset(): void {
    this.paused = false;
  }

  added(): void {
    if (++this.queued > HIGH_WATER && !this.paused) {
      const s = this.stream();
      if (s) {
        this.paused = true;
        s.pause();
      }
    }
  }

  removed(): void {
    if (--this.queued < LOW_WATER && this.paused) {
      this.paused = false;
      this.stream()?.resume();
    }
  }
}

/** One watch: where it stands in the history, and its responses waiting to be printed. */
export class Watch {
  readonly track: WatchTrack;
  /** Resolves once the watch has ended and everything it received was printed. */
  readonly done: Promise<void>;
  private ended = false;
  private queue: (Delivery | undefined)[] = [];
  private head = 0;
  private busy = false;
  private finish!: () => void;

  constructor(
    spec: WatchSpec,
    private readonly sink: DeliverySink,
    private readonly flow: Flow,
  ) {
    this.track = new WatchTrack(spec);
    this.done = new Promise((resolve) => (this.finish = resolve));
  }

  /** True once the server ended the watch (its last responses may still be printing). */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Queues a response and prints it as soon as the ones before it are printed. */
  push(d: Delivery): void {
    this.queue.push(d);
    this.flow.added();
    if (!this.busy) this.drain();
  }

  /** Marks the watch ended; `done` resolves after what is queued is printed. */
  end(): void {
    this.ended = true;
    if (!this.busy && this.head === this.queue.length) this.finish();
  }

  private drain(): void {
    while (this.head < this.queue.length) {
      const d = this.queue[this.head]!;
      this.queue[this.head++] = undefined;
      this.flow.removed();
      let pending: void | Promise<void>;
      try {
        pending = this.sink.deliver(this, d);
      } catch (e) {
        return this.sink.failed(e);
      }
      if (pending) {
        this.busy = true;
        pending.then(
          () => {
            this.busy = false;
            this.drain();
          },
          (e: unknown) => this.sink.failed(e),
        );
        return;
      }
    }
    this.queue = [];
    this.head = 0;
    if (this.ended) this.finish();
  }
}
