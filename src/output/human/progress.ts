// The one-line progress of export and import, drawn on stderr only when it is a terminal:
// `exported 12,000 keys, 3.1 MB, 8,000 keys/s`. Pure text; the caller redraws it in place.
import { humanizeBytes } from '../../go/format.js';

// Made on first use: creating an Intl.NumberFormat initialises ICU, ~12 ms measured at start-up of
// every command when this was a module-level constant.
let grouping: Intl.NumberFormat | undefined;
const count = { format: (n: number) => (grouping ??= new Intl.NumberFormat('en-US')).format(n) };

/** The progress text after `keys` keys of `bytes` bytes in `elapsedMs`. */
export function progressLine(verb: string, keys: number, bytes: number, elapsedMs: number): string {
  const perSecond = Math.round((keys * 1000) / Math.max(elapsedMs, 1));
  return `${verb} ${count.format(keys)} keys, ${humanizeBytes(bytes)}, ${count.format(perSecond)} keys/s`;
}

/** What redraws the line in place: carriage return, the text, erase to the end of the line. */
export function redraw(text: string): string {
  return `\r${text}\x1b[K`;
}

/** What erases a drawn line. */
export const eraseLine = '\r\x1b[K';
