// A batch's stdout gathered into larger writes. One pipe write per line (`OK\n` for each put) was
// about a tenth of a line's time on 1,000-line scripts. The bytes and their order stay those of
// separate invocations: stdout is written out before anything goes to stderr or a prompt asks,
// when enough has gathered, a short while after the first waiting byte (a slow line does not hold
// back what the lines before it printed), and at the end.
import type { Sink } from '../../../io.js';

/** The sinks a batch hands its lines, and the flush its end calls. */
export interface CoalescedOutput {
  stdout: Sink;
  stderr: Sink;
  flush(): void;
}

/** When gathered output is written out: a size and the longest time a byte may wait. */
export interface CoalescingLimits {
  maxBytes: number;
  maxDelayMs: number;
}

const defaultLimits: CoalescingLimits = { maxBytes: 64 * 1024, maxDelayMs: 50 };

/** Gathers what goes to `stdout`; `stderr` writes go straight through, after stdout's. */
export function coalescedOutput(
  stdout: Sink,
  stderr: Sink,
  limits: CoalescingLimits = defaultLimits,
): CoalescedOutput {
  let parts: (string | Uint8Array)[] = [];
  let size = 0;
  let allText = true;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (parts.length === 0) return;
    const out = parts;
    const text = allText;
    parts = [];
    size = 0;
    allText = true;
    if (out.length === 1) stdout.write(out[0]!);
    else if (text) stdout.write(out.join(''));
    else stdout.write(Buffer.concat(out.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  };
  return {
    stdout: {
      write(chunk) {
        if (chunk.length === 0) return;
        parts.push(chunk);
        size += chunk.length;
        if (typeof chunk !== 'string') allText = false;
        if (size >= limits.maxBytes) flush();
        else if (!timer) {
          timer = setTimeout(flush, limits.maxDelayMs);
          // The batch's end flushes: the timer alone must not keep the process.
          timer.unref();
        }
      },
    },
    stderr: {
      write(chunk) {
        flush();
        stderr.write(chunk);
      },
    },
    flush,
  };
}
