// What `ectl history` prints: one row per version (REVISION VERSION ACTION SIZE VALUE) for the human
// table, one record per version for the script formats (full values). Pure.
import type { HistoryEntry, KeyHistory } from '../etcd/recipes/key-history.js';
import type { ScriptView } from './script/render.js';
import { bytesField, utf8Text } from './script/records.js';
import { hexUint64 } from '../units.js';

const named: Record<number, string> = { 9: '\\t', 10: '\\n', 13: '\\r', 92: '\\\\' };

/**
 * A value as one line that cannot upset a terminal: control characters (escape sequences too) and
 * backslashes escaped (`\n`, `\x1b`, `\\`); bytes that are not UTF-8 as `\xNN`.
 */
export function escapeValue(value: Uint8Array): string {
  const text = utf8Text(value);
  if (text === undefined)
    return [...value]
      .map((b) => named[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : hexByte(b)))
      .join('');
  return text.replace(
    /[\x00-\x1f\x7f-\x9f\\]/g,
    (c) => named[c.charCodeAt(0)] ?? hexByte(c.charCodeAt(0)),
  );
}

function hexByte(b: number): string {
  return `\\x${b.toString(16).padStart(2, '0')}`;
}

/** `text` cut to `max` characters, the cut marked with `…`. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The table's rows; values escaped and, unless `full`, shortened to `valueWidth` characters. */
export function historyRows(
  entries: readonly HistoryEntry[],
  o: { full: boolean; valueWidth: number },
): string[][] {
  return entries.map(({ action, kv }) => {
    const put = action === 'PUT';
    const value = put ? escapeValue(kv.value) : '';
    return [
      kv.mod_revision.toString(),
      put ? kv.version.toString() : '-',
      action,
      put ? String(kv.value.length) : '-',
      o.full ? value : shorten(value, o.valueWidth),
    ];
  });
}

export const historyHeader = ['REVISION', 'VERSION', 'ACTION', 'SIZE', 'VALUE'] as const;

/** One version as a script record: the full value, revisions as numbers, the lease in hex. */
export function historyRecord({ action, kv }: HistoryEntry) {
  if (action === 'DELETE')
    return { revision: kv.mod_revision, action, ...bytesField('key', kv.key) };
  return {
    revision: kv.mod_revision,
    action,
    ...bytesField('key', kv.key),
    ...bytesField('value', kv.value),
    version: kv.version,
    create_revision: kv.create_revision,
    ...(kv.lease !== 0n ? { lease: hexUint64(kv.lease) } : {}),
  };
}

/** The history as the script formats see it (-o value/key: the versions that were PUTs). */
export function historyView(key: Uint8Array, h: KeyHistory): ScriptView {
  const records = h.entries.map(historyRecord);
  return {
    doc: {
      ...bytesField('key', key),
      revision: h.revision,
      compact_revision: h.compactRevision,
      history: records,
    },
    rows: records,
    kvs: h.entries.filter((e) => e.action === 'PUT').map((e) => e.kv),
  };
}
