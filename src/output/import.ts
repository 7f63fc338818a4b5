// What `ectl import` prints: the closing counts on stderr, keys in conflict, and the dry run's
// plan on stdout, one key a line. Keys print as text when they are printable UTF-8, else as Go's %q.
import { goQuote } from '../go/format.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A key as a line can show it: the text itself, or quoted when it holds other bytes. */
export function keyText(key: Uint8Array): string {
  try {
    const text = strictUtf8.decode(key);
    if (!/[\u0000-\u001f\u007f"]/.test(text)) return text;
  } catch {
    // not UTF-8: quoted below
  }
  return goQuote(key);
}

/** The closing line: `imported N, skipped M, conflicts K`. */
export function importSummary(
  imported: number,
  skipped: number,
  conflicts: number,
  note = '',
): string {
  return `imported ${imported}, skipped ${skipped}, conflicts ${conflicts}${note}\n`;
}

/** One line of a dry run: `add k`, `overwrite k`, `skip k` or `conflict k`. */
export function dryRunLine(
  action: 'add' | 'overwrite' | 'skip' | 'conflict',
  key: Uint8Array,
): string {
  return `${action} ${keyText(key)}\n`;
}
