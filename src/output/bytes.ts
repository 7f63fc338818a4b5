// Builds binary output: simple output prints keys and values as raw bytes, which a JS string
// would corrupt when they are not UTF-8.

/** Collects byte chunks and joins them with one allocation. */
export class ByteBuilder {
  private readonly parts: Uint8Array[] = [];
  private size = 0;

  /** Appends raw bytes. */
  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.size += b.length;
    return this;
  }

  /** Appends text as UTF-8. */
  text(s: string): this {
    return this.bytes(Buffer.from(s, 'utf8'));
  }

  /** Appends a raw line: the bytes then `\n`. */
  line(b: Uint8Array | string): this {
    if (typeof b === 'string') return this.text(`${b}\n`);
    return this.bytes(b).bytes(newline);
  }

  /** The joined output. */
  build(): Buffer {
    return Buffer.concat(this.parts, this.size);
  }
}

const newline = Uint8Array.of(0x0a);

/** `--hex` rendering of bytes: `\x` and two lowercase hex digits per byte (reference §5.7). */
export function hexEscaped(b: Uint8Array): string {
  const hex = Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
  let out = '';
  for (let i = 0; i < hex.length; i += 2) out += `\\x${hex[i]}${hex[i + 1]}`;
  return out;
}
