// Key arithmetic of etcd's API: the range end that covers every key under a prefix.

const zero = Uint8Array.of(0);

/** The first key after every key that starts with `prefix`; `\x00` when there is none. */
export function prefixEnd(prefix: Uint8Array): Uint8Array {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i]! < 0xff) {
      // A copy: Buffer.slice would return a view and the increment would change the key itself.
      const end = Uint8Array.from(prefix.subarray(0, i + 1));
      end[i]! += 1;
      return end;
    }
  }
  return zero;
}

/**
 * The range of every key under `prefix`, as clientv3's WithPrefix makes it: the empty prefix is
 * the whole key space (`\x00` to `\x00`), not the key "".
 */
export function prefixRange(prefix: Uint8Array): { key: Uint8Array; range_end: Uint8Array } {
  return prefix.length === 0
    ? { key: zero, range_end: zero }
    : { key: prefix, range_end: prefixEnd(prefix) };
}
