// get's key-value records written as bytes (-o ndjson and json of big ranges): like the -w json
// printer (json-out.ts), the text goes from the response's bytes to the output with almost no
// garbage in between, where strings per key made the garbage collector the main cost. The text
// is exactly scriptJson's of the same record (test/unit/script-views.test.ts).
import { isUtf8 } from 'node:buffer';
import type { KeyValue } from '../../etcd/proto/gen/messages.js';
import { JsonOut } from '../json-out.js';
import { hexUint64 } from '../../units.js';

const enc = new TextEncoder();
const names = ['key', 'key_base64', 'value', 'value_base64'] as const;
const numbers = ['create_revision', 'mod_revision', 'version'] as const;

/** The punctuation of one layout: NDJSON's compact line, or an item of the indented document. */
interface Layout {
  open: Uint8Array;
  sep: Uint8Array;
  close: Uint8Array;
  name: Record<string, Uint8Array>;
}

function layout(open: string, sep: string, close: string, name: (n: string) => string): Layout {
  const all = [...names, ...numbers, 'lease'];
  return {
    open: enc.encode(open),
    sep: enc.encode(sep),
    close: enc.encode(close),
    name: Object.fromEntries(all.map((n) => [n, enc.encode(name(n))])),
  };
}

const compact = layout('{', ',', '}\n', (n) => `"${n}":`);
const indented = layout('    {\n', ',\n', '\n    }', (n) => `      "${n}": `);
const HEX = enc.encode('0123456789abcdef');

/** `"<text>"` of valid UTF-8 bytes, escaped as JSON.stringify escapes (controls, `"`, `\`). */
function jsonText(out: JsonOut, b: Uint8Array): void {
  out.ensure(b.length * 6 + 2);
  const buf = out.buf;
  let p = out.pos;
  buf[p++] = 0x22;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) {
      buf[p++] = c;
      continue;
    }
    buf[p++] = 0x5c;
    if (c === 0x22 || c === 0x5c) buf[p++] = c;
    else if (c === 0x0a)
      buf[p++] = 0x6e; // n
    else if (c === 0x09)
      buf[p++] = 0x74; // t
    else if (c === 0x0d)
      buf[p++] = 0x72; // r
    else if (c === 0x08)
      buf[p++] = 0x62; // b
    else if (c === 0x0c)
      buf[p++] = 0x66; // f
    else {
      buf[p++] = 0x75; // u00xx
      buf[p++] = 0x30;
      buf[p++] = 0x30;
      buf[p++] = HEX[c >> 4]!;
      buf[p++] = HEX[c & 15]!;
    }
  }
  buf[p++] = 0x22;
  out.pos = p;
}

function bytesField(out: JsonOut, l: Layout, name: 'key' | 'value', b: Uint8Array): void {
  if (isUtf8(b)) {
    out.raw(l.name[name]!);
    jsonText(out, b);
  } else {
    out.raw(l.name[`${name}_base64`]!);
    out.base64(b);
  }
}

/** Writes one key-value record; `keysOnly` leaves the value out. */
export function writeKv(out: JsonOut, kv: KeyValue, keysOnly: boolean, ndjson: boolean): void {
  const l = ndjson ? compact : indented;
  out.raw(l.open);
  bytesField(out, l, 'key', kv.key);
  if (!keysOnly) {
    out.raw(l.sep);
    bytesField(out, l, 'value', kv.value);
  }
  for (const n of numbers) {
    out.raw(l.sep);
    out.raw(l.name[n]!);
    out.int(kv[n]);
  }
  if (kv.lease !== 0n) {
    out.raw(l.sep);
    out.raw(l.name.lease!);
    out.text(`"${hexUint64(kv.lease)}"`);
  }
  out.raw(l.close);
}

/** Room to start a page with: the bytes, escaping aside, and about 100 bytes of names a key. */
export function pageSize(kvs: readonly KeyValue[]): number {
  let n = 64;
  for (const kv of kvs) n += ((kv.key.length + kv.value.length) * 4) / 3 + 160;
  return Math.ceil(n);
}
