// discover's output (README "Patterns"): the registered entries under a prefix with the TTL left
// on their leases, and the changes that follow, as script records; the human table and lines are
// in human/discover.ts. Changes are classified from the events: a put of version 1 adds a key, a
// later put changes it, a delete removes it.
import {
  Event_EventType as EventType,
  type Event,
  type KeyValue,
} from '../etcd/proto/gen/messages.js';
import type { ScriptValue } from './script/encode.js';
import { bytesField } from './script/records.js';
import { hexUint64 } from '../units.js';
import type { ScriptView } from './script/render.js';

/** One registered entry: its key-value and the seconds left on its lease (undefined: none). */
export interface DiscoverEntry {
  kv: KeyValue;
  ttl: bigint | undefined;
}

/** What discover read: the entries and the revision they were read at. */
export interface DiscoverSnapshot {
  prefix: string;
  revision: bigint;
  entries: readonly DiscoverEntry[];
}

/** A change after the snapshot. */
export type ChangeKind = 'added' | 'changed' | 'removed';

/** The kind of change an event is. */
export function changeKind(ev: Event): ChangeKind {
  if (ev.type === EventType.DELETE) return 'removed';
  return ev.kv?.version === 1n ? 'added' : 'changed';
}

/** An entry as a script record. */
export function entryRecord(e: DiscoverEntry): Record<string, ScriptValue> {
  return {
    ...bytesField('key', e.kv.key),
    ...bytesField('value', e.kv.value),
    lease: e.kv.lease !== 0n ? hexUint64(e.kv.lease) : undefined,
    ttl: e.ttl,
    create_revision: e.kv.create_revision,
    mod_revision: e.kv.mod_revision,
  };
}

/** The snapshot for -o json|yaml (a document), ndjson (a record per entry), value and key. */
export function snapshotView(s: DiscoverSnapshot): ScriptView {
  const entries = s.entries.map(entryRecord);
  return {
    doc: { prefix: s.prefix, revision: s.revision, entries },
    rows: entries,
    kvs: s.entries.map((e) => e.kv),
  };
}

/** A change as an NDJSON record: its type, the key, the value of a put, and its revision. */
export function changeRecord(ev: Event): Record<string, ScriptValue> {
  const kv = ev.kv!;
  const kind = changeKind(ev);
  return {
    type: kind,
    ...bytesField('key', kv.key),
    ...(kind === 'removed' ? {} : bytesField('value', kv.value)),
    lease: kind !== 'removed' && kv.lease !== 0n ? hexUint64(kv.lease) : undefined,
    revision: kv.mod_revision,
  };
}
