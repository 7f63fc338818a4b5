// The progress bar of `check` on stderr, redrawn every 200 ms as etcdctl's pb/v3 does, and only
// when stderr is a terminal: piped, pb/v3 writes frame after frame with nothing between them,
// noise that no script can use, so ectl leaves a piped stderr empty instead.
import type { Io } from '../../../io.js';
import { ProgressBarFrames } from '../../../output/pb-bar.js';

const REFRESH_MS = 200;

/** A running bar: set its value, finish it once. */
export interface CheckBar {
  readonly total: number;
  value: number;
  /** Draws the last frame (a newline after it) and stops the timer. */
  finish(): void;
  /** Stops the timer without drawing (the command was interrupted). */
  stop(): void;
}

/** Starts a bar of `total` on stderr, or a silent one when stderr is no terminal. */
export function startBar(io: Io, total: number): CheckBar {
  if (!io.stderrIsTTY) {
    return { total, value: 0, finish: () => undefined, stop: () => undefined };
  }
  const frames = new ProgressBarFrames(total);
  // A terminal that reports no width (0) gets pb's default, not empty frames.
  const width = () => io.columns?.() || undefined;
  let done = false;
  const bar: CheckBar = {
    total,
    value: 0,
    finish() {
      if (done) return;
      bar.stop();
      io.stderr.write(frames.frame(io.now(), bar.value, true, width()));
    },
    stop() {
      done = true;
      clearInterval(timer);
    },
  };
  const timer = setInterval(() => {
    io.stderr.write(frames.frame(io.now(), bar.value, false, width()));
  }, REFRESH_MS);
  return bar;
}
