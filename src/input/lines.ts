// Reading stdin one line at a time, as Go's bufio.Reader.ReadString('\n') does: a line is
// everything up to a newline; bytes left at the end without one are no line (etcdctl: `EOF`).
import type { Source } from '../io.js';

/** Lines of a byte source, read only as far as they are asked for. */
export class LineReader {
  private readonly it: AsyncIterator<Uint8Array | string>;
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;
  /** Bytes of buf already known to hold no newline (a long line arrives in many chunks). */
  private scanned = 0;
  /** A read of the source not yet answered (one given up on when a signal came). */
  private pending = false;

  constructor(src: Source) {
    this.it = src[Symbol.asyncIterator]();
  }

  /**
   * The next line without its `\n`, or undefined when input ends before another newline. Rejects
   * with `context canceled` when `signal` aborts (Ctrl-C while a terminal is being read).
   */
  async next(signal?: AbortSignal): Promise<Buffer | undefined> {
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.scanned);
      if (nl >= 0) {
        const line = this.buf.subarray(0, nl);
        this.buf = this.buf.subarray(nl + 1);
        this.scanned = 0;
        return line;
      }
      this.scanned = this.buf.length;
      if (this.ended) return undefined;
      const r = await this.read(signal);
      if (r.done) this.ended = true;
      else this.buf = Buffer.concat([this.buf, Buffer.from(r.value)]);
    }
  }

  /**
   * The bytes up to and including the next newline (all that is left when none comes), without
   * consuming them: for readers that take less than a line (fmt.Scanf), see skip().
   */
  async peekLine(): Promise<Buffer> {
    for (;;) {
      const nl = this.buf.indexOf(0x0a, this.scanned);
      if (nl >= 0) return this.buf.subarray(0, nl + 1);
      this.scanned = this.buf.length;
      if (this.ended) return this.buf;
      const r = await this.read(undefined);
      if (r.done) this.ended = true;
      else this.buf = Buffer.concat([this.buf, Buffer.from(r.value)]);
    }
  }

  /** Drops the first `n` bytes of what peekLine() returned. */
  skip(n: number): void {
    this.buf = this.buf.subarray(n);
    this.scanned = 0;
  }

  /** Everything not yet returned as a line, up to the end of input (or `context canceled`). */
  async rest(signal?: AbortSignal): Promise<Buffer> {
    while (!this.ended) {
      const r = await this.read(signal);
      if (r.done) this.ended = true;
      else this.buf = Buffer.concat([this.buf, Buffer.from(r.value)]);
    }
    const all = this.buf;
    this.buf = Buffer.alloc(0);
    return all;
  }

  /** Stops reading the source (what is left is never read, as with etcdctl). */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const done = this.it.return?.();
    // A stream's iterator answers return() only after its pending read: do not wait for that.
    if (!this.pending) await done;
    else done?.catch(() => undefined);
  }

  private read(signal: AbortSignal | undefined): Promise<IteratorResult<Uint8Array | string>> {
    this.pending = true;
    const next = this.it.next().finally(() => (this.pending = false));
    return signal ? untilAborted(next, signal) : next;
  }
}

function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('context canceled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('context canceled'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
