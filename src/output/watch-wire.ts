// The simple and json printers of watch events still in wire form (WireEvent): the bytes go from
// the response straight to the output, no objects in between. What they print is exactly what the
// generic printers print for the same events decoded (test/unit/watch-wire.test.ts).
import type { Event } from '../etcd/proto/gen/messages.js';
import { type EventSpan, type KvSpan, WireEvent, scanEvent, scanKv } from '../etcd/watch/decode.js';
import { hexEscaped } from './bytes.js';
import { JsonOut } from './json-out.js';

const utf8 = new TextEncoder();
const K = {
  type: utf8.encode('"type":'),
  kv: utf8.encode('"kv":'),
  prev: utf8.encode('"prev_kv":'),
  key: utf8.encode('"key":'),
  create: utf8.encode('"create_revision":'),
  mod: utf8.encode('"mod_revision":'),
  version: utf8.encode('"version":'),
  value: utf8.encode('"value":'),
  lease: utf8.encode('"lease":'),
};
const TYPES = [utf8.encode('PUT\n'), utf8.encode('DELETE\n')];
const B64 = utf8.encode('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');
// Scratch spans, filled by each scan and read before the next one.
const ev: EventSpan = { type: 0, kv0: -1, kv1: -1, prev0: -1, prev1: -1 };
const kv: KvSpan = {
  key0: 0,
  key1: 0,
  value0: 0,
  value1: 0,
  create: 0,
  mod: 0,
  version: 0,
  lease: 0,
};

/** True when every event is a WireEvent, so the printers below apply. */
export function allWire(events: readonly Event[]): events is WireEvent[] {
  for (const e of events) if (!(e instanceof WireEvent)) return false;
  return true;
}

/** `"<base64 of b[start, end)>"`, as Go encodes []byte. */
function base64(out: JsonOut, b: Uint8Array, start: number, end: number): void {
  out.ensure(4 * Math.ceil((end - start) / 3) + 2);
  const o = out.buf;
  let p = out.pos;
  o[p++] = 0x22;
  let i = start;
  for (; i + 2 < end; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    o[p++] = B64[v >> 18]!;
    o[p++] = B64[(v >> 12) & 63]!;
    o[p++] = B64[(v >> 6) & 63]!;
    o[p++] = B64[v & 63]!;
  }
  if (i < end) {
    const two = i + 1 < end;
    const v = (b[i]! << 16) | (two ? b[i + 1]! << 8 : 0);
    o[p++] = B64[v >> 18]!;
    o[p++] = B64[(v >> 12) & 63]!;
    o[p++] = two ? B64[(v >> 6) & 63]! : 0x3d;
    o[p++] = 0x3d;
  }
  o[p++] = 0x22;
  out.pos = p;
}

/** A KeyValue as etcdctl's JSON: fields in proto order, zero values left out. */
function kvJson(out: JsonOut, b: Uint8Array, start: number, end: number): void {
  scanKv(b, start, end, kv);
  let n = 0;
  const field = (name: Uint8Array) => {
    if (n++ > 0) out.byte(0x2c);
    out.raw(name);
  };
  const num = (name: Uint8Array, v: number | bigint) => {
    if (v == 0) return;
    field(name);
    out.int(v);
  };
  out.byte(0x7b);
  if (kv.key1 > kv.key0) {
    field(K.key);
    base64(out, b, kv.key0, kv.key1);
  }
  num(K.create, kv.create);
  num(K.mod, kv.mod);
  num(K.version, kv.version);
  if (kv.value1 > kv.value0) {
    field(K.value);
    base64(out, b, kv.value0, kv.value1);
  }
  num(K.lease, kv.lease);
  out.byte(0x7d);
}

/** `[…]` of the events as etcdctl's JSON prints them. */
export function eventsJson(out: JsonOut, events: readonly WireEvent[]): void {
  out.byte(0x5b);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (i > 0) out.byte(0x2c);
    scanEvent(e, ev);
    const { type, kv0, kv1, prev0, prev1 } = ev;
    out.byte(0x7b);
    if (type !== 0) {
      out.raw(K.type);
      out.int(type);
    }
    if (kv0 >= 0) {
      if (type !== 0) out.byte(0x2c);
      out.raw(K.kv);
      kvJson(out, e.buf, kv0, kv1);
    }
    if (prev0 >= 0) {
      if (type !== 0 || kv0 >= 0) out.byte(0x2c);
      out.raw(K.prev);
      kvJson(out, e.buf, prev0, prev1);
    }
    out.byte(0x7d);
  }
  out.byte(0x5d);
}

function bytesLine(out: JsonOut, b: Uint8Array, start: number, end: number, hex: boolean): void {
  if (hex) {
    out.text(hexEscaped(b.subarray(start, end)));
  } else {
    const n = end - start;
    out.ensure(n);
    if (n <= 32) for (let i = start; i < end; i++) out.buf[out.pos++] = b[i]!;
    else {
      out.buf.set(b.subarray(start, end), out.pos);
      out.pos += n;
    }
  }
  out.byte(0x0a);
}

function kvSimple(out: JsonOut, b: Uint8Array, start: number, end: number, hex: boolean): void {
  if (start < 0) {
    out.byte(0x0a);
    out.byte(0x0a);
    return;
  }
  scanKv(b, start, end, kv);
  const { value0, value1 } = kv;
  bytesLine(out, b, kv.key0, kv.key1, hex);
  bytesLine(out, b, value0, value1, hex);
}

/** simple output of the events: type, previous key-value, key-value, raw bytes (or --hex). */
export function eventsSimple(events: readonly WireEvent[], hex: boolean): Uint8Array {
  const out = new JsonOut(64 * events.length + 64);
  for (const e of events) {
    scanEvent(e, ev);
    const { type, kv0, kv1, prev0, prev1 } = ev;
    const name = TYPES[type];
    if (name) out.raw(name);
    else out.text(`${type}\n`);
    if (prev0 >= 0) kvSimple(out, e.buf, prev0, prev1, hex);
    kvSimple(out, e.buf, kv0, kv1, hex);
  }
  return out.buf.subarray(0, out.pos);
}
