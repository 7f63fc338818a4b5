// What `ectl import` prints: the closing counts on stderr, keys in conflict, and the dry run's
// plan on stdout, one key a line. Keys print as text when they are printable UTF-8, else as Go's %q.
import { goQuote } from '../go/format.js';
import { utf8Text } from './script/records.js';

/** A key as a line can show it: the text itself, or quoted when it holds other bytes. */
export function keyText(key: Uint8Array): string {
  const text = utf8Text(key);
  if (text !== undefined && !/[\u0000-\u001f\u007f"]/.test(text)) return text;
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
