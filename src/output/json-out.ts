// A byte buffer the JSON printer writes into. Large responses (100,000 keys) are mostly base64 and
// digits: writing those as bytes and decoding the whole document once creates almost no garbage,
// where string concatenation would build and collect millions of small strings.

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
const B64 = Uint8Array.from(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  (c) => c.charCodeAt(0),
);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Writes `"<base64 of b[from, to)>"` into out at p (room for 4 * ceil(n / 3) + 2 bytes); returns
 * the end. A range, not a view: a view per key and value showed in profiles of 100,000-key reads.
 */
export function base64Into(
  b: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  p: number,
): number {
  out[p++] = 0x22;
  let i = from;
  for (; i + 2 < to; i += 3) {
    const v = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out[p++] = B64[v >> 18]!;
    out[p++] = B64[(v >> 12) & 63]!;
    out[p++] = B64[(v >> 6) & 63]!;
    out[p++] = B64[v & 63]!;
  }
  if (i < to) {
    const two = i + 1 < to;
    const v = (b[i]! << 16) | (two ? b[i + 1]! << 8 : 0);
    out[p++] = B64[v >> 18]!;
    out[p++] = B64[(v >> 12) & 63]!;
    out[p++] = two ? B64[(v >> 6) & 63]! : 0x3d;
    out[p++] = 0x3d;
  }
  out[p++] = 0x22;
  return p;
}

/** Growable UTF-8 output for one JSON document. */
export class JsonOut {
  buf: Uint8Array;
  pos = 0;

  constructor(size = 4096) {
    this.buf = new Uint8Array(size);
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Appends one ASCII byte. */
  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** Appends pre-encoded bytes (keys, punctuation). */
  raw(bytes: Uint8Array): void {
    const n = bytes.length;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    // Keys are short: a loop beats set() and its call overhead.
    for (let i = 0; i < n; i++) buf[p++] = bytes[i]!;
    this.pos = p;
  }

  /** Appends a string's UTF-8 bytes as they are (it must already be valid JSON text). */
  text(s: string): void {
    this.ensure(s.length * 3);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Appends the exact decimal digits of an integer (number or bigint). */
  int(v: number | bigint): void {
    if (typeof v === 'bigint') {
      if (v > MAX_SAFE || v < -MAX_SAFE) return this.text(v.toString());
      v = Number(v);
    }
    if (v < 0 || v > 0x7fffffff || !Number.isInteger(v)) return this.text(String(v));
    this.ensure(10);
    const buf = this.buf;
    let end = this.pos + 1;
    for (let t = v; t >= 10; t = (t / 10) | 0) end++;
    this.pos = end;
    do {
      buf[--end] = 0x30 + (v % 10);
      v = (v / 10) | 0;
    } while (v > 0);
  }

  /** Appends bytes as quoted, padded base64. */
  base64(b: Uint8Array): void {
    this.ensure(4 * Math.ceil(b.length / 3) + 2);
    this.pos = base64Into(b, 0, b.length, this.buf, this.pos);
  }

  /** Returns the bytes written so far (a view, not a copy). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  /** Returns the document written so far. */
  toString(): string {
    return utf8.decode(this.buf.subarray(0, this.pos));
  }
}
