// ectl's own tables (get-contexts, status, doctor): cli-table3 with a quiet style: no borders, the
// header as the first row, columns two spaces apart, as kubectl and gh print them. etcdctl's tables
// (the etcdctl family's `-w table`) are drawn by src/go/tablewriter.ts instead, byte for byte.
import Table from 'cli-table3';

const quiet = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: '  ',
};

/** A cell: text, or text spanning several columns (a row that says why it has no values). */
export type Cell = string | { content: string; colSpan: number };

/** Renders rows under a header; `header` cells are styled by `style` (bold on a TTY, say). */
export function humanTable(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  style: (s: string) => string = (s) => s,
): string {
  const table = new Table({
    head: header.map(style),
    chars: quiet,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const row of rows) table.push(row.map((c) => (typeof c === 'string' ? c : { ...c })));
  // cli-table3 pads the last column too; trailing blanks are noise in a terminal and in diffs.
  return `${table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')}\n`;
}
