// The records of `ectl export` (README "Moving data between clusters"): a header, then one record
// per key with kvRecord's fields and the attached lease's remaining TTL. Every format streams: NDJSON
// one record a line, JSON and YAML as one document whose `kvs` list is written item by item, so a
// dump of any size is printed with the memory of one page.
import type { KeyValue } from '../../etcd/proto/gen/messages.js';
import { type ScriptValue, ndjsonLine, scriptJson, scriptYaml } from './encode.js';
import { bytesField, kvRecord } from './records.js';
import { hexUint64 } from '../../units.js';

/** The formats export writes. */
export type DumpFormat = 'ndjson' | 'json' | 'yaml';

/** The first record: the revision every key was read at, the cluster it came from, the prefix. */
export function dumpHeader(
  revision: bigint,
  clusterId: bigint,
  prefix: Uint8Array,
): Record<string, ScriptValue> {
  return { revision, cluster_id: hexUint64(clusterId), ...bytesField('prefix', prefix) };
}

/** One key's record; `lease_ttl` (seconds left when exported, -1 if gone) when a lease is attached. */
export function dumpRecord(kv: KeyValue, leaseTtl?: bigint): Record<string, ScriptValue> {
  return { ...kvRecord(kv), ...(kv.lease !== 0n ? { lease_ttl: leaseTtl ?? -1n } : {}) };
}

/** The text before the first record: the header line, or the document's opening. */
export function dumpOpening(format: DumpFormat, header: Record<string, ScriptValue>): string {
  switch (format) {
    case 'ndjson':
      return ndjsonLine(header);
    case 'json': {
      // The header's own fields, indented as scriptJson indents them, then the opened list.
      const fields = scriptJson(header, true).slice(1, -2);
      return `{${fields},\n  "kvs": [`;
    }
    case 'yaml':
      return `${scriptYaml(header)}kvs:`;
  }
}

/** The text of the `index`-th record (0-based). */
export function dumpItem(
  format: DumpFormat,
  record: Record<string, ScriptValue>,
  index: number,
): string {
  switch (format) {
    case 'ndjson':
      return ndjsonLine(record);
    case 'json': {
      const body = scriptJson(record, true).replace(/\n/g, '\n    ');
      return `${index === 0 ? '' : ','}\n    ${body}`;
    }
    case 'yaml':
      return `\n${scriptYaml([record]).trimEnd()}`;
  }
}

/** The text after the last of `count` records. */
export function dumpClosing(format: DumpFormat, count: number): string {
  switch (format) {
    case 'ndjson':
      return '';
    case 'json':
      return count === 0 ? ']\n}\n' : '\n  ]\n}\n';
    case 'yaml':
      return count === 0 ? ' []\n' : '\n';
  }
}
