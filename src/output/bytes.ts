// Builds binary output: simple output prints keys and values as raw bytes, which a JS string
// would corrupt when they are not UTF-8.
import { grown } from '../byte-buffer.js';

const encoder = new TextEncoder();

/** Raw-bytes output, written into one growable buffer. */
export class ByteBuilder {
  private buf: Uint8Array;
  private pos = 0;

  /** `size`: the room to start with (it grows as needed). */
  constructor(size = 256) {
    this.buf = new Uint8Array(size);
  }

  private ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.buf = grown(this.buf, this.pos, n);
  }

  /** Appends raw bytes. */
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  /** Appends text as UTF-8. */
  text(s: string): this {
    this.ensure(s.length * 3);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
    return this;
  }

  /** Appends a raw line: the bytes then `\n`. */
  line(b: Uint8Array | string): this {
    if (typeof b === 'string') this.text(b);
    else this.bytes(b);
    this.ensure(1);
    this.buf[this.pos++] = 0x0a;
    return this;
  }

  /** The output (a view of the buffer, not a copy). */
  build(): Buffer {
    return Buffer.from(this.buf.buffer, this.buf.byteOffset, this.pos);
  }
}

/** `--hex` rendering of bytes: `\x` and two lowercase hex digits per byte (reference §5.7). */
export function hexEscaped(b: Uint8Array): string {
  const hex = Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
  let out = '';
  for (let i = 0; i < hex.length; i += 2) out += `\\x${hex[i]}${hex[i + 1]}`;
  return out;
}
