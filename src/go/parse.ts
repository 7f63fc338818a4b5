// Go's parsers of flag and argument values (time.ParseDuration, strconv.ParseInt/ParseUint/
// ParseBool) with their exact error texts, which etcdctl prints inside
// `invalid argument "x" for "--flag" flag: <text>`.
import { goQuoteString } from './format.js';

/** An error whose message is the text Go's parser would return. */
export class GoParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoParseError';
  }
}

const HEX = '0123456789abcdef';
const utf8 = new TextEncoder();

// The time package's own quote (not strconv.Quote): every non-ASCII or control byte below 0x20 is
// `\xNN` (a UTF-8 `é` becomes `\xc3\xa9`), DEL stays raw, `"` and `\` get a backslash.
function timeQuote(s: string): string {
  let out = '"';
  for (const b of utf8.encode(s)) {
    if (b >= 0x80 || b < 0x20) out += '\\x' + HEX[b >> 4]! + HEX[b & 15]!;
    else if (b === 0x22 || b === 0x5c) out += '\\' + String.fromCharCode(b);
    else out += String.fromCharCode(b);
  }
  return out + '"';
}

const NS_PER: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n, // U+00B5 micro sign
  '\u03bcs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const TWO63 = 1n << 63n;
const MAX_U64 = (1n << 64n) - 1n;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Go's time.ParseDuration: nanoseconds of `1.5s`, `2m30s`, `-300ms`, `0`; throws GoParseError. */
export function parseGoDuration(s: string): bigint {
  const invalid = (): GoParseError => new GoParseError(`time: invalid duration ${timeQuote(s)}`);
  let i = 0;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    i = 1;
  }
  if (s.slice(i) === '0') return 0n;
  if (i === s.length) throw invalid();
  let d = 0n;
  while (i < s.length) {
    if (s[i] !== '.' && !isDigit(s[i])) throw invalid();
    // Integer part, with leadingInt's overflow check (> 2^63 is an error).
    const intStart = i;
    let v = 0n;
    while (isDigit(s[i])) {
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > TWO63) throw invalid();
      i++;
    }
    const pre = i > intStart;
    // Fraction: digits past what fits are skipped, as leadingFraction does.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (s[i] === '.') {
      i++;
      const fracStart = i;
      let overflow = false;
      while (isDigit(s[i])) {
        const y = f * 10n + BigInt(s.charCodeAt(i) - 48);
        if (!overflow && y <= TWO63) {
          f = y;
          scale *= 10;
        } else overflow = true;
        i++;
      }
      post = i > fracStart;
    }
    if (!pre && !post) throw invalid();
    const unitStart = i;
    while (i < s.length && s[i] !== '.' && !isDigit(s[i])) i++;
    const unitText = s.slice(unitStart, i);
    if (unitText === '') throw new GoParseError(`time: missing unit in duration ${timeQuote(s)}`);
    const unit = NS_PER[unitText];
    if (unit === undefined) {
      throw new GoParseError(
        `time: unknown unit ${timeQuote(unitText)} in duration ${timeQuote(s)}`,
      );
    }
    if (v > TWO63 / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes this part in float64; the same arithmetic keeps nanoseconds identical.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > TWO63) throw invalid();
    }
    // d and v are both at most 2^63, so Go's uint64 sum can wrap to 0 only when both are 2^63.
    d = (d + v) & MAX_U64;
    if (d > TWO63) throw invalid();
  }
  if (neg) return -d;
  if (d > TWO63 - 1n) throw invalid();
  return d;
}

// Go's lower(c) for ASCII letters, then the digit value (0-35), or 99 for anything else.
function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x7a ? l - 0x61 + 10 : 99;
}

// strconv's underscoreOK: `_` only between digits (a base prefix counts as a digit).
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  const hex = s.length >= 2 && s[0] === '0' && (s[1] === 'x' || s[1] === 'X');
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (isDigit(c) || (hex && digitValue(c.charCodeAt(0)) < 16)) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else if (saw === '_') return false;
    else saw = '!';
  }
  return saw !== '_';
}

type NumResult = { n: bigint } | { err: 'invalid syntax' | 'value out of range' };

// strconv.ParseUint(s, base, 64) without the error wrapping; base 0 reads 0x/0o/0b/0 prefixes.
function parseUintCore(s: string, base: number): NumResult {
  const syntax = { err: 'invalid syntax' } as const;
  if (s === '') return syntax;
  const base0 = base === 0;
  let body = s;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      // Go's lower(c) is c | 0x20 on the byte; non-ASCII never matches b, o or x.
      const p = s.length >= 3 ? s.charCodeAt(1) | 0x20 : 0;
      base = p === 0x62 ? 2 : p === 0x78 ? 16 : 8;
      body = s.slice(p === 0x62 || p === 0x6f || p === 0x78 ? 2 : 1);
    }
  }
  const b = BigInt(base);
  const cutoff = MAX_U64 / b + 1n;
  let n = 0n;
  let underscores = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x5f && base0) {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return syntax;
    // Go stops at the first overflow, so a later bad digit still reports out of range.
    if (n >= cutoff) return { err: 'value out of range' };
    n = n * b + BigInt(d);
    if (n > MAX_U64) return { err: 'value out of range' };
  }
  if (underscores && !underscoreOK(s)) return syntax;
  return { n };
}

function fail(fn: string, s: string, why: string): GoParseError {
  return new GoParseError(`strconv.${fn}: parsing ${goQuoteString(s)}: ${why}`);
}

// strconv.ParseInt(s, base, 64), reporting errors under the name `fn`.
function parseSigned(s: string, base: number, fn: string): bigint {
  if (s === '') throw fail(fn, s, 'invalid syntax');
  const neg = s[0] === '-';
  const r = parseUintCore(s[0] === '+' || neg ? s.slice(1) : s, base);
  if ('err' in r && r.err === 'invalid syntax') throw fail(fn, s, r.err);
  const un = 'n' in r ? r.n : MAX_U64;
  if ((!neg && un >= TWO63) || (neg && un > TWO63)) throw fail(fn, s, 'value out of range');
  return neg ? -un : un;
}

/** Go's strconv.ParseInt(s, base, 64) (base 10, 16, or 0 for prefixes); throws GoParseError. */
export function parseGoInt64(s: string, base = 10): bigint {
  return parseSigned(s, base, 'ParseInt');
}

/** Go's strconv.ParseInt for an `int` (64-bit), as pflag's int flags use it. */
export function parseGoInt(s: string, base = 10): bigint {
  return parseSigned(s, base, 'ParseInt');
}

/** Go's strconv.ParseUint(s, base, 64); throws GoParseError. */
export function parseGoUint64(s: string, base = 10): bigint {
  const r = parseUintCore(s, base);
  if ('err' in r) throw fail('ParseUint', s, r.err);
  return r.n;
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Go's strconv.ParseBool; throws GoParseError on anything else. */
export function parseGoBool(s: string): boolean {
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  throw fail('ParseBool', s, 'invalid syntax');
}
