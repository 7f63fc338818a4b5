// `get -o ...` (README "Output for scripts"): the document {revision, count, more, kvs}, one kv
// record a line in NDJSON, raw keys or values one a line. A big range is printed page by page, so
// the paged printer writes exactly the text renderScript writes for the whole document, in parts.
import type { KeyValue, RangeResponse, ResponseHeader } from '../../etcd/proto/gen/messages.js';
import { scriptYaml } from './encode.js';
import type { ScriptFormat } from './format.js';
import { kvRecord } from './records.js';
import { JsonOut } from '../json-out.js';
import { pageSize, writeKv } from './kv-bytes.js';
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

/** One NDJSON line of a key-value. */
export function kvLine(kv: KeyValue, opts: GetScriptOptions): Uint8Array {
  return kvPage([kv], opts, true);
}

/** The records of a page: NDJSON lines, or the indented document's items (comma-separated). */
function kvPage(
  kvs: readonly KeyValue[],
  opts: GetScriptOptions,
  ndjson: boolean,
  first = true,
): Uint8Array {
  const out = new JsonOut(pageSize(kvs));
  kvs.forEach((kv, i) => {
    if (!ndjson) out.raw(i === 0 && first ? NL : COMMA_NL);
    writeKv(out, kv, opts.keysOnly, ndjson);
  });
  return out.bytes();
}

const NL = new TextEncoder().encode('\n');
const COMMA_NL = new TextEncoder().encode(',\n');

const yamlChunk = 500;

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
          const out = kvPage(kvs, opts, false, items === 0);
          items += kvs.length;
          return out;
        },
        tail: () => (items ? '\n  ]\n}\n' : ']\n}\n'),
      };
    case 'yaml':
      return {
        head: () => `revision: ${revision}\ncount: ${count}\nmore: ${more}\n`,
        page(kvs) {
          let out = items || kvs.length === 0 ? '' : 'kvs:\n';
          // The yaml package builds a node tree per document: a few hundred records at a time
          // keep that tree small (a page holds up to 50,000).
          for (let i = 0; i < kvs.length; i += yamlChunk) {
            const chunk = kvs.slice(i, i + yamlChunk).map((kv) => getRecord(kv, opts));
            out += `  ${nest(scriptYaml(chunk), '  ')}`;
          }
          items += kvs.length;
          return out;
        },
        tail: () => (items ? '' : 'kvs: []\n'),
      };
    case 'ndjson':
      return {
        head: () => '',
        page: (kvs) => kvPage(kvs, opts, true),
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
