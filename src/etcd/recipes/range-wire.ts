// A RangeResponse read from its wire bytes without building a KeyValue per key: the header, more
// and count are decoded, each key-value is only located (its byte span), so printers of big ranges
// write keys and values straight from the bytes the server sent.
import { decode } from '../proto/codec.js';
import type { ResponseHeader } from '../proto/gen/messages.js';
import { Reader, WireError } from '../proto/wire.js';

/** One page of a range as wire bytes: `spans` holds each key-value's [start, end) in `bytes`. */
export interface WireRangePage {
  bytes: Uint8Array;
  header: ResponseHeader | undefined;
  more: boolean;
  count: bigint;
  spans: Uint32Array;
  /** How many key-values the page holds (spans.length / 2). */
  length: number;
}

const LEN = 2;
const VARINT = 0;

function int64(r: Reader): bigint {
  const lo = r.varint64();
  return BigInt.asIntN(64, (BigInt(r.hi) << 32n) | BigInt(lo));
}

/** Locates the parts of a RangeResponse (header 1, kvs 2, more 3, count 4). */
export function splitRangeResponse(bytes: Uint8Array): WireRangePage {
  const r = new Reader(bytes);
  let header: ResponseHeader | undefined;
  let more = false;
  let count = 0n;
  let spans = new Uint32Array(256);
  let n = 0;
  while (r.pos < bytes.length) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (field === 2 && wire === LEN) {
      const end = r.delimitedEnd();
      if (2 * n + 2 > spans.length) {
        const grown = new Uint32Array(spans.length * 2);
        grown.set(spans);
        spans = grown;
      }
      spans[2 * n] = r.pos;
      spans[2 * n + 1] = end;
      n++;
      r.pos = end;
    } else if (field === 1 && wire === LEN) {
      const end = r.delimitedEnd();
      header = decode('ResponseHeader', bytes.subarray(r.pos, end));
      r.pos = end;
    } else if (field === 3 && wire === VARINT) {
      more = r.varint64() !== 0 || r.hi !== 0;
    } else if (field === 4 && wire === VARINT) {
      count = int64(r);
    } else {
      if (field === 0) throw new WireError('RangeResponse: invalid field number 0');
      r.skip(wire);
    }
  }
  if (r.pos !== bytes.length) throw new WireError('RangeResponse: truncated message');
  return { bytes, header, more, count, spans: spans.subarray(0, 2 * n), length: n };
}

/** The key of the i-th key-value of a page (a view of its bytes). */
export function keyAt(page: WireRangePage, i: number): Uint8Array {
  const r = new Reader(page.bytes, page.spans[2 * i + 1]);
  r.pos = page.spans[2 * i]!;
  let key: Uint8Array = new Uint8Array(0);
  while (r.pos < r.end) {
    const tag = r.uint32();
    if (tag === ((1 << 3) | LEN)) {
      const end = r.delimitedEnd();
      key = page.bytes.subarray(r.pos, end);
      r.pos = end;
    } else r.skip(tag & 7);
  }
  return key;
}
