// `-w table`: the bytes etcdctl (main) prints through tablewriter 1.1.4's default Blueprint
// renderer, hand-rolled because cli-table3 cannot reproduce them: light Unicode borders, headers
// auto-formatted (camel-case split, `_` → space, upper case) and centred, cells trimmed and
// right-aligned (etcdctl's WithRowAlignment(AlignRight)), one space of padding on each side.

const BOX = {
  top: ['┌', '┬', '┐'],
  mid: ['├', '┼', '┤'],
  bottom: ['└', '┴', '┘'],
  row: '─',
  column: '│',
} as const;

// tablewriter's tw.SplitCamelCase: runs of lower, upper, digit and other characters; an upper
// letter followed by lower ones starts a word; whitespace-only and `_` runs are dropped.
function splitCamelCase(src: string): string[] {
  const classOf = (c: string): number =>
    /\p{Ll}/u.test(c) ? 1 : /\p{Lu}/u.test(c) ? 2 : /\p{Nd}/u.test(c) ? 3 : 4;
  const runs: string[][] = [];
  let last = 0;
  for (const c of src) {
    const cls = classOf(c);
    if (cls === last) runs[runs.length - 1]!.push(c);
    else runs.push([c]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const cur = runs[i]!;
    const next = runs[i + 1]!;
    if (cur.length > 0 && /\p{Lu}/u.test(cur[0]!) && next.length > 0 && /\p{Ll}/u.test(next[0]!))
      next.unshift(cur.pop()!);
  }
  return runs.map((r) => r.join('')).filter((s) => s.length > 0 && s.trim() !== '' && s !== '_');
}

const isDigitOrSpace = (c: string | undefined): boolean => c === ' ' || /^[0-9]$/.test(c ?? '');

/** A header as tablewriter prints it: `hash_revision` → `HASH REVISION`, `Peer Addrs` → `PEER ADDRS`. */
export function headerTitle(name: string): string {
  const chars = [...splitCamelCase(name).join(' ')];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === '_') chars[i] = ' ';
    else if (
      chars[i] === '.' &&
      ((i !== 0 && !isDigitOrSpace(chars[i - 1])) ||
        (i !== chars.length - 1 && !isDigitOrSpace(chars[i + 1])))
    )
      chars[i] = ' ';
  }
  const title = chars.join('').trim();
  return (title === '' && name !== '' ? ' ' : title).toUpperCase();
}

/** Display columns of a string: wide East Asian characters count 2, combining marks 0. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(c) || cp < 0x20) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

const spaces = (n: number): string => ' '.repeat(Math.max(n, 0));

// Blueprint.formatCell with one-space padding; `width` includes the padding. Centring gives the
// odd spare column to the right.
function formatCell(text: string, width: number, align: 'center' | 'right'): string {
  const spare = width - displayWidth(text);
  if (align === 'right') return `${spaces(spare - 1)}${text} `;
  const left = Math.floor((spare - 2) / 2) + 1;
  return `${spaces(left - 1)} ${text} ${spaces(spare - left - 1)}`;
}

// A cell's visual lines: trimmed (tablewriter's TrimSpace), tabs expanded, split at newlines.
function cellLines(cell: string): string[] {
  return cell.trim().replace(/\t/g, '    ').split('\n');
}

/** Renders a table as etcdctl main does; rows are arrays of cell texts. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const n = Math.max(header.length, ...rows.map((r) => r.length));
  const head = Array.from({ length: n }, (_, i) => headerTitle(header[i] ?? ''));
  // Each row becomes its visual lines; continuation lines that are blank are skipped (TrimLine).
  const bodyLines: string[][] = [];
  for (const row of rows) {
    const cells = Array.from({ length: n }, (_, i) => cellLines(row[i] ?? ''));
    const height = Math.max(...cells.map((c) => c.length));
    for (let j = 0; j < height; j++) {
      const line = cells.map((c) => c[j] ?? '');
      if (j > 0 && line.every((c) => c.trim() === '')) continue;
      bodyLines.push(line);
    }
  }
  const widths = head.map(
    (h, i) => Math.max(displayWidth(h), ...bodyLines.map((l) => displayWidth(l[i]!))) + 2,
  );
  const rule = ([l, m, r]: readonly string[]) =>
    `${l}${widths.map((w) => BOX.row.repeat(w)).join(m)}${r}\n`;
  const line = (cells: readonly string[], align: 'center' | 'right') =>
    `${BOX.column}${cells.map((c, i) => formatCell(c, widths[i]!, align)).join(BOX.column)}${BOX.column}\n`;
  let out = rule(BOX.top) + line(head, 'center');
  // The rule under the header is drawn only when rows follow.
  if (bodyLines.length > 0) out += rule(BOX.mid);
  for (const l of bodyLines) out += line(l, 'right');
  return out + rule(BOX.bottom);
}
