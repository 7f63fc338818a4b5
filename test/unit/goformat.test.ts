// Go's formatting primitives. The %q cases marked "etcdctl" were checked byte for byte against
// `etcdctl get -w fields` (3.4.23); Unicode 14/15 characters follow Go 1.21+ (etcdctl main).
import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  goPrintlnStrings,
  goQuote,
  goQuoteString,
  hexId,
  hexIdPadded,
  hexLease,
  humanizeBytes,
} from '../../src/go/format.js';
import { parseGoDuration } from '../../src/go/parse.js';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/ /g, ''), 'hex'));

describe('goQuote', () => {
  it.each([
    ['', '""'],
    ['76 01 ff 0a 20 78', '"v\\x01\\xff\\n x"'], // reference example
    ['6b 09 71 22 5c c3 a9', '"k\\tq\\"\\\\é"'], // reference example
    ['00', '"\\x00"'],
    ['7f', '"\\x7f"'],
    ['01 1f 1b', '"\\x01\\x1f\\x1b"'],
    ['07 08 0c 0a 0d 09 0b', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['20 7e 27 60', '" ~\'`"'],
    ['80', '"\\x80"'], // lone continuation byte
    ['bf 41', '"\\xbfA"'],
    ['e2 82', '"\\xe2\\x82"'], // truncated 3-byte sequence
    ['e2 82 41', '"\\xe2\\x82A"'],
    ['c0 80', '"\\xc0\\x80"'], // overlong NUL
    ['c1 bf', '"\\xc1\\xbf"'],
    ['e0 9f bf', '"\\xe0\\x9f\\xbf"'], // overlong 3-byte
    ['f0 8f bf bf', '"\\xf0\\x8f\\xbf\\xbf"'], // overlong 4-byte
    ['ed a0 80', '"\\xed\\xa0\\x80"'], // surrogate U+D800
    ['ed bf bf', '"\\xed\\xbf\\xbf"'], // surrogate U+DFFF
    ['f4 90 80 80', '"\\xf4\\x90\\x80\\x80"'], // above U+10FFFF
    ['f5 80 80 80', '"\\xf5\\x80\\x80\\x80"'],
    ['f8 88 80 80 80', '"\\xf8\\x88\\x80\\x80\\x80"'],
    ['f0 9f 98', '"\\xf0\\x9f\\x98"'], // truncated emoji
    ['f0 9f 98 41', '"\\xf0\\x9f\\x98A"'],
    ['c3', '"\\xc3"'],
    ['c3 c3 a9', '"\\xc3é"'], // decoding restarts at the next byte
    ['c3 a9 80', '"é\\x80"'],
    ['ff fe', '"\\xff\\xfe"'],
    ['ef bf bd', '"\uFFFD"'], // an encoded U+FFFD is valid and printable
    ['f0 9f 98 80', '"😀"'], // emoji
    ['f0 9f 91 8d f0 9f 8f bd', '"👍🏽"'], // emoji + skin-tone modifier (Sk)
    ['e2 80 8b', '"\\u200b"'], // zero-width space (Cf)
    ['c2 a0', '"\\u00a0"'], // no-break space (Zs)
    ['e3 80 80', '"\\u3000"'], // ideographic space
    ['e2 80 a8', '"\\u2028"'], // line separator
    ['e2 80 a9', '"\\u2029"'], // paragraph separator
    ['c2 85', '"\\u0085"'], // C1 control: \u, not \x
    ['c2 ad', '"\\u00ad"'], // soft hyphen (Cf)
    ['ef bb bf', '"\\ufeff"'], // byte-order mark
    ['ee 80 80', '"\\ue000"'], // private use
    ['ef bf be', '"\\ufffe"'], // noncharacter
    ['f4 8f bf bf', '"\\U0010ffff"'], // noncharacter U+10FFFF
    ['f3 a0 80 81', '"\\U000e0001"'], // language tag (Cf)
    ['f3 a0 84 80', '"\u{e0100}"'], // variation selector (Mn): printable
    ['cc 81', '"\u0301"'], // a lone combining mark is printable
    ['cd b8', '"\\u0378"'], // unassigned
    ['e6 97 a5 e6 9c ac', '"日本"'],
    ['d8 9d', '"\u061d"'], // Unicode 14: printable for Go 1.21+ (3.4.23 escapes it)
    ['f0 9f ab 8f', '"\u{1facf}"'], // Unicode 15.0: printable for Go 1.21+
    ['f0 9f ab a9', '"\\U0001fae9"'], // Unicode 16: unassigned for Go's Unicode 15.0 tables
    ['f0 9c b0 80', '"\\U0001cc00"'], // Unicode 16 block
    ['e0 a2 8f', '"\\u088f"'], // Unicode 17
  ])('%s -> %s', (bytes, want) => {
    expect(goQuote(hex(bytes))).toBe(want);
  });

  it('keeps long printable values intact around escapes', () => {
    const long = 'a'.repeat(100_000);
    expect(goQuoteString(long + '\n' + long)).toBe(`"${long}\\n${long}"`);
    expect(goQuoteString('é'.repeat(1000))).toBe(`"${'é'.repeat(1000)}"`);
  });

  it('goQuoteString quotes the UTF-8 bytes of a string', () => {
    expect(goQuoteString('k\tq"\\é')).toBe('"k\\tq\\"\\\\é"');
    expect(goQuoteString('--dial-timeout')).toBe('"--dial-timeout"');
    expect(goQuoteString('\u0000\u007f')).toBe('"\\x00\\x7f"');
    expect(goQuoteString('\u{1F600}')).toBe('"\u{1F600}"');
  });
});

describe('formatDuration', () => {
  const S = 1_000_000_000n;
  it.each<[bigint | number, string]>([
    [0n, '0s'],
    [0, '0s'],
    [1n, '1ns'],
    [512n, '512ns'],
    [999n, '999ns'],
    [1000n, '1µs'],
    [1100n, '1.1µs'],
    [938_860n, '938.86µs'],
    [999_999n, '999.999µs'],
    [1_000_000n, '1ms'],
    [2_200_000n, '2.2ms'],
    [2_214_114n, '2.214114ms'],
    [999_999_999n, '999.999999ms'],
    [S, '1s'],
    [3_300_000_000n, '3.3s'],
    [5_000_955_698n, '5.000955698s'],
    [60n * S + S / 2n, '1m0.5s'],
    [4n * 60n * S + 5n * S, '4m5s'],
    [4n * 60n * S + 5_001_000_000n, '4m5.001s'],
    [8n * 60n * S + 1n, '8m0.000000001s'],
    [3600n * S, '1h0m0s'],
    [5n * 3600n * S + 6n * 60n * S + 7_001_000_000n, '5h6m7.001s'],
    [2n * 3600n * S + 3n * 60n * S + 4n * S + 5n, '2h3m4.000000005s'],
    [-1n, '-1ns'],
    [-1_500_000n, '-1.5ms'],
    [-(60n * S), '-1m0s'],
    [5_000_000_000, '5s'],
    [2_000_000_000, '2s'],
    [(1n << 63n) - 1n, '2562047h47m16.854775807s'],
    [-(1n << 63n), '-2562047h47m16.854775808s'],
  ])('%s -> %s', (ns, want) => {
    expect(formatDuration(ns)).toBe(want);
  });

  it('round-trips through parseGoDuration', () => {
    const samples = [0n, 1n, 999n, 1001n, 123_456_789n, 61n * 1_000_000_000n, (1n << 63n) - 1n];
    for (let x = 1n; x < 1n << 62n; x = x * 7n + 3n) samples.push(x, -x);
    samples.push(-(1n << 63n));
    for (const ns of samples) expect(parseGoDuration(formatDuration(ns))).toBe(ns);
  });
});

describe('humanizeBytes', () => {
  it.each<[bigint | number, string]>([
    [0, '0 B'],
    [9, '9 B'],
    [9n, '9 B'],
    [10, '10 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [1449, '1.4 kB'],
    [1450, '1.5 kB'],
    [8192, '8.2 kB'],
    [9999, '10 kB'],
    [10_500, '10 kB'], // 10.5: %.0f rounds ties to even
    [11_500, '12 kB'],
    [20_480, '20 kB'], // 20.5 -> 20
    [24_500, '24 kB'],
    [25_000, '25 kB'],
    [33_000, '33 kB'],
    [123_400, '123 kB'],
    [123_456, '124 kB'], // 123.5 -> 124 (even)
    [999_949, '1000 kB'], // go-humanize picks the unit before rounding
    [999_999, '1000 kB'],
    [1_000_000, '1.0 MB'],
    [3_700_000, '3.7 MB'],
    [2_100_000_000, '2.1 GB'],
    [1_000_000_000_000n, '1.0 TB'],
    [1_000_000_000_000_000n, '1.0 PB'],
    [1_000_000_000_000_000_000n, '1.0 EB'],
    [18_446_744_073_709_551_615n, '18 EB'],
  ])('%s -> %s', (n, want) => {
    expect(humanizeBytes(n)).toBe(want);
  });
});

describe('hex IDs', () => {
  it.each([
    [0n, '0000000000000000', '0', '               0'],
    [1n, '0000000000000001', '1', '               1'],
    [0xabcn, '0000000000000abc', 'abc', '             abc'],
    [0x390da20b3ff0bc84n, '390da20b3ff0bc84', '390da20b3ff0bc84', '390da20b3ff0bc84'],
    [0x7fffffffffffffffn, '7fffffffffffffff', '7fffffffffffffff', '7fffffffffffffff'],
    [0xbdae9bbc11dd390dn, 'bdae9bbc11dd390d', 'bdae9bbc11dd390d', 'bdae9bbc11dd390d'],
    [-1n, '-000000000000001', '-1', '              -1'],
    [-0xffn, '-0000000000000ff', '-ff', '             -ff'],
    [-(1n << 63n), '-8000000000000000', '-8000000000000000', '-8000000000000000'],
  ])('%s', (id, lease, plain, padded) => {
    expect(hexLease(id)).toBe(lease);
    expect(hexId(id)).toBe(plain);
    expect(hexIdPadded(id)).toBe(padded);
  });
});

describe('goPrintlnStrings', () => {
  it.each([
    [[], '[]'],
    [['a'], '[a]'],
    [['a', 'b', 'c'], '[a b c]'],
    [['', ''], '[ ]'],
    [
      ['http://127.0.0.1:2379', 'http://10.0.0.1:2379'],
      '[http://127.0.0.1:2379 http://10.0.0.1:2379]',
    ],
  ])('%j -> %s', (a, want) => {
    expect(goPrintlnStrings(a)).toBe(want);
  });
});
