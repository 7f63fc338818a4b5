// A few import txns in flight at once: etcd commits concurrent proposals together (one fsync for
// several), so a window of batches writes several times faster than one at a time. Results are
// handed over in the order the batches were sent, and a batch that shares a key with one in flight
// waits for it, so a key written twice keeps the dump's last value.

/** How a txn ended. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface Flight<T, Tag> {
  result: Promise<Settled<T>>;
  tag: Tag;
  keys: ReadonlySet<string>;
}

/** At most `size` tasks in flight; `settle` sees each result in submission order. */
export class Window<T, Tag> {
  private readonly flights: Flight<T, Tag>[] = [];

  constructor(
    private readonly size: number,
    private readonly settle: (result: Settled<T>, tag: Tag) => void,
  ) {}

  /** Starts `task` once there is room and no task in flight writes one of `keys`. */
  async add(task: () => Promise<T>, tag: Tag, keys: ReadonlySet<string>): Promise<void> {
    while (this.flights.length >= this.size || this.overlaps(keys)) await this.next();
    const result = task().then(
      (value): Settled<T> => ({ ok: true, value }),
      (error: unknown): Settled<T> => ({ ok: false, error }),
    );
    this.flights.push({ result, tag, keys });
  }

  /** Waits for every task in flight. */
  async drain(): Promise<void> {
    while (this.flights.length > 0) await this.next();
  }

  private overlaps(keys: ReadonlySet<string>): boolean {
    return this.flights.some((f) => [...keys].some((k) => f.keys.has(k)));
  }

  private async next(): Promise<void> {
    const f = this.flights.shift()!;
    this.settle(await f.result, f.tag);
  }
}
