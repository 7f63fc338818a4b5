// Go's value parsers. Error texts marked "etcdctl" were checked against etcdctl 3.4.23 (Go 1.19)
// through `--dial-timeout`, `--rev`, `lease timetolive` and `lease grant`.
import { describe, expect, it } from 'vitest';
import {
  GoParseError,
  parseGoBool,
  parseGoDuration,
  parseGoInt,
  parseGoInt64,
  parseGoUint64,
} from '../../src/go/parse.js';

const S = 1_000_000_000n;
const MIN = 60n * S;
const H = 60n * MIN;
const MAX_I64 = (1n << 63n) - 1n;
const MIN_I64 = -(1n << 63n);

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GoParseError);
    return (e as GoParseError).message;
  }
  throw new Error('expected a GoParseError');
}

describe('parseGoDuration', () => {
  it.each<[string, bigint]>([
    ['0', 0n],
    ['-0', 0n],
    ['+0', 0n],
    ['+0s', 0n],
    ['5s', 5n * S],
    ['30s', 30n * S],
    ['1478s', 1478n * S],
    ['-5s', -5n * S],
    ['+5s', 5n * S],
    ['01s', S],
    ['5.0s', 5n * S],
    ['5.6s', 5n * S + 600_000_000n],
    ['5.s', 5n * S],
    ['.5s', S / 2n],
    ['1.004s', 1_004_000_000n],
    ['100.00100s', 100n * S + 1_000_000n],
    ['10ns', 10n],
    ['11us', 11_000n],
    ['12µs', 12_000n], // U+00B5
    ['12μs', 12_000n], // U+03BC
    ['13ms', 13_000_000n],
    ['300ms', 300_000_000n],
    ['1.5s', 1_500_000_000n],
    ['15m', 15n * MIN],
    ['16h', 16n * H],
    ['2m30s', 150n * S],
    ['3h30m', 3n * H + 30n * MIN],
    ['10.5s4m', 4n * MIN + 10n * S + S / 2n],
    ['-2m3.4s', -(2n * MIN + 3n * S + 400_000_000n)],
    ['1h2m3s4ms5us6ns', H + 2n * MIN + 3n * S + 4_000_000n + 5_000n + 6n],
    ['39h9m14.425s', 39n * H + 9n * MIN + 14n * S + 425_000_000n],
    ['52763797000ns', 52_763_797_000n],
    ['0.3333333333333333333h', 20n * MIN],
    ['9007199254740993ns', (1n << 53n) + 1n],
    ['9223372036854775807ns', MAX_I64],
    ['9223372036854775.807us', MAX_I64],
    ['9223372036s854ms775us807ns', MAX_I64],
    ['-9223372036854775808ns', MIN_I64], // etcdctl accepts it
    ['-9223372036854775.808us', MIN_I64],
    ['-9223372036s854ms775us808ns', MIN_I64],
    ['-2562047h47m16.854775808s', MIN_I64],
    ['0.100000000000000000000h', 6n * MIN],
    ['0.830103483285477580700h', 49n * MIN + 48n * S + 372_539_827n],
    ['0.00000000000000000000000000000001h', 0n],
    // Go's uint64 sum wraps to 0 when two terms are each 2^63; etcdctl accepts this value.
    ['9223372036854775808ns9223372036854775808ns', 0n],
  ])('%s -> %s', (s, want) => {
    expect(parseGoDuration(s)).toBe(want);
  });

  it.each([
    ['', 'time: invalid duration ""'], // etcdctl
    ['1', 'time: missing unit in duration "1"'], // etcdctl
    ['1x', 'time: unknown unit "x" in duration "1x"'], // etcdctl
    ['1.5hh', 'time: unknown unit "hh" in duration "1.5hh"'], // etcdctl
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1e3s', 'time: unknown unit "e" in duration "1e3s"'], // etcdctl
    ['1h1', 'time: missing unit in duration "1h1"'], // etcdctl
    ['1..5s', 'time: missing unit in duration "1..5s"'], // etcdctl
    ['1.5.s', 'time: missing unit in duration "1.5.s"'], // etcdctl
    ['1s ', 'time: unknown unit "s " in duration "1s "'], // etcdctl
    ['1 s', 'time: unknown unit " s" in duration "1 s"'], // etcdctl
    [' 1s', 'time: invalid duration " 1s"'], // etcdctl
    ['-', 'time: invalid duration "-"'], // etcdctl
    ['+-1s', 'time: invalid duration "+-1s"'], // etcdctl
    ['s', 'time: invalid duration "s"'],
    ['.', 'time: invalid duration "."'],
    ['-.', 'time: invalid duration "-."'],
    ['.s', 'time: invalid duration ".s"'], // etcdctl
    ['+.s', 'time: invalid duration "+.s"'],
    ['x"\\', 'time: invalid duration "x\\"\\\\"'], // etcdctl
    // The time package's own quoting: non-ASCII as \x bytes, DEL raw (etcdctl).
    ['é', 'time: invalid duration "\\xc3\\xa9"'],
    ['1é', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
    ['1µ', 'time: unknown unit "\\xc2\\xb5" in duration "1\\xc2\\xb5"'],
    ['a\x01', 'time: invalid duration "a\\x01"'],
    ['\x7f', 'time: invalid duration "\x7f"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'], // etcdctl
    ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
    ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
    ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
    ['2562048h', 'time: invalid duration "2562048h"'], // etcdctl
    ['99999999999999999999s', 'time: invalid duration "99999999999999999999s"'],
    [
      '9223372036854775807000000000000ns', // etcdctl
      'time: invalid duration "9223372036854775807000000000000ns"',
    ],
  ])('%j fails: %s', (s, want) => {
    expect(errorOf(() => parseGoDuration(s))).toBe(want);
  });
});

describe('parseGoInt64', () => {
  it.each<[string, number, bigint]>([
    ['0', 10, 0n],
    ['42', 10, 42n],
    ['+42', 10, 42n],
    ['-42', 10, -42n],
    ['010', 10, 10n], // etcdctl: lease grant 010 -> TTL 10
    ['9223372036854775807', 10, MAX_I64],
    ['-9223372036854775808', 10, MIN_I64],
    ['abc', 16, 0xabcn], // etcdctl
    ['ABC', 16, 0xabcn],
    ['+ff', 16, 0xffn], // etcdctl
    ['-1', 16, -1n], // etcdctl
    ['7fffffffffffffff', 16, MAX_I64], // etcdctl
    ['-8000000000000000', 16, MIN_I64], // etcdctl
    ['390da20b3ff0bc84', 16, 0x390da20b3ff0bc84n],
    // base 0 is what pflag's int/int64 flags use (etcdctl accepts these for --rev).
    ['0x10', 0, 16n],
    ['-0x1', 0, -1n],
    ['010', 0, 8n],
    ['0b101', 0, 5n],
    ['0o17', 0, 15n],
    ['1_0', 0, 10n],
    ['0x_1_f', 0, 31n],
    ['0', 0, 0n],
  ])('%s (base %d) -> %s', (s, base, want) => {
    expect(parseGoInt64(s, base)).toBe(want);
  });

  it.each<[string, number, string]>([
    ['', 10, 'invalid syntax'], // etcdctl
    ['abc', 10, 'invalid syntax'],
    ['0x10', 10, 'invalid syntax'], // etcdctl: bad TTL
    ['1_0', 10, 'invalid syntax'],
    ['-', 10, 'invalid syntax'],
    ['+-1', 10, 'invalid syntax'],
    [' 1', 10, 'invalid syntax'],
    ['1.5', 10, 'invalid syntax'],
    ['é', 10, 'invalid syntax'],
    ['9223372036854775808', 10, 'value out of range'], // etcdctl
    ['-9223372036854775809', 10, 'value out of range'], // etcdctl
    ['99999999999999999999', 10, 'value out of range'], // etcdctl
    ['99999999999999999999x', 10, 'value out of range'], // etcdctl: overflow is seen first
    ['zz', 16, 'invalid syntax'], // reference
    ['0x1234', 16, 'invalid syntax'], // etcdctl
    ['1_0', 16, 'invalid syntax'], // etcdctl
    ['', 16, 'invalid syntax'], // etcdctl
    ['8000000000000000', 16, 'value out of range'], // etcdctl
    ['ffffffffffffffff', 16, 'value out of range'], // reference
    ['0x', 0, 'invalid syntax'], // etcdctl
    ['08', 0, 'invalid syntax'], // etcdctl
    ['_1', 0, 'invalid syntax'], // etcdctl
    ['1__0', 0, 'invalid syntax'],
    ['1_', 0, 'invalid syntax'],
    ['0x8000000000000000', 0, 'value out of range'],
  ])('%j (base %d) fails: %s', (s, base, why) => {
    const quoted = JSON.stringify(s); // equals Go's %q for these inputs
    const want = `strconv.ParseInt: parsing ${quoted}: ${why}`;
    expect(errorOf(() => parseGoInt64(s, base))).toBe(want);
    expect(errorOf(() => parseGoInt(s, base))).toBe(want);
  });

  it('quotes the input with %q', () => {
    expect(errorOf(() => parseGoInt64('a\x01\tb'))).toBe(
      'strconv.ParseInt: parsing "a\\x01\\tb": invalid syntax',
    );
  });

  it('parseGoInt defaults to base 10 with the int64 range', () => {
    expect(parseGoInt('-9223372036854775808')).toBe(MIN_I64);
    expect(parseGoInt('123')).toBe(123n);
  });
});

describe('parseGoUint64', () => {
  it.each<[string, bigint]>([
    ['0', 0n],
    ['18446744073709551615', (1n << 64n) - 1n],
    ['0042', 42n],
  ])('%s -> %s', (s, want) => {
    expect(parseGoUint64(s)).toBe(want);
  });

  it.each([
    ['', 'invalid syntax'],
    ['+1', 'invalid syntax'],
    ['-1', 'invalid syntax'],
    ['1a', 'invalid syntax'],
    ['18446744073709551616', 'value out of range'],
    ['184467440737095516150', 'value out of range'],
  ])('%j fails: %s', (s, why) => {
    expect(errorOf(() => parseGoUint64(s))).toBe(`strconv.ParseUint: parsing "${s}": ${why}`);
  });

  it('accepts base 16 and base 0', () => {
    expect(parseGoUint64('ffffffffffffffff', 16)).toBe((1n << 64n) - 1n);
    expect(parseGoUint64('0xff', 0)).toBe(255n);
    expect(errorOf(() => parseGoUint64('1ffffffffffffffff', 16))).toBe(
      'strconv.ParseUint: parsing "1ffffffffffffffff": value out of range',
    );
  });
});

describe('parseGoBool', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('%s is true', (s) => {
    expect(parseGoBool(s)).toBe(true);
  });
  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('%s is false', (s) => {
    expect(parseGoBool(s)).toBe(false);
  });
  it.each(['yes', 'no', '', 'tRUE', 'TrUe', ' true', 'y', '2'])('%j fails', (s) => {
    expect(errorOf(() => parseGoBool(s))).toBe(
      `strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`,
    );
  });
});
