// Go's formatting primitives that etcdctl's output depends on: strconv.Quote (%q), time.Duration's
// String, go-humanize's Bytes, and the %x verbs of IDs. Each is a pure port of the Go code so that
// ectl's bytes match etcdctl's, including Go's quirks (one escaped byte per invalid UTF-8 sequence,
// `µs`, ties-to-even in %.0f).

const HEX = '0123456789abcdef';
const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

// Go's unicode.IsPrint: categories L, M, N, P, S plus ASCII space (other spaces are not printable).
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

// Go (1.21 and later, so etcdctl 3.6+) has Unicode 15.0 tables while Node's regexes know newer
// versions: these inclusive ranges, assigned in Unicode 15.1-17.0, are printable for Node but
// unassigned, hence escaped, for Go. Derived from @unicode/unicode-15.0.0's General_Category.
const UNASSIGNED_IN_GO: readonly number[] = [
  0x88f, 0x88f, 0x897, 0x897, 0xc5c, 0xc5c, 0xcdc, 0xcdc, 0x1acf, 0x1add, 0x1ae0, 0x1aeb, 0x1b4e,
  0x1b4f, 0x1b7f, 0x1b7f, 0x1c89, 0x1c8a, 0x20c1, 0x20c1, 0x2427, 0x2429, 0x2b96, 0x2b96, 0x2ffc,
  0x2fff, 0x31e4, 0x31e5, 0x31ef, 0x31ef, 0xa7cb, 0xa7cf, 0xa7d2, 0xa7d2, 0xa7d4, 0xa7d4, 0xa7da,
  0xa7dc, 0xa7f1, 0xa7f1, 0xfbc3, 0xfbd2, 0xfd90, 0xfd91, 0xfdc8, 0xfdce, 0x105c0, 0x105f3, 0x10940,
  0x10959, 0x10d40, 0x10d65, 0x10d69, 0x10d85, 0x10d8e, 0x10d8f, 0x10ec2, 0x10ec7, 0x10ed0, 0x10ed8,
  0x10efa, 0x10efc, 0x11380, 0x11389, 0x1138b, 0x1138b, 0x1138e, 0x1138e, 0x11390, 0x113b5, 0x113b7,
  0x113c0, 0x113c2, 0x113c2, 0x113c5, 0x113c5, 0x113c7, 0x113ca, 0x113cc, 0x113d5, 0x113d7, 0x113d8,
  0x113e1, 0x113e2, 0x116d0, 0x116e3, 0x11b60, 0x11b67, 0x11bc0, 0x11be1, 0x11bf0, 0x11bf9, 0x11db0,
  0x11ddb, 0x11de0, 0x11de9, 0x11f5a, 0x11f5a, 0x13460, 0x143fa, 0x16100, 0x16139, 0x16d40, 0x16d79,
  0x16ea0, 0x16eb8, 0x16ebb, 0x16ed3, 0x16ff2, 0x16ff6, 0x187f8, 0x187ff, 0x18cff, 0x18cff, 0x18d09,
  0x18d1e, 0x18d80, 0x18df2, 0x1cc00, 0x1ccfc, 0x1cd00, 0x1ceb3, 0x1ceba, 0x1ced0, 0x1cee0, 0x1cef0,
  0x1e5d0, 0x1e5fa, 0x1e5ff, 0x1e5ff, 0x1e6c0, 0x1e6de, 0x1e6e0, 0x1e6f5, 0x1e6fe, 0x1e6ff, 0x1f6d8,
  0x1f6d8, 0x1f777, 0x1f77a, 0x1f8b2, 0x1f8bb, 0x1f8c0, 0x1f8c1, 0x1f8d0, 0x1f8d8, 0x1fa54, 0x1fa57,
  0x1fa89, 0x1fa8a, 0x1fa8e, 0x1fa8f, 0x1fabe, 0x1fabe, 0x1fac6, 0x1fac6, 0x1fac8, 0x1fac8, 0x1facd,
  0x1facd, 0x1fadc, 0x1fadc, 0x1fadf, 0x1fadf, 0x1fae9, 0x1faea, 0x1faef, 0x1faef, 0x1fbcb, 0x1fbef,
  0x1fbfa, 0x1fbfa, 0x2b73a, 0x2b73f, 0x2cea2, 0x2cead, 0x2ebf0, 0x2ee5d, 0x323b0, 0x33479,
];

function isGoPrint(cp: number): boolean {
  if (!PRINTABLE.test(String.fromCodePoint(cp))) return false;
  // Binary search over the [start, end] pairs.
  let lo = 0;
  let hi = UNASSIGNED_IN_GO.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < UNASSIGNED_IN_GO[2 * mid]!) hi = mid - 1;
    else if (cp > UNASSIGNED_IN_GO[2 * mid + 1]!) lo = mid + 1;
    else return false;
  }
  return true;
}

// Named escapes of strconv.Quote, indexed by byte; every other control byte is `\xNN`.
const NAMED: Record<number, string> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
  0x22: '\\"',
  0x5c: '\\\\',
};

function hexByte(b: number): string {
  return '\\x' + HEX[b >> 4]! + HEX[b & 15]!;
}

function isCont(b: number | undefined): boolean {
  return b !== undefined && (b & 0xc0) === 0x80;
}

/**
 * utf8.DecodeRune for a lead byte >= 0x80: [codePoint, width], or [-1, 1] where Go returns
 * (RuneError, 1). The accepted second-byte ranges rule out overlongs, surrogates and > U+10FFFF.
 */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c0 = b[i]!;
  const c1 = b[i + 1];
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    return isCont(c1) ? [((c0 & 0x1f) << 6) | (c1! & 0x3f), 2] : [-1, 1];
  }
  if (c1 === undefined) return [-1, 1];
  let lo = 0x80;
  let hi = 0xbf;
  if (c0 === 0xe0) lo = 0xa0;
  else if (c0 === 0xed) hi = 0x9f;
  else if (c0 === 0xf0) lo = 0x90;
  else if (c0 === 0xf4) hi = 0x8f;
  if (c1 < lo || c1 > hi) return [-1, 1];
  const c2 = b[i + 2];
  if (c0 >= 0xe0 && c0 <= 0xef) {
    if (!isCont(c2)) return [-1, 1];
    return [((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2! & 0x3f), 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const c3 = b[i + 3];
    if (!isCont(c2) || !isCont(c3)) return [-1, 1];
    const cp = ((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2! & 0x3f) << 6) | (c3! & 0x3f);
    return [cp, 4];
  }
  return [-1, 1];
}

function escapeRune(cp: number): string {
  const h = cp.toString(16);
  return cp < 0x10000 ? '\\u' + h.padStart(4, '0') : '\\U' + h.padStart(8, '0');
}

/** Go's `%q` (strconv.Quote) of a byte string. */
export function goQuote(b: Uint8Array): string {
  let out = '"';
  // Bytes kept verbatim accumulate as a run [start, i) and are decoded in one go.
  let start = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
      i++;
      continue;
    }
    let esc: string;
    let width = 1;
    if (c < 0x80) {
      esc = NAMED[c] ?? hexByte(c);
    } else {
      const [cp, w] = decodeRune(b, i);
      if (cp >= 0 && isGoPrint(cp)) {
        i += w;
        continue;
      }
      esc = cp < 0 ? hexByte(c) : escapeRune(cp);
      width = w;
    }
    if (start < i) out += utf8.decode(b.subarray(start, i));
    out += esc;
    i += width;
    start = i;
  }
  if (start < b.length) out += utf8.decode(b.subarray(start));
  return out + '"';
}

/** Go's `%q` of a string, taken as its UTF-8 bytes. */
export function goQuoteString(s: string): string {
  return goQuote(encoder.encode(s));
}

// fmtFrac of Go's time package: the fraction of v below 10^prec, trailing zeros dropped.
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let printed = false;
  for (let i = 0; i < prec; i++) {
    const digit = v % 10n;
    printed ||= digit !== 0n;
    if (printed) digits = digit.toString() + digits;
    v /= 10n;
  }
  return [printed ? '.' + digits : '', v];
}

/** Go's time.Duration String() of a nanosecond count (`0s`, `938.86µs`, `1m0.5s`, `1h0m0s`). */
export function formatDuration(ns: bigint | number): string {
  const d = typeof ns === 'bigint' ? ns : BigInt(Math.trunc(ns));
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let text: string;
  if (u < 1_000_000_000n) {
    const [unit, prec] =
      u < 1_000n ? ['ns', 0] : u < 1_000_000n ? ['\u00b5s', 3] : (['ms', 6] as const);
    const [frac, whole] = fmtFrac(u, prec);
    text = whole.toString() + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    text = (secs % 60n).toString() + frac + 's';
    u = secs / 60n;
    if (u > 0n) {
      text = (u % 60n).toString() + 'm' + text;
      u /= 60n;
      if (u > 0n) text = u.toString() + 'h' + text;
    }
  }
  return neg ? '-' + text : text;
}

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
// math.Pow(1000, e) is exact for these exponents; a table avoids depending on Math.pow's rounding.
const POW1000 = [1, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18];

// Go's %.0f: round to nearest, ties to even on the exact binary value (toFixed ties away).
function fixed0(v: number): string {
  const floor = Math.floor(v);
  const diff = v - floor;
  const r = diff > 0.5 || (diff === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return r.toFixed(0);
}

/** go-humanize Bytes: SI sizes such as `25 kB`, `8.2 kB`, `2.1 GB`, `9 B`. */
export function humanizeBytes(n: bigint | number): string {
  const s = Number(n);
  if (s < 10) return `${n.toString()} B`;
  const e = Math.floor(Math.log(s) / Math.log(1000));
  const val = Math.floor((s / POW1000[e]!) * 10 + 0.5) / 10;
  // val is k/10, so toFixed(1) cannot meet a tie: it prints k's digits exactly as Go's %.1f does.
  const num = val < 10 ? val.toFixed(1) : fixed0(val);
  return `${num} ${SIZE_UNITS[e]!}`;
}

// Go's %x of a signed integer, with optional zero or space padding to a width including the sign.
function goHex(id: bigint, width: number, pad: '0' | ' '): string {
  const neg = id < 0n;
  const digits = (neg ? -id : id).toString(16);
  if (pad === ' ') return ((neg ? '-' : '') + digits).padStart(width, ' ');
  return (neg ? '-' : '') + digits.padStart(width - (neg ? 1 : 0), '0');
}

/** Go's `%016x` of an int64 lease ID (-1 → `-000000000000001`). */
export function hexLease(id: bigint): string {
  return goHex(id, 16, '0');
}

/** Go's `%x` of an ID: lowercase hex, no padding. */
export function hexId(id: bigint): string {
  return goHex(id, 0, ' ');
}

/** Go's `%16x` of an ID: lowercase hex left-padded with spaces to 16. */
export function hexIdPadded(id: bigint): string {
  return goHex(id, 16, ' ');
}

/** Go's fmt.Println of a []string, without the newline: `[a b c]`. */
export function goPrintlnStrings(a: readonly string[]): string {
  return '[' + a.join(' ') + ']';
}
