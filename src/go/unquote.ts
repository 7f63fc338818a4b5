// Go's reading of quoted text, as etcdctl's txn grammar relies on it: runes decoded the way Go
// decodes them (one U+FFFD per invalid byte), fmt's white space, fmt.Sscanf's `%q` (a "…" string
// with backslash escapes or a `…` raw string) and strconv.Unquote with its escapes.

/** Go's decoding of bytes into runes: each byte of an invalid sequence becomes U+FFFD. */
export function goRunes(b: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < b.length) {
    const [cp, width] = decodeGoRune(b, i);
    out.push(cp);
    i += width;
  }
  return out;
}

/** The rune at b[i] and its width in bytes, as Go's utf8.DecodeRune returns them. */
export function decodeGoRune(b: Uint8Array, i: number): [cp: number, width: number] {
  const c = b[i]!;
  if (c < 0x80) return [c, 1];
  const cont = (k: number) => (b[i + k] ?? 0) & 0xc0;
  const at = (k: number) => (b[i + k] ?? 0) & 0x3f;
  // Second-byte bounds exclude overlong forms, surrogates and code points above U+10FFFF.
  const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
  const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
  const second = b[i + 1] ?? 0;
  if (c >= 0xc2 && c <= 0xdf && cont(1) === 0x80) return [((c & 0x1f) << 6) | at(1), 2];
  if (c >= 0xe0 && c <= 0xef && second >= lo && second <= hi && cont(2) === 0x80)
    return [((c & 0x0f) << 12) | (at(1) << 6) | at(2), 3];
  if (c >= 0xf0 && c <= 0xf4 && second >= lo && second <= hi && cont(2) === 0x80) {
    if (cont(3) === 0x80) return [((c & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3), 4];
  }
  return [0xfffd, 1];
}

/** UTF-8 bytes of runes (the inverse of goRunes for valid input). */
export function runesToBytes(runes: readonly number[]): Uint8Array {
  let s = '';
  // In slices: spreading a very long line into one call would overflow the stack.
  for (let i = 0; i < runes.length; i += 4096)
    s += String.fromCodePoint(...runes.slice(i, i + 4096));
  return Buffer.from(s, 'utf8');
}

const FMT_SPACE = new Set([0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]);

/** fmt's isSpace (the scanner's white space, \v included). */
export function isFmtSpace(r: number): boolean {
  return (r >= 0x09 && r <= 0x0d) || r === 0x20 || (r >= 0x2000 && r <= 0x200a) || FMT_SPACE.has(r);
}

/** Why a quoted string could not be read; Go's error texts. */
export type QuoteFailure = 'unexpected EOF' | 'expected quoted string' | 'invalid syntax';

/** A quoted string that could not be read. */
export class QuoteError extends Error {
  constructor(readonly reason: QuoteFailure) {
    super(reason);
  }
}

/**
 * fmt's `%q` scan of a string at runes[pos] (spaces already skipped): returns the value's bytes
 * and the position after the closing quote; throws QuoteError as fmt would fail.
 */
export function scanQuoted(
  runes: readonly number[],
  pos: number,
): { value: Uint8Array; end: number } {
  const quote = runes[pos];
  if (quote === undefined) throw new QuoteError('unexpected EOF');
  const read = (i: number): number => {
    const r = runes[i];
    if (r === undefined) throw new QuoteError('unexpected EOF');
    return r;
  };
  if (quote === 0x60) {
    let i = pos + 1;
    while (read(i) !== 0x60) i++;
    return { value: runesToBytes(runes.slice(pos + 1, i)), end: i + 1 };
  }
  if (quote !== 0x22) throw new QuoteError('expected quoted string');
  let i = pos + 1;
  for (;;) {
    const r = read(i++);
    // Only the rune right after a backslash can be a quote that does not end the string.
    if (r === 0x5c) read(i++);
    else if (r === 0x22) break;
  }
  return { value: unquote(runesToBytes(runes.slice(pos + 1, i - 1))), end: i };
}

const NAMED_ESCAPES: Record<number, number> = {
  0x61: 0x07, // \a
  0x62: 0x08,
  0x66: 0x0c,
  0x6e: 0x0a,
  0x72: 0x0d,
  0x74: 0x09,
  0x76: 0x0b,
  0x5c: 0x5c,
  0x22: 0x22,
};

function hexDigit(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * strconv.Unquote of the inside of a double-quoted string (valid UTF-8, without its quotes):
 * `\x` and octal escapes give raw bytes, `\u`/`\U` UTF-8; throws QuoteError('invalid syntax').
 */
export function unquote(inner: Uint8Array): Uint8Array {
  const out: number[] = [];
  const bad = () => new QuoteError('invalid syntax');
  let i = 0;
  while (i < inner.length) {
    const c = inner[i]!;
    if (c === 0x0a || c === 0x22) throw bad();
    if (c !== 0x5c) {
      out.push(c);
      i++;
      continue;
    }
    const e = inner[i + 1];
    i += 2;
    if (e === undefined) throw bad();
    const named = NAMED_ESCAPES[e];
    if (named !== undefined) {
      out.push(named);
    } else if (e === 0x78 || e === 0x75 || e === 0x55) {
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      let v = 0;
      for (let j = 0; j < n; j++) {
        const d = hexDigit(inner[i + j]);
        if (d < 0) throw bad();
        v = v * 16 + d;
      }
      i += n;
      if (e === 0x78) out.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw bad();
      else out.push(...Buffer.from(String.fromCodePoint(v), 'utf8'));
    } else if (e >= 0x30 && e <= 0x37) {
      let v = e - 0x30;
      for (let j = 0; j < 2; j++) {
        const d = (inner[i + j] ?? 0) - 0x30;
        if (d < 0 || d > 7) throw bad();
        v = v * 8 + d;
      }
      i += 2;
      if (v > 255) throw bad();
      out.push(v);
    } else {
      throw bad();
    }
  }
  return Uint8Array.from(out);
}
