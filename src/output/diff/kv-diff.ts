// What `ectl diff` prints for one key or the keys under a prefix at two revisions: a summary of
// the keys added, removed and changed (prefix mode), then a unified diff per key; JSON values are
// pretty-printed first when every present side is JSON. Pure: colour is applied by the caller.
import type { KeyValue } from '../../etcd/proto/gen/messages.js';
import { prettyJson } from './json-pretty.js';
import { type UnifiedLine, unifiedDiff } from './unified.js';
import { utf8Text as text } from '../script/records.js';
import { sameBytes } from '../../byte-buffer.js';

/** One side of a comparison: the key's value at a revision, or absent. */
export interface Side {
  /** The name in the `---`/`+++` header (`key@rev`); `/dev/null` is used for an absent side. */
  name: string;
  value: Uint8Array | undefined;
}

/**
 * The unified diff of two values (no lines when equal). Values that are not UTF-8 are compared,
 * not shown: `Binary values a and b differ`, as git says of binary files.
 */
export function valueDiff(a: Side, b: Side): UnifiedLine[] {
  const va = a.value;
  const vb = b.value;
  if (va && vb && sameBytes(va, vb)) return [];
  if (!va && !vb) return [];
  const ta = va ? text(va) : '';
  const tb = vb ? text(vb) : '';
  const na = va ? a.name : '/dev/null';
  const nb = vb ? b.name : '/dev/null';
  if (ta === undefined || tb === undefined)
    return [{ kind: 'header', text: `Binary values ${na} and ${nb} differ` }];
  // Pretty-printed when every present side is JSON (an absent side is no reason not to).
  const pa = va ? prettyJson(ta) : '';
  const pb = vb ? prettyJson(tb) : '';
  const json = pa !== undefined && pb !== undefined && (va !== undefined || vb !== undefined);
  const lines = json ? unifiedDiff(pa, pb, { a: na, b: nb }) : [];
  // Two JSON texts that differ only in layout: show the raw difference rather than nothing.
  return lines.length > 0 ? lines : unifiedDiff(ta, tb, { a: na, b: nb });
}

/** The keys of two ranges, compared. */
export interface PrefixChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/** A key as text for the summary and the headers (UTF-8, else escaped as JSON would). */
export function keyText(key: Uint8Array): string {
  return text(key) ?? Buffer.from(key).toString('latin1');
}

/** Compares two ranges' key-values (each in key order); returns the changes and the per-key diffs. */
export function prefixDiff(
  a: readonly KeyValue[],
  b: readonly KeyValue[],
  revA: bigint,
  revB: bigint,
): { changes: PrefixChanges; diffs: UnifiedLine[] } {
  const before = new Map(a.map((kv) => [keyText(kv.key), kv.value]));
  const after = new Map(b.map((kv) => [keyText(kv.key), kv.value]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) =>
    Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8')),
  );
  const changes: PrefixChanges = { added: [], removed: [], changed: [] };
  const diffs: UnifiedLine[] = [];
  for (const k of keys) {
    const va = before.get(k);
    const vb = after.get(k);
    if (va && vb && sameBytes(va, vb)) continue;
    (!va ? changes.added : !vb ? changes.removed : changes.changed).push(k);
    diffs.push(
      ...valueDiff({ name: `${k}@${revA}`, value: va }, { name: `${k}@${revB}`, value: vb }),
    );
  }
  return { changes, diffs };
}

/** The summary lines of a prefix diff: `added:   k`, `removed: k`, `changed: k`, in key order. */
export function summaryLines(c: PrefixChanges): UnifiedLine[] {
  const all = [
    ...c.added.map((k) => ({ k, kind: 'added' as const, text: `added:   ${k}` })),
    ...c.removed.map((k) => ({ k, kind: 'removed' as const, text: `removed: ${k}` })),
    ...c.changed.map((k) => ({ k, kind: 'hunk' as const, text: `changed: ${k}` })),
  ];
  all.sort((x, y) => Buffer.compare(Buffer.from(x.k, 'utf8'), Buffer.from(y.k, 'utf8')));
  return all.map(({ kind, text: t }) => ({ kind, text: t }));
}
