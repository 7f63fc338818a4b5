// Go's strconv for float64 in the forms `check`'s output depends on: FormatFloat(v, 'f', prec) (what
// %f and %.2f print), which rounds the exact binary value with ties to even where JavaScript's
// toFixed rounds ties away, and ParseFloat's syntax and error texts.
import { goQuoteString } from './format.js';

/** The exact value of a finite, non-negative double: mantissa × 2^exponent. */
function decompose(v: number): [mantissa: bigint, exponent: number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fraction = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return [fraction, -1074];
  return [fraction | (1n << 52n), biased - 1075];
}

/** Go's strconv.FormatFloat(v, 'f', prec, 64): `12.35`, `-0.00`, `NaN`, `+Inf`. */
export function formatFloatF(v: number, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const [mantissa, exponent] = decompose(Math.abs(v));
  const scale = 10n ** BigInt(prec);
  let q: bigint;
  if (exponent >= 0) {
    q = (mantissa << BigInt(exponent)) * scale;
  } else {
    const den = 1n << BigInt(-exponent);
    const num = mantissa * scale;
    q = num / den;
    const twice = 2n * (num % den);
    if (twice > den || (twice === den && (q & 1n) === 1n)) q += 1n;
  }
  const digits = q.toString().padStart(prec + 1, '0');
  const text = prec > 0 ? `${digits.slice(0, -prec)}.${digits.slice(-prec)}` : digits;
  return (neg ? '-' : '') + text;
}

/** A failed ParseFloat, with Go's text: `strconv.ParseFloat: parsing "x": invalid syntax`. */
export class GoFloatError extends Error {
  constructor(input: string, reason: 'invalid syntax' | 'value out of range') {
    super(`strconv.ParseFloat: parsing ${goQuoteString(input)}: ${reason}`);
    this.name = 'GoFloatError';
  }
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Go's strconv.ParseFloat(s, 64) for decimal, Inf and NaN forms (what Prometheus text holds). */
export function parseGoFloat(s: string): number {
  const special = SPECIAL.exec(s);
  if (special) {
    if (special[2]!.toLowerCase() === 'nan') {
      if (special[1]) throw new GoFloatError(s, 'invalid syntax');
      return NaN;
    }
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!DECIMAL.test(s)) throw new GoFloatError(s, 'invalid syntax');
  const v = Number(s);
  if (!Number.isFinite(v)) throw new GoFloatError(s, 'value out of range');
  return v;
}
