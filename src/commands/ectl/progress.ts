// A progress line on a terminal's stderr, redrawn at most every 100 ms and erased at the end, so
// what stays on the screen is only the command's own summary. Off the terminal it is never drawn.
import type { Io } from '../../io.js';
import { eraseLine, progressLine, redraw } from '../../output/human/progress.js';

/** The running count of keys and bytes, drawn while it moves. */
export class Progress {
  keys = 0;
  bytes = 0;
  private drawn = 0;
  private readonly started: number;

  constructor(
    private readonly io: Io,
    private readonly verb: string,
  ) {
    this.started = io.now();
  }

  /** Counts `keys` more keys of `bytes` bytes and redraws the line when it is time to. */
  add(keys: number, bytes: number): void {
    this.keys += keys;
    this.bytes += bytes;
    if (!this.io.stderrIsTTY) return;
    const now = this.io.now();
    if (now - this.drawn < 100) return;
    this.drawn = now;
    this.io.stderr.write(
      redraw(progressLine(this.verb, this.keys, this.bytes, now - this.started)),
    );
  }

  /** Erases the line, if one was drawn. */
  clear(): void {
    if (this.drawn > 0) this.io.stderr.write(eraseLine);
    this.drawn = 0;
  }
}
