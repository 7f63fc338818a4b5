// The progress bar etcdctl main draws during `check` (github.com/cheggaaa/pb/v3, v3.2.0, default
// template on a terminal): `\r12 / 60 [----->______] 20.00% 1 p/s`, padded to the terminal width,
// a newline after the last frame. Frames are computed here from the values and clock readings the
// caller passes, so the bytes can be tested; the caller owns the timer and the terminal.
import { formatFloatF } from '../go/float.js';

// VividCortex/ewma's SimpleEWMA (an average age of 30 samples); 0 stands for "no sample yet".
const DECAY = 2 / (30 + 1);
// pb adds a speed sample at most every half second.
const SPEED_SAMPLE_MS = 500;
// pb's width when the terminal's is unknown.
const DEFAULT_WIDTH = 100;

/** pb's ElementBar: `[`, filled `-` ending in `>`, empty `_`, `]`, exactly `width` cells. */
export function barCells(value: number, total: number, width: number, finished: boolean): string {
  let left = width;
  if (left <= 1) return '['.repeat(Math.max(left, 0));
  left -= 1;
  if (left <= 1) return '[' + ']'.repeat(left);
  left -= 1;
  let t = Math.abs(total);
  const v = Math.abs(value);
  if (t !== 0 && v > t) t = v;
  const cur = t > 0 ? Math.ceil((v / t) * left) : 0;
  let fill = '';
  if (t === v && finished) fill = '-'.repeat(cur);
  else if (cur - 1 > 0) fill = '-'.repeat(cur - 1) + '>';
  else if (cur > 0) fill = '>';
  return '[' + fill + '_'.repeat(Math.max(left - fill.length, 0)) + ']';
}

// pb's round: half up.
function roundHalfUp(v: number): number {
  return v - Math.floor(v) >= 0.5 ? Math.ceil(v) : Math.floor(v);
}

/** One bar's frames: call frame() every 200 ms and once more, finished, at the end. */
export class ProgressBarFrames {
  private id = 0;
  private startMs = 0;
  private prevMs = 0;
  private prevValue = 0;
  private ewma = 0;

  constructor(private readonly total: number) {}

  // pb's speed element: reset on the first frame, an EWMA sample per half second, and the
  // average over the whole run once finished.
  private speed(nowMs: number, value: number, finished: boolean): number {
    if (this.id === 1) {
      this.startMs = this.prevMs = nowMs;
      this.prevValue = value;
      this.ewma = 0;
      return 0;
    }
    if (finished) return nowMs > this.startMs ? value / ((nowMs - this.startMs) / 1000) : 0;
    const dur = nowMs - this.prevMs;
    if (dur < SPEED_SAMPLE_MS) return this.ewma;
    const last = Math.abs(value - this.prevValue) / (dur / 1000);
    this.prevMs = nowMs;
    this.prevValue = value;
    this.ewma = this.ewma === 0 ? last : last * DECAY + this.ewma * (1 - DECAY);
    return this.ewma;
  }

  /** The bytes of the frame at `nowMs` (ms, any origin) for `value`, on a `width`-cell terminal. */
  frame(nowMs: number, value: number, finished: boolean, width = DEFAULT_WIDTH): string {
    this.id++;
    const total = this.total;
    const counters = total > 0 ? `${value} / ${total}` : `${value}`;
    const percent = total > 0 ? `${formatFloatF(value / (total / 100), 2)}%` : '?%';
    const sp = this.speed(nowMs, value, finished);
    const speed = sp === 0 ? '? p/s' : `${roundHalfUp(sp)} p/s`;
    const fixed = counters.length + percent.length + speed.length + 3;
    let line: string;
    if (width - fixed <= 0) {
      line = `${counters}  ${percent} ${speed}`.slice(0, width);
    } else {
      line = `${counters} ${barCells(value, total, width - fixed, finished)} ${percent} ${speed}`;
    }
    return `\r${line.padEnd(width, ' ')}${finished ? '\n' : ''}`;
  }
}
