// The txn grammar, table-driven: every comparison form and error (etcdctl's texts, exit 3), line
// trimming, and the splitting of request lines into words.
import { describe, expect, it } from 'vitest';
import { parseCompare, splitWords, trimSpace } from '../../src/commands/etcdctl/txn/grammar.js';
import { failure } from '../helpers/failure.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const u = (s: string) => Buffer.from(s, 'utf8');
const cmp = (line: string) => parseCompare(u(line));
/** A compare as plain data: keys and values as latin1 text, so tables stay readable. */
function plain(line: string | Buffer) {
  const c = parseCompare(typeof line === 'string' ? u(line) : line);
  const out: Record<string, unknown> = { ...c, key: Buffer.from(c.key).toString('latin1') };
  if (c.value) out.value = Buffer.from(c.value).toString('latin1');
  delete out.range_end;
  expect(c.range_end.length).toBe(0);
  return out;
}

describe('comparison lines', () => {
  it.each([
    ['mod("key1") > "0"', { result: 1, target: 2, key: 'key1', mod_revision: 0n }],
    ['m("k") = "5"', { result: 0, target: 2, key: 'k', mod_revision: 5n }],
    ['create("k") < "-3"', { result: 2, target: 1, key: 'k', create_revision: -3n }],
    ['c("k") != "+7"', { result: 3, target: 1, key: 'k', create_revision: 7n }],
    ['ver("k") = "0"', { result: 0, target: 0, key: 'k', version: 0n }],
    ['version("k") > "9223372036854775807"', { target: 0, version: 9223372036854775807n }],
    ['val("k") = "v1"', { result: 0, target: 3, key: 'k', value: 'v1' }],
    ['value("k") != ""', { result: 3, target: 3, key: 'k', value: '' }],
    ['lease("k") = "694d7a1b2c3d4e5f"', { target: 4, lease: 0x694d7a1b2c3d4e5fn }],
    ['lease("k") > "AF"', { result: 1, target: 4, lease: 175n }],
    ['lease("k") = "0"', { target: 4, lease: 0n }],
    ['mod( "k") > "0"', { key: 'k' }],
    ['mod("k")\t>\t"0"', { key: 'k', result: 1 }],
    ['mod("k")\v>\v"0"', { key: 'k', result: 1 }],
    ['mod("k") >   "0"   anything after the value', { key: 'k', mod_revision: 0n }],
    ['mod(`raw\\n`) = "1"', { key: 'raw\\n' }],
    ['val("k") = `a"b`', { value: 'a"b' }],
    ['val("k") = "a b"', { value: 'a b' }],
    [
      'val("k\\x41\\101\\u00e9\\n\\t\\"\\\\\\a") = "\\xff\\000"',
      { key: 'kAA\xc3\xa9\n\t"\\\x07', value: '\xff\x00' },
    ],
    ['val("k\\U0001F600") = "\'"', { key: 'k\xf0\x9f\x98\x80', value: "'" }],
    ['val("k) > ") = "v"', { key: 'k) > ' }],
  ])('%s', (line, want) => expect(plain(line)).toMatchObject(want));

  it('reads a raw byte that is not UTF-8 as U+FFFD (Go reads runes), an escape as the byte', () => {
    expect(plain(b('val("\xff") = "\\xff"'))).toMatchObject({ key: '\xef\xbf\xbd', value: '\xff' });
  });

  it.each([
    ['mod"k" > "0"', 'malformed comparison: mod"k" > "0"', 'no "(" in the line'],
    ['# compares:', 'malformed comparison: # compares:', 'no "(" in the line'],
    [
      'mod(key1) > "0"',
      'malformed comparison: mod(key1) > "0"; got mod("")  ""',
      'the key must be a quoted string ("..." or `...`)',
    ],
    [
      'mod("key1")>"0"',
      'malformed comparison: mod("key1")>"0"; got mod("key1")  ""',
      'a space must follow ")"',
    ],
    [
      'mod("key1") > 0',
      'malformed comparison: mod("key1") > 0; got mod("key1") > ""',
      'the value must be a quoted string ("..." or `...`)',
    ],
    [
      'mod("k" ) > "0"',
      'malformed comparison: mod("k" ) > "0"; got mod("k")  ""',
      'the key must be followed by ")" at once',
    ],
    [
      'mod("k) > "0"',
      'malformed comparison: mod("k) > "0"; got mod("k) > ")  ""',
      'the key must be followed by ")" at once',
    ],
    [
      'mod("k\\q") > "0"',
      'malformed comparison: mod("k\\q") > "0"; got mod("")  ""',
      'the quoted key has a bad escape sequence',
    ],
    [
      'mod("key1) > "0',
      'malformed comparison: mod("key1) > "0; got mod("key1) > ")  ""',
      'the key must be followed by ")" at once',
    ],
    [
      'mod("key1") > "1',
      'malformed comparison: mod("key1") > "1; got mod("key1") > ""',
      'the quoted value is not closed',
    ],
    [
      'mod("key1") >',
      'malformed comparison: mod("key1") >; got mod("key1") > ""',
      'value is missing',
    ],
    [
      'mod("key1")',
      'malformed comparison: mod("key1"); got mod("key1")  ""',
      'the operator is missing',
    ],
    ['mod(', 'malformed comparison: mod(; got mod("")  ""', 'key is missing'],
    [
      'val("a\\tb")>"0"',
      'malformed comparison: val("a\\tb")>"0"; got val("a\\tb")  ""',
      'a space must follow ")"',
    ],
    [
      'foo("key1") > "0"',
      'malformed comparison: foo("key1") > "0" (unknown target foo)',
      'targets are ver|version, c|create, m|mod, val|value and lease',
    ],
    ['mod ("k") > "0"', 'malformed comparison: mod ("k") > "0" (unknown target mod )', undefined],
    ['Mod("k") > "0"', 'malformed comparison: Mod("k") > "0" (unknown target Mod)', undefined],
    [
      'constructor("k") > "0"',
      'malformed comparison: constructor("k") > "0" (unknown target constructor)',
      undefined,
    ],
    [
      'mod("k") > "x"',
      'invalid txn compare request: mod("k") > "x"',
      'strconv.ParseInt: parsing "x": invalid syntax: expected a decimal integer',
    ],
    ['ver("k") = "1_000"', 'invalid txn compare request: ver("k") = "1_000"', undefined],
    [
      'c("k") = "99999999999999999999"',
      'invalid txn compare request: c("k") = "99999999999999999999"',
      'strconv.ParseInt: parsing "99999999999999999999": value out of range: expected a decimal integer',
    ],
    [
      'lease("k") = "zz"',
      'invalid txn compare request: lease("k") = "zz"',
      'strconv.ParseInt: parsing "zz": invalid syntax: expected a lease ID in hexadecimal',
    ],
    ['lease("k") = "0x10"', 'invalid txn compare request: lease("k") = "0x10"', undefined],
    [
      'lease("k") = "ffffffffffffffff"',
      'invalid txn compare request: lease("k") = "ffffffffffffffff"',
      undefined,
    ],
    // etcdctl panics on these ("Unknown result op"): an error instead; a bad number is reported first.
    [
      'mod("k") >= "1"',
      'malformed comparison: mod("k") >= "1" (unknown operator >=)',
      'operators are =, !=, < and >',
    ],
    ['val("k") == "v"', 'malformed comparison: val("k") == "v" (unknown operator ==)', undefined],
    ['mod("k") >= "x"', 'invalid txn compare request: mod("k") >= "x"', undefined],
  ])('%s', (line, message, detail) => {
    const [msg, code, why] = failure(() => cmp(line));
    expect([msg, code]).toEqual([message, 3]);
    if (detail !== undefined) expect(why).toContain(detail);
  });
});

describe('trimSpace', () => {
  it.each([
    ['  a b \t\r', 'a b'],
    ['\v\f x \v', 'x'],
    ['\xc2\xa0x\xe3\x80\x80', 'x'], // U+00A0, U+3000
    ['\xe2\x80\xa8 x \xc2\x85', 'x'], // U+2028, U+0085
    ['\xef\xbf\xbdx\xff', '\xef\xbf\xbdx\xff'], // U+FFFD and a bad byte are not spaces
    ['\xc2\xa0', ''],
    ['   ', ''],
  ])('%j → %j', (line, want) =>
    expect(Buffer.from(trimSpace(b(line))).toString('latin1')).toBe(want),
  );
});

describe('request line words', () => {
  const words = (line: string | Buffer) =>
    splitWords(typeof line === 'string' ? u(line) : line).map((w) =>
      Buffer.from(w.bytes).toString('latin1'),
    );
  it.each([
    ['put k v', ['put', 'k', 'v']],
    ['put  k\t v', ['put', 'k', 'v']],
    ['put\vk v', ['put\vk', 'v']],
    ['put "key 1" "v\\x00\\n\\u00e9"', ['put', 'key 1', 'v\x00\n\xc3\xa9']],
    ["put 'key 1' 'val 1'", ['put', 'key 1', 'val 1']],
    ["put 'ab' '' 'a\\nb'", ['put', 'ab', '', 'a\\nb']],
    ['put abc"def" v', ['put', 'abc"def"', 'v']],
    ["put it's v", ['put', "it's", 'v']],
    ['put "a b"c', ['put', 'a b', 'c']],
    ['put "a\\"b" v', ['put', 'a"b', 'v']],
    ['put "" v', ['put', '', 'v']],
  ])('%s', (line, want) => expect(words(line)).toEqual(want));

  it('keeps bytes that are not UTF-8 in bare and single-quoted words, not in "..." ones', () => {
    expect(words(b('put \xff \'\xfe\' "\xfd"'))).toEqual(['put', '\xff', '\xfe', '\xef\xbf\xbd']);
  });

  it.each([
    [
      'put "unterminated v',
      'unterminated quoted string in txn request: put "unterminated v',
      'the double quote at column 5 is never closed',
    ],
    [
      "put k 'v",
      "unterminated quoted string in txn request: put k 'v",
      'the single quote at column 7 is never closed',
    ],
    ['put k "a\\"', 'unterminated quoted string in txn request: put k "a\\"', 'column 7'],
    ['put "a\\qb" k', 'invalid syntax', 'bad escape sequence in "a\\qb"'],
    ['put "\\\'" k', 'invalid syntax', undefined],
    ['put "\\xZZ" k', 'invalid syntax', undefined],
    ['put "\\ud800" k', 'invalid syntax', undefined],
    ['put "\\400" k', 'invalid syntax', undefined],
  ])('%s', (line, message, detail) => {
    const [msg, code, why] = failure(() => words(line));
    expect([msg, code]).toEqual([message, 3]);
    if (detail !== undefined) expect(why).toContain(detail);
  });
});
