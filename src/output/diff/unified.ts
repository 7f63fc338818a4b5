// The unified diff of two texts as `diff -u` and `git diff` print it: `---`/`+++` headers, hunks
// of changes with three lines of context, `\ No newline at end of file` where a side lacks one.
// Pure: it returns typed lines; the human output colours them (output/human/diff-colour.ts).
import { diffLines } from './lines.js';

/** One line of a unified diff and what it is, for colouring. */
export interface UnifiedLine {
  kind: 'header' | 'hunk' | 'context' | 'removed' | 'added' | 'note';
  text: string;
}

/** The lines of a text, each with its newline (the last one without when the text has none). */
export function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    out.push(text.slice(start, i + 1));
    start = i + 1;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** `start,count` of a hunk header: an empty side starts at the line before; a count of 1 is left out. */
function range(start: number, count: number): string {
  if (count === 0) return `${start},0`;
  return count === 1 ? `${start + 1}` : `${start + 1},${count}`;
}

/**
 * The unified diff turning `a` into `b`, named `aName` and `bName` in the headers; no lines when
 * the texts are equal.
 */
export function unifiedDiff(
  a: string,
  b: string,
  names: { a: string; b: string },
  context = 3,
): UnifiedLine[] {
  if (a === b) return [];
  const ops = diffLines(splitLines(a), splitLines(b));
  // Positions in a and b before each op.
  const at: { a: number; b: number }[] = [];
  let ia = 0;
  let ib = 0;
  for (const o of ops) {
    at.push({ a: ia, b: ib });
    if (o.op !== '+') ia++;
    if (o.op !== '-') ib++;
  }
  const out: UnifiedLine[] = [
    { kind: 'header', text: `--- ${names.a}` },
    { kind: 'header', text: `+++ ${names.b}` },
  ];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.op === ' ') i++;
    if (i === ops.length) break;
    // A hunk: from `context` lines before the first change to `context` after the last one, with
    // changes closer than 2 * context joined into it.
    const first = Math.max(0, i - context);
    let last = i;
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.op === ' ') continue;
      if (j - last - 1 > 2 * context) break;
      last = j;
    }
    const end = Math.min(ops.length, last + context + 1);
    const slice = ops.slice(first, end);
    const countA = slice.filter((o) => o.op !== '+').length;
    const countB = slice.filter((o) => o.op !== '-').length;
    const head = `@@ -${range(at[first]!.a, countA)} +${range(at[first]!.b, countB)} @@`;
    out.push({ kind: 'hunk', text: head });
    for (const o of slice) {
      const kind = o.op === ' ' ? 'context' : o.op === '-' ? 'removed' : 'added';
      const eol = o.line.endsWith('\n');
      out.push({ kind, text: o.op + (eol ? o.line.slice(0, -1) : o.line) });
      if (!eol) out.push({ kind: 'note', text: '\\ No newline at end of file' });
    }
    i = end;
  }
  return out;
}

/** The lines as text, each styled by its kind (identity by default). */
export function renderUnified(
  lines: readonly UnifiedLine[],
  style: (kind: UnifiedLine['kind'], text: string) => string = (_k, t) => t,
): string {
  return lines.map((l) => `${style(l.kind, l.text)}\n`).join('');
}

/**
 * A line with the control characters that would drive a terminal (escape sequences, carriage
 * returns) shown as `\xNN`; tabs stay. For diffs printed on a terminal.
 */
export function escapeControls(line: UnifiedLine): UnifiedLine {
  const text = line.text.replace(
    /[\x00-\x08\x0a-\x1f\x7f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return text === line.text ? line : { ...line, text };
}
