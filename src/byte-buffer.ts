// Bytes compared, and how the growable byte buffers that encoded output is written into grow: the protobuf Writer and
// the raw-bytes ByteBuilder. Each keeps its own one-line fast path (room left?). The JSON printer's
// JsonOut keeps its own copy of this: built on it, `get --prefix -w json` over 100,000 keys took
// about 5% more CPU in repeated runs, and a base class shared by all three was slower still.

/** A copy of the first `used` bytes of `buf` in a buffer with room for `n` more, at least double. */
export function grown(buf: Uint8Array, used: number, n: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(buf.length * 2, used + n));
  next.set(buf.subarray(0, used));
  return next;
}

/** Whether two byte strings are equal (keys, values, range ends). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}
