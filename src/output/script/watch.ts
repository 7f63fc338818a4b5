// watch -o (README "Output for scripts"): one record per event as it arrives, never a document of
// the whole stream (it has no end). NDJSON is a line per event; json an indented document per
// event (a stream `jq` reads); yaml a `---` document per event; key the changed keys and value the
// new values of PUT events (a DELETE has none), one a line. Progress notifications (asked for with
// --progress-notify) are `{"type":"PROGRESS","revision":R}` records; key and value skip them.
import type { Event, WatchResponse } from '../../etcd/proto/gen/messages.js';
import type { Part } from '../print.js';
import { ndjsonLine, scriptJson, scriptYaml } from './encode.js';
import type { ScriptFormat } from './format.js';
import { bytesField } from './records.js';
import { hexUint64 } from '../../units.js';

const PUT = 0;

/**
 * One event: `{type, key, value, create_revision, mod_revision, version, lease?, prev_value?}`; a
 * DELETE has only type, key, mod_revision and prev_value (when the watch asked for --prev-kv).
 */
export function eventRecord(ev: Event): Record<string, string | bigint> {
  const kv = ev.kv;
  const key = kv ? kv.key : new Uint8Array(0);
  const prev = ev.prev_kv ? bytesField('prev_value', ev.prev_kv.value) : {};
  if (ev.type !== PUT) {
    return {
      type: 'DELETE',
      ...bytesField('key', key),
      mod_revision: kv?.mod_revision ?? 0n,
      ...prev,
    };
  }
  return {
    type: 'PUT',
    ...bytesField('key', key),
    ...bytesField('value', kv?.value ?? new Uint8Array(0)),
    create_revision: kv?.create_revision ?? 0n,
    mod_revision: kv?.mod_revision ?? 0n,
    version: kv?.version ?? 0n,
    ...(kv && kv.lease !== 0n ? { lease: hexUint64(kv.lease) } : {}),
    ...prev,
  };
}

/** What one watch response prints in `format`; `progress` marks a progress notification. */
export function watchScript(format: ScriptFormat, resp: WatchResponse, progress: boolean): Part[] {
  if (format === 'key' || format === 'value') {
    const parts: Part[] = [];
    for (const ev of resp.events) {
      if (format === 'value' && ev.type !== PUT) continue;
      const kv = ev.kv;
      parts.push(kv ? (format === 'key' ? kv.key : kv.value) : '', '\n');
    }
    return parts;
  }
  const records: Record<string, string | bigint>[] = resp.events.map(eventRecord);
  if (progress) records.push({ type: 'PROGRESS', revision: resp.header?.revision ?? 0n });
  switch (format) {
    case 'ndjson':
      return [records.map(ndjsonLine).join('')];
    case 'json':
      return records.map((r) => `${scriptJson(r, true)}\n`);
    case 'yaml':
      return records.map((r) => `---\n${scriptYaml(r)}`);
  }
}
