// `get -o ...` (README "Output for scripts"): the document {revision, count, more, kvs}, one kv
// record a line in NDJSON, raw keys or values one a line. A big range is printed page by page, so
// the paged printer writes exactly the text renderScript writes for the whole document, in parts.
import type { KeyValue, RangeResponse, ResponseHeader } from '../../etcd/proto/gen/messages.js';
import { scriptYaml } from './encode.js';
import type { ScriptFormat } from './format.js';
import { hexId, kvRecord, utf8Text } from './records.js';
import type { ScriptView } from './render.js';

/** What shapes get's records: --keys-only leaves the (empty) value out. */
export interface GetScriptOptions {
  keysOnly: boolean;
}

/** One key-value of get's output; without its value under --keys-only. */
export function getRecord(kv: KeyValue, opts: GetScriptOptions): Record<string, string | bigint> {
  const rec = kvRecord(kv);
  if (opts.keysOnly) {
    delete rec.value;
    delete rec.value_base64;
  }
  return rec;
}

/** get's document and rows for a whole RangeResponse. */
export function getView(resp: RangeResponse, opts: GetScriptOptions): ScriptView {
  const kvs = resp.kvs.map((kv) => getRecord(kv, opts));
  return {
    doc: {
      revision: resp.header?.revision ?? 0n,
      count: resp.count,
      more: resp.more,
      kvs,
    },
    rows: kvs,
    kvs: resp.kvs,
  };
}

/** A printer fed one range in parts (the first page's header and count describe the whole). */
export interface GetScriptPrinter {
  head(): string;
  page(kvs: readonly KeyValue[]): string | Uint8Array;
  tail(): string;
}

/**
 * A record's fields as JSON texts, for the hot path of big ranges (the generic writer's objects
 * and entries cost more than the output); the same text as scriptJson(getRecord(kv)).
 */
function kvEntries(kv: KeyValue, opts: GetScriptOptions): string[][] {
  const entries = [bytesEntry('key', kv.key)];
  if (!opts.keysOnly) entries.push(bytesEntry('value', kv.value));
  entries.push(
    ['create_revision', String(kv.create_revision)],
    ['mod_revision', String(kv.mod_revision)],
    ['version', String(kv.version)],
  );
  if (kv.lease !== 0n) entries.push(['lease', `"${hexId(kv.lease)}"`]);
  return entries;
}

function bytesEntry(name: string, bytes: Uint8Array): string[] {
  const text = utf8Text(bytes);
  if (text !== undefined) return [name, JSON.stringify(text)];
  const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return [`${name}_base64`, `"${b64}"`];
}

/** One NDJSON line of a key-value. */
export function kvLine(kv: KeyValue, opts: GetScriptOptions): string {
  let out = '{';
  for (const [k, v] of kvEntries(kv, opts)) out += `${out.length > 1 ? ',' : ''}"${k}":${v}`;
  return `${out}}\n`;
}

/** A key-value as an item of the indented document's `kvs` list. */
function kvItem(kv: KeyValue, opts: GetScriptOptions): string {
  const fields = kvEntries(kv, opts).map(([k, v]) => `      "${k}": ${v}`);
  return `    {\n${fields.join(',\n')}\n    }`;
}

/** Indents every non-empty line but the first by `pad`, as the whole document nests an item. */
const nest = (text: string, pad: string) => text.replace(/\n(?=[^\n])/g, `\n${pad}`);

/** What the head says of the whole range: its first page's header and count, and `more`. */
export interface RangeHead {
  header?: ResponseHeader;
  count: bigint;
  /** False when the range is read page by page (the pages hold all of it). */
  more: boolean;
}

/** get's printer in a script format, fed a range in pages (or one whole response). */
export function getScriptPrinter(
  format: ScriptFormat,
  { header, count, more }: RangeHead,
  opts: GetScriptOptions,
): GetScriptPrinter {
  const revision = header?.revision ?? 0n;
  let items = 0;
  switch (format) {
    case 'json':
      return {
        head: () =>
          `{\n  "revision": ${revision},\n  "count": ${count},\n  "more": ${more},\n  "kvs": [`,
        page(kvs) {
          let out = '';
          for (const kv of kvs) out += `${items++ ? ',' : ''}\n${kvItem(kv, opts)}`;
          return out;
        },
        tail: () => (items ? '\n  ]\n}\n' : ']\n}\n'),
      };
    case 'yaml':
      return {
        head: () => `revision: ${revision}\ncount: ${count}\nmore: ${more}\n`,
        page(kvs) {
          if (kvs.length === 0) return '';
          const list = scriptYaml(kvs.map((kv) => getRecord(kv, opts)));
          const lead = items ? '' : 'kvs:\n';
          items += kvs.length;
          return `${lead}  ${nest(list, '  ')}`;
        },
        tail: () => (items ? '' : 'kvs: []\n'),
      };
    case 'ndjson':
      return {
        head: () => '',
        page(kvs) {
          let out = '';
          for (const kv of kvs) out += kvLine(kv, opts);
          return out;
        },
        tail: () => '',
      };
    case 'key':
    case 'value':
      return { head: () => '', page: (kvs) => rawLines(kvs, format), tail: () => '' };
  }
}

/** The keys or the values, one a line, copied once into one buffer. */
function rawLines(kvs: readonly KeyValue[], which: 'key' | 'value'): Uint8Array {
  let size = 0;
  for (const kv of kvs) size += kv[which].length + 1;
  const out = Buffer.allocUnsafe(size);
  let p = 0;
  for (const kv of kvs) {
    out.set(kv[which], p);
    p += kv[which].length;
    out[p++] = 0x0a;
  }
  return out;
}
