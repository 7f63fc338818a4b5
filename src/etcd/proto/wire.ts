// Protobuf wire-format reader over a Uint8Array (the writer is in wire-writer.ts). 64-bit varints
// travel as two unsigned 32-bit halves (`lo` returned, `hi` left on the reader) so the hot path
// never touches BigInt; codec-scalar.ts decides when a BigInt is really needed.

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const scratch = new DataView(new ArrayBuffer(8));

/** Error thrown for malformed protobuf input. */
export class WireError extends Error {
  override name = 'WireError';
}

/** Sequential reader of protobuf wire data; `pos` is public so the codec can bound sub-messages. */
export class Reader {
  pos = 0;
  /** High 32 bits (unsigned) of the last value read by varint64() or fixed64(). */
  hi = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly end: number = buf.length,
  ) {}

  /** Reads a varint and returns its low 32 bits as an unsigned number. */
  uint32(): number {
    const buf = this.buf;
    let pos = this.pos;
    let b = buf[pos++]!;
    let v = b & 0x7f;
    if (b >= 0x80) {
      b = buf[pos++]!;
      v |= (b & 0x7f) << 7;
      if (b >= 0x80) {
        b = buf[pos++]!;
        v |= (b & 0x7f) << 14;
        if (b >= 0x80) {
          b = buf[pos++]!;
          v |= (b & 0x7f) << 21;
          if (b >= 0x80) {
            b = buf[pos++]!;
            v |= b << 28;
            // Negative int32 values are sign-extended to ten bytes: drop the upper five.
            for (let i = 0; b >= 0x80; i++) {
              if (i === 5) throw new WireError('malformed varint');
              b = buf[pos++]!;
            }
          }
        }
      }
    }
    this.pos = pos;
    return v >>> 0;
  }

  /** Reads a varint of up to 64 bits: returns the low half, leaves the high half in `hi`. */
  varint64(): number {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      b = buf[pos++]!;
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        this.hi = 0;
        return lo >>> 0;
      }
    }
    b = buf[pos++]!;
    lo |= (b & 0x7f) << 28;
    let hi = (b & 0x7f) >> 4;
    for (let shift = 3; b >= 0x80; shift += 7) {
      if (shift > 31) throw new WireError('malformed varint');
      b = buf[pos++]!;
      hi |= (b & 0x7f) << shift;
    }
    this.pos = pos;
    this.hi = hi >>> 0;
    return lo >>> 0;
  }

  /** Reads a little-endian 32-bit value as an unsigned number. */
  fixed32(): number {
    const buf = this.buf;
    const p = this.pos;
    this.pos = p + 4;
    return (buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24)) >>> 0;
  }

  /** Reads a little-endian 64-bit value: returns the low half, leaves the high half in `hi`. */
  fixed64(): number {
    const lo = this.fixed32();
    this.hi = this.fixed32();
    return lo;
  }

  /** Reads a little-endian IEEE 754 double. */
  double(): number {
    scratch.setUint32(0, this.fixed32(), true);
    scratch.setUint32(4, this.fixed32(), true);
    return scratch.getFloat64(0, true);
  }

  /** Reads a little-endian IEEE 754 float. */
  float(): number {
    scratch.setUint32(0, this.fixed32(), true);
    return scratch.getFloat32(0, true);
  }

  /** Reads a length prefix and returns the end offset of the data it announces. */
  delimitedEnd(): number {
    const len = this.uint32();
    const end = this.pos + len;
    if (end > this.end) throw new WireError('length-delimited field runs past the end');
    return end;
  }

  /** Reads a bytes field as a view of the input: zero-copy, so it shares the input's memory. */
  bytes(): Uint8Array {
    const end = this.delimitedEnd();
    const start = this.pos;
    this.pos = end;
    return this.buf.subarray(start, end);
  }

  /** Reads a string field (invalid UTF-8 becomes U+FFFD). */
  string(): string {
    const end = this.delimitedEnd();
    const buf = this.buf;
    const start = this.pos;
    this.pos = end;
    // Short ASCII strings (names, URLs, versions) are cheaper to build than to hand to TextDecoder.
    if (end - start <= 32) {
      let s = '';
      for (let i = start; i < end; i++) {
        const c = buf[i]!;
        if (c >= 0x80) return decoder.decode(buf.subarray(start, end));
        s += String.fromCharCode(c);
      }
      return s;
    }
    return decoder.decode(buf.subarray(start, end));
  }

  /** Skips one field value of the given wire type (unknown fields). */
  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint64();
        break;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.pos = this.delimitedEnd();
        break;
      case 3:
        // Proto2 groups: skip nested fields up to the matching end-group tag.
        for (;;) {
          if (this.pos >= this.end) throw new WireError('unterminated group');
          const tag = this.uint32();
          if ((tag & 7) === 4) break;
          this.skip(tag & 7);
        }
        break;
      case 5:
        this.pos += 4;
        break;
      default:
        throw new WireError(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
    if (this.pos > this.end) throw new WireError('field runs past the end');
  }
}
