// discover's human output: the entries as a quiet table (KEY, VALUE, TTL) and one line per change
// (`+ KEY VALUE`, `~ KEY VALUE`, `- KEY`), coloured on a terminal. Keys and values are shown as text
// with control characters escaped, so one entry is always one line.
import type { Event } from '../../etcd/proto/gen/messages.js';
import type { ChalkInstance } from 'chalk';
import { type DiscoverEntry, changeKind } from '../discover.js';
import { humanTable } from './table.js';

/** Bytes as one line of text: UTF-8 with control characters escaped as \n, \t, \xNN. */
export function printable(bytes: Uint8Array): string {
  const text = Buffer.from(bytes).toString('utf8');
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\t') return '\\t';
    if (c === '\r') return '\\r';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** The entries as a table; the TTL column says `-` for a key without a lease. */
export function discoverTable(entries: readonly DiscoverEntry[], c: ChalkInstance): string {
  const rows = entries.map((e) => [
    printable(e.kv.key),
    printable(e.kv.value),
    e.ttl === undefined ? '-' : e.ttl < 0n ? 'expired' : `${e.ttl}s`,
  ]);
  return humanTable(['KEY', 'VALUE', 'TTL'], rows, (s) => c.bold(s));
}

const marks = { added: '+', changed: '~', removed: '-' } as const;

/** One change as a line: `+ KEY VALUE` (added), `~ KEY VALUE` (changed), `- KEY` (removed). */
export function changeLine(ev: Event, c: ChalkInstance): string {
  const kind = changeKind(ev);
  const kv = ev.kv!;
  const colour = kind === 'added' ? c.green : kind === 'changed' ? c.yellow : c.red;
  const text =
    kind === 'removed'
      ? `${marks[kind]} ${printable(kv.key)}`
      : `${marks[kind]} ${printable(kv.key)} ${printable(kv.value)}`;
  return `${colour(text)}\n`;
}
