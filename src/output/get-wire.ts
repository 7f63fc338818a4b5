// get's simple and json output of a page read from its wire bytes (etcd/recipes/range-wire.ts):
// keys and values are copied (or base64-encoded) straight from the server's bytes into the output,
// and the integers written from their varints, with no KeyValue object, view or bigint per key.
// A key-value the fast path does not expect (fields out of order or of another wire type) makes
// the page go through the decoded-object printers, so the bytes are etcdctl's either way.
import type { WireRangePage } from '../etcd/recipes/range-wire.js';
import { decode } from '../etcd/proto/codec.js';
import type { KeyValue } from '../etcd/proto/gen/messages.js';
import { Reader } from '../etcd/proto/wire.js';
import { JsonOut, base64Into } from './json-out.js';
import { toJsonItems } from './json.js';

const LEN = 2;
const VARINT = 0;
const utf8 = new TextEncoder();
// KeyValue's fields by number: 1 key, 2 create_revision, 3 mod_revision, 4 version, 5 value,
// 6 lease; bytes fields are 1 and 5.
const names = ['', 'key', 'create_revision', 'mod_revision', 'version', 'value', 'lease'].map((n) =>
  utf8.encode(`"${n}":`),
);
const TWO_32 = 2 ** 32;
const SAFE_HI = 0x200000; // below it, hi * 2^32 + lo is exact in a double

class Unexpected extends Error {}

function decodedKvs(page: WireRangePage): KeyValue[] {
  const kvs: KeyValue[] = [];
  for (let i = 0; i < page.length; i++)
    kvs.push(decode('KeyValue', page.bytes.subarray(page.spans[2 * i], page.spans[2 * i + 1])));
  return kvs;
}

/** simple output (raw keys and values, one per line) of a page. */
export function wireSimplePage(page: WireRangePage, valueOnly: boolean): Uint8Array {
  const { bytes, spans } = page;
  // Keys and values are inside the page, each behind at least two bytes of tag and length: the
  // page's size bounds the output, newlines included.
  const out = Buffer.allocUnsafe(bytes.length + 2);
  const r = new Reader(bytes);
  let p = 0;
  for (let i = 0; i < page.length; i++) {
    r.pos = spans[2 * i]!;
    const end = spans[2 * i + 1]!;
    let [ks, ke, vs, ve] = [0, 0, 0, 0];
    while (r.pos < end) {
      const tag = r.uint32();
      if (tag === ((1 << 3) | LEN) || tag === ((5 << 3) | LEN)) {
        const e = r.delimitedEnd();
        if (tag >>> 3 === 1) [ks, ke] = [r.pos, e];
        else [vs, ve] = [r.pos, e];
        r.pos = e;
      } else r.skip(tag & 7);
    }
    if (!valueOnly) {
      out.set(bytes.subarray(ks, ke), p);
      p += ke - ks;
      out[p++] = 0x0a;
    }
    out.set(bytes.subarray(vs, ve), p);
    p += ve - vs;
    out[p++] = 0x0a;
  }
  return out.subarray(0, p);
}

function writeKv(out: JsonOut, bytes: Uint8Array, r: Reader, end: number): void {
  out.byte(0x7b);
  let last = 0;
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field <= last || field > 6) throw new Unexpected();
    last = field;
    if (field === 1 || field === 5) {
      if ((tag & 7) !== LEN) throw new Unexpected();
      const e = r.delimitedEnd();
      const n = e - r.pos;
      if (n > 0) {
        if (out.pos > 0 && out.buf[out.pos - 1] !== 0x7b) out.byte(0x2c);
        out.raw(names[field]!);
        out.ensure(4 * Math.ceil(n / 3) + 2);
        out.pos = base64Into(bytes, r.pos, e, out.buf, out.pos);
      }
      r.pos = e;
      continue;
    }
    if ((tag & 7) !== VARINT) throw new Unexpected();
    const lo = r.varint64();
    const hi = r.hi;
    if (lo === 0 && hi === 0) continue; // omitempty
    if (out.buf[out.pos - 1] !== 0x7b) out.byte(0x2c);
    out.raw(names[field]!);
    if (hi < SAFE_HI) out.int(hi * TWO_32 + lo);
    else out.int(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)));
  }
  out.byte(0x7d);
}

/** The page's key-values as etcdctl's JSON objects, separated by commas (no brackets). */
export function wireJsonItems(page: WireRangePage): Uint8Array {
  const { bytes, spans } = page;
  const out = new JsonOut(Math.ceil((bytes.length * 4) / 3) + 100 * page.length + 64);
  const r = new Reader(bytes);
  try {
    for (let i = 0; i < page.length; i++) {
      if (i > 0) out.byte(0x2c);
      r.pos = spans[2 * i]!;
      writeKv(out, bytes, r, spans[2 * i + 1]!);
    }
  } catch (e) {
    if (!(e instanceof Unexpected)) throw e;
    return toJsonItems('KeyValue', decodedKvs(page), bytes.length * 2);
  }
  return out.bytes();
}
