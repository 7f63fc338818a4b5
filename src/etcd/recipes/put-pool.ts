// The worker pool behind `check`'s loads, with the semantics of etcdctl's buffered channel read by
// N goroutines: up to N requests run at once, up to N more wait for a worker, and whoever submits
// beyond that waits for room, which is how a slow server slows the load down.

/** Runs `work` on submitted items, `workers` at a time. `work` must not reject. */
export class PutPool<T = Uint8Array> {
  private running = 0;
  private readonly waiting: T[] = [];
  private room: (() => void) | undefined;
  private idle: (() => void) | undefined;

  constructor(
    private readonly workers: number,
    private readonly work: (item: T) => Promise<void>,
  ) {}

  /** Hands an item over; resolves once it is taken, with true when that meant waiting for room. */
  async submit(item: T): Promise<boolean> {
    let waited = false;
    while (this.running + this.waiting.length >= 2 * this.workers) {
      waited = true;
      await new Promise<void>((resolve) => (this.room = resolve));
    }
    if (this.running < this.workers) this.start(item);
    else this.waiting.push(item);
    return waited;
  }

  /** Resolves once every submitted item has been worked on. */
  drained(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => (this.idle = resolve));
  }

  private start(item: T): void {
    this.running++;
    void this.work(item).finally(() => {
      this.running--;
      const next = this.waiting.shift();
      if (next !== undefined) this.start(next);
      const room = this.room;
      this.room = undefined;
      room?.();
      if (this.running === 0) {
        const idle = this.idle;
        this.idle = undefined;
        idle?.();
      }
    });
  }
}
