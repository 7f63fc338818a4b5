// Protobuf wire-format writer: a growable Uint8Array with varints, fixed-width values and
// length-prefixed data. Sub-messages reserve one length byte and move their data only in the rare
// case the length needs more, instead of measuring every message twice.
import { grown } from '../../byte-buffer.js';

const encoder = new TextEncoder();
const scratch = new DataView(new ArrayBuffer(8));

/** Growable writer of protobuf wire data. */
export class Writer {
  buf = new Uint8Array(128);
  pos = 0;

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.buf = grown(this.buf, this.pos, n);
  }

  /** Writes an unsigned varint of a non-negative integer below 2^53. */
  varint(v: number): void {
    this.ensure(8);
    const buf = this.buf;
    let pos = this.pos;
    while (v > 0x7fffffff) {
      buf[pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    while (v > 0x7f) {
      buf[pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[pos++] = v;
    this.pos = pos;
  }

  /** Writes a 64-bit varint from its unsigned 32-bit halves. */
  varint64(lo: number, hi: number): void {
    if (hi === 0) return this.varint(lo >>> 0);
    this.ensure(10);
    const buf = this.buf;
    let pos = this.pos;
    lo >>>= 0;
    hi >>>= 0;
    while (hi !== 0 || lo > 0x7f) {
      buf[pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    buf[pos++] = lo;
    this.pos = pos;
  }

  /** Writes a signed 32-bit varint; negative values take ten bytes, as the spec requires. */
  int32(v: number): void {
    if (v >= 0) this.varint(v);
    else this.varint64(v >>> 0, 0xffffffff);
  }

  /** Writes a little-endian 32-bit value. */
  fixed32(v: number): void {
    this.ensure(4);
    const buf = this.buf;
    const p = this.pos;
    buf[p] = v & 0xff;
    buf[p + 1] = (v >>> 8) & 0xff;
    buf[p + 2] = (v >>> 16) & 0xff;
    buf[p + 3] = (v >>> 24) & 0xff;
    this.pos = p + 4;
  }

  /** Writes a little-endian IEEE 754 double. */
  double(v: number): void {
    scratch.setFloat64(0, v, true);
    this.fixed32(scratch.getUint32(0, true));
    this.fixed32(scratch.getUint32(4, true));
  }

  /** Writes a little-endian IEEE 754 float. */
  float(v: number): void {
    scratch.setFloat32(0, v, true);
    this.fixed32(scratch.getUint32(0, true));
  }

  /** Writes a length-prefixed byte string. */
  bytes(b: Uint8Array): void {
    this.varint(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes a length-prefixed UTF-8 string (lone surrogates become U+FFFD, as TextEncoder does). */
  string(s: string): void {
    this.bytes(encoder.encode(s));
  }

  /** Reserves one byte for the length of a sub-message; pass the result to join(). */
  fork(): number {
    this.ensure(1);
    return this.pos++;
  }

  /** Writes the length of the data written since fork(), moving it when the length needs more bytes. */
  join(mark: number): void {
    const len = this.pos - mark - 1;
    if (len < 0x80) {
      this.buf[mark] = len;
      return;
    }
    let extra = 1;
    for (let v = len >>> 14; v > 0; v >>>= 7) extra++;
    this.ensure(extra);
    const buf = this.buf;
    buf.copyWithin(mark + 1 + extra, mark + 1, this.pos);
    this.pos += extra;
    let p = mark;
    let v = len;
    while (v > 0x7f) {
      buf[p++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    buf[p] = v;
  }

  /** Returns the bytes written so far. */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}
