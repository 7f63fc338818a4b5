// etcdctl's `-w json`: Go's encoding/json applied to gogoproto structs. Keys are the proto field
// names in declaration order, every zero-valued field is omitted (`omitempty`), 64-bit integers are
// exact decimal digits, bytes are padded base64 and strings are escaped the way Go escapes them.
// JSON.stringify cannot do any of this for bigints, so the encoder is small and our own.
import { schema } from '../etcd/proto/gen/schema.js';
import type { FieldKind } from '../etcd/proto/schema-types.js';
import { JsonOut } from './json-out.js';

type Obj = Record<string, unknown>;

interface JsonField {
  name: string;
  /** `"name":` as UTF-8, escaped once. */
  prefix: Uint8Array;
  kind: FieldKind;
  repeated: boolean;
  msg: JsonMessage | undefined;
}

interface JsonMessage {
  fields: JsonField[];
}

const tables = new Map<string, JsonMessage>();
const utf8 = new TextEncoder();
const COMMA = 0x2c;

function table(type: string): JsonMessage {
  const known = tables.get(type);
  if (known) return known;
  const desc = schema[type];
  if (!desc) throw new Error(`unknown protobuf message type ${type}`);
  const t: JsonMessage = { fields: [] };
  tables.set(type, t); // before the fields, for recursive types
  for (const d of desc.fields) {
    t.fields.push({
      name: d.name,
      prefix: utf8.encode(`${jsonString(d.name)}:`),
      kind: d.kind,
      repeated: d.repeated,
      msg: d.kind === 'message' ? table(d.type!) : undefined,
    });
  }
  return t;
}

/** Renders a decoded message as etcdctl's JSON (keys in declaration order, zero values omitted). */
export function toJson(type: string, msg: unknown): string {
  const out = new JsonOut(1 << 16);
  writeMessage(out, table(type), msg as Obj);
  return out.toString();
}

/**
 * Renders messages as JSON separated by commas (no brackets), for output written page by page. As
 * UTF-8 bytes: a page of 100,000 keys would otherwise be decoded to a string only to be encoded
 * again on its way to stdout.
 */
export function toJsonItems(
  type: string,
  msgs: readonly unknown[],
  sizeHint = 1 << 16,
): Uint8Array {
  const out = new JsonOut(sizeHint);
  const t = table(type);
  for (let i = 0; i < msgs.length; i++) {
    if (i > 0) out.byte(COMMA);
    writeMessage(out, t, msgs[i] as Obj);
  }
  return out.bytes();
}

/**
 * Returns the `[key, rawJson]` pairs toJson would print, for printers that flatten or extend a
 * message the way Go's embedded structs do (e.g. the header inside lease output).
 */
export function jsonEntries(type: string, msg: unknown): [key: string, rawJson: string][] {
  const entries: [string, string][] = [];
  const o = msg as Obj;
  for (const f of table(type).fields) {
    const out = new JsonOut(64);
    if (writeField(out, f, o[f.name])) entries.push([f.name, out.toString()]);
  }
  return entries;
}

function writeMessage(out: JsonOut, t: JsonMessage, o: Obj): void {
  out.byte(0x7b);
  const fields = t.fields;
  let first = true;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const v = o[f.name];
    if (v === undefined || v === null || isEmpty(f, v)) continue;
    if (!first) out.byte(COMMA);
    first = false;
    out.raw(f.prefix);
    writePresent(out, f, v);
  }
  out.byte(0x7d);
}

/** Go's `omitempty`: zero numbers, false, "", empty bytes and lists. Present messages print. */
function isEmpty(f: JsonField, v: unknown): boolean {
  if (f.repeated) return (v as unknown[]).length === 0;
  switch (f.kind) {
    case 'message':
      return false;
    case 'string':
      return v === '';
    case 'bytes':
      return (v as Uint8Array).length === 0;
    case 'bool':
      return v === false;
    default:
      // Numbers and bigints: `==` so that 0 and 0n are both zero.
      return v == 0;
  }
}

/** Writes a field's value; returns false (writing nothing) when `omitempty` leaves it out. */
function writeField(out: JsonOut, f: JsonField, v: unknown): boolean {
  if (v === undefined || v === null || isEmpty(f, v)) return false;
  writePresent(out, f, v);
  return true;
}

function writePresent(out: JsonOut, f: JsonField, v: unknown): void {
  if (!f.repeated) return writeValue(out, f, v);
  const list = v as unknown[];
  out.byte(0x5b);
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out.byte(COMMA);
    writeValue(out, f, list[i]);
  }
  out.byte(0x5d);
}

function writeValue(out: JsonOut, f: JsonField, v: unknown): void {
  if (f.msg) return writeMessage(out, f.msg, v as Obj);
  switch (f.kind) {
    case 'bytes':
      return out.base64(v as Uint8Array);
    case 'string':
      return out.text(jsonString(v as string));
    case 'bool':
      return out.text(v ? 'true' : 'false');
    case 'double':
      return out.text(jsonFloat(v as number, 64));
    case 'float':
      return out.text(jsonFloat(v as number, 32));
    default:
      // Integers of every width, enums included (Go prints them as numbers).
      return out.int(v as number | bigint);
  }
}

/** Formats a float as Go's encoding/json does (exponent form below 1e-6 and from 1e21). */
export function jsonFloat(v: number, bits: 32 | 64): string {
  // Go refuses to encode these; etcd has no float fields, so null is a harmless fallback.
  if (!Number.isFinite(v)) return 'null';
  if (Object.is(v, -0)) return '-0';
  if (bits === 32) {
    // Shortest decimal that reads back as the same float32, like strconv's 32-bit formatting.
    for (let p = 1; p <= 9; p++) {
      const shorter = Number(v.toPrecision(p));
      if (Math.fround(shorter) === v) return String(shorter);
    }
  }
  // JavaScript switches to exponent form at the same thresholds and writes `1e-7`, not `1e-07`.
  return String(v);
}

/** Quotes a string exactly as Go's encoding/json does (HTML-safe, U+2028/9 escaped). */
export function jsonString(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string;
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
      if (c < 0x2028) continue;
      if (c === 0x2028 || c === 0x2029) {
        esc = c === 0x2028 ? '\\u2028' : '\\u2029';
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const next = s.charCodeAt(i + 1);
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          i++; // a valid surrogate pair is one character, printed as is
          continue;
        }
        esc = '\\ufffd'; // lone surrogate: Go's replacement for invalid UTF-8
      } else {
        continue;
      }
    } else {
      esc = ESCAPES[c] ?? `\\u00${HEX[c >> 4]}${HEX[c & 15]}`;
    }
    out += s.slice(last, i) + esc;
    last = i + 1;
  }
  return `${out}${last === 0 ? s : s.slice(last)}"`;
}

const HEX = '0123456789abcdef';
const ESCAPES: Record<number, string> = {
  0x08: '\\b',
  0x09: '\\t',
  0x0a: '\\n',
  0x0c: '\\f',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
  0x3c: '\\u003c',
  0x3e: '\\u003e',
  0x26: '\\u0026',
};

/** Quotes bytes as standard padded base64, Go's encoding of []byte. */
export function jsonBytes(b: Uint8Array): string {
  const out = new JsonOut(4 * Math.ceil(b.length / 3) + 2);
  out.base64(b);
  return out.toString();
}

/** Builds a JSON object from keys and already-encoded values, in the order given. */
export function jsonObject(entries: readonly (readonly [key: string, rawJson: string])[]): string {
  let s = '{';
  for (let i = 0; i < entries.length; i++) {
    const [key, raw] = entries[i]!;
    s += `${i > 0 ? ',' : ''}${jsonString(key)}:${raw}`;
  }
  return `${s}}`;
}

/** Builds a JSON array from already-encoded values. */
export function jsonArray(items: readonly string[]): string {
  return `[${items.join(',')}]`;
}
