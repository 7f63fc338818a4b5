// How `<key> [range_end]`, `--prefix` and `--from-key` become the bytes of a range (reference §6.1).
import { BadArgsError } from '../errors.js';
import { prefixEnd } from '../etcd/keys.js';

/** A key range as sent to etcd: an empty rangeEnd means the single key. */
export interface KeyRange {
  key: Uint8Array;
  rangeEnd: Uint8Array;
}

const zero = Uint8Array.of(0);

export { prefixEnd };

/** A command-line word as bytes (argv arrives as UTF-8). */
export function bytesOf(word: string): Uint8Array {
  return Buffer.from(word, 'utf8');
}

/** The range for `key`, `key range_end`, `--prefix key` or `--from-key key`. */
export function keyRange(
  key: string,
  rangeEnd: string | undefined,
  opts: { prefix: boolean; fromKey: boolean },
): KeyRange {
  const k = bytesOf(key);
  if (opts.prefix)
    return k.length === 0 ? { key: zero, rangeEnd: zero } : { key: k, rangeEnd: prefixEnd(k) };
  if (opts.fromKey) return { key: k.length === 0 ? zero : k, rangeEnd: zero };
  return { key: k, rangeEnd: rangeEnd === undefined ? new Uint8Array(0) : bytesOf(rangeEnd) };
}

/** get's and del's first flag check: `--prefix` and `--from-key` exclude each other. */
export function checkPrefixOrFromKey(prefix: boolean, fromKey: boolean): void {
  if (prefix && fromKey)
    throw new BadArgsError(
      '`--prefix` and `--from-key` cannot be set at the same time, choose one',
    );
}

/** get's and del's later check: with `--prefix` or `--from-key`, no range_end argument. */
export function checkSingleKeyRange(
  args: readonly string[],
  prefix: boolean,
  fromKey: boolean,
): void {
  if (args.length > 1 && (prefix || fromKey)) {
    throw new BadArgsError(
      'too many arguments, only accept one argument when `--prefix` or `--from-key` is set',
    );
  }
}
