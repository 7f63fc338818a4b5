// txn request lines: get, put and del parsed by the commands' own flag definitions and builders,
// so every flag works as on the command line; every error with etcdctl's text and exit code; and
// no line, however random, makes the parser crash.
import { describe, expect, it } from 'vitest';
import { rangeWarning } from '../../src/commands/etcdctl/del.js';
import { txnOpCommands } from '../../src/commands/etcdctl/txn/ops.js';
import { CliError } from '../../src/errors.js';
import { parseCompare, parseOp, trimSpace } from '../../src/commands/etcdctl/txn/grammar.js';
import { failure } from '../helpers/failure.js';

const ops = txnOpCommands();
const u = (s: string) => Buffer.from(s, 'utf8');
const l1 = (s: string) => Buffer.from(s, 'latin1');
const op = (line: string | Buffer) => parseOp(typeof line === 'string' ? u(line) : line, ops);
const text = (v: Uint8Array) => Buffer.from(v).toString('latin1');

function put(line: string | Buffer) {
  const r = op(line).op.request_put!;
  return { ...r, key: text(r.key), value: text(r.value) };
}
function range(line: string | Buffer) {
  const r = op(line).op.request_range!;
  return { ...r, key: text(r.key), range_end: text(r.range_end) };
}
function del(line: string | Buffer) {
  const parsed = op(line);
  const r = parsed.op.request_delete_range!;
  return { ...r, key: text(r.key), range_end: text(r.range_end), warning: parsed.warning };
}

describe('put lines', () => {
  it.each([
    ['put k v', { key: 'k', value: 'v', lease: 0n, prev_kv: false, ignore_value: false }],
    ['p k v', { key: 'k', value: 'v' }],
    ['pu k v extra words', { key: 'k', value: 'v' }],
    ['put "key 1" \'val 1\'', { key: 'key 1', value: 'val 1' }],
    ['put k "a\\x00\\xffb"', { key: 'k', value: 'a\x00\xffb' }],
    ['put k ""', { key: 'k', value: '' }],
    ['put k v --prev-kv --lease 1f', { prev_kv: true, lease: 31n }],
    ['put --lease=694d7a1b2c3d4e5f k v', { lease: 0x694d7a1b2c3d4e5fn }],
    ['put k --ignore-value', { key: 'k', value: '', ignore_value: true }],
    ['put k v --ignore-lease', { ignore_lease: true }],
    ['put k -- -v', { key: 'k', value: '-v' }],
    ['put -- -k --v', { key: '-k', value: '--v' }],
    ['put k v --prev-kv=false', { prev_kv: false }],
  ])('%s', (line, want) => expect(put(line)).toMatchObject(want));

  it('keeps the bytes of words that are not UTF-8', () => {
    expect(put(l1('put \xff\xfe v\xff'))).toMatchObject({ key: '\xff\xfe', value: 'v\xff' });
    expect(put(l1("put '\xff' --ignore-value"))).toMatchObject({ key: '\xff', value: '' });
  });
});

describe('get lines', () => {
  it.each([
    ['get a', { key: 'a', range_end: '', limit: 0n, revision: 0n }],
    ['g a', { key: 'a' }],
    ['get a c', { key: 'a', range_end: 'c' }],
    ['get --prefix foo', { key: 'foo', range_end: 'fop' }],
    ["get --prefix ''", { key: '\x00', range_end: '\x00' }],
    ['get --from-key a', { key: 'a', range_end: '\x00' }],
    ['get --from-key ""', { key: '\x00', range_end: '\x00' }],
    [
      'get a --limit 2 --rev 3 --order DESCEND --sort-by MODIFY --keys-only --consistency s',
      {
        limit: 2n,
        revision: 3n,
        sort_order: 2,
        sort_target: 3,
        keys_only: true,
        serializable: true,
      },
    ],
    ['get a --sort-by key --order ascend', { sort_order: 0, sort_target: 0 }],
    ['get a --count-only', { count_only: true }],
    ['get a --print-value-only', { key: 'a' }],
    ['get a --min-mod-rev 2 --max-create-rev 9', { min_mod_revision: 2n, max_create_revision: 9n }],
  ])('%s', (line, want) => expect(range(line)).toMatchObject(want));

  it('computes the prefix end on the bytes of a word that is not UTF-8', () => {
    expect(range(l1('get --prefix a\xff'))).toMatchObject({ key: 'a\xff', range_end: 'b' });
    expect(range(l1('get --prefix \xff'))).toMatchObject({ key: '\xff', range_end: '\x00' });
    expect(range(l1('get \xfe \xff'))).toMatchObject({ key: '\xfe', range_end: '\xff' });
  });
});

describe('del lines', () => {
  it.each([
    ['del a', { key: 'a', range_end: '', prev_kv: false, warning: undefined }],
    ['d a', { key: 'a' }],
    ['del --prefix a --prev-kv', { key: 'a', range_end: 'b', prev_kv: true }],
    ['del --from-key a', { key: 'a', range_end: '\x00' }],
    ["del --prefix ''", { key: '\x00', range_end: '\x00' }],
    ['del a c --range', { key: 'a', range_end: 'c', warning: undefined }],
    ['del a c', { key: 'a', range_end: 'c', warning: rangeWarning('a', 'c') }],
  ])('%s', (line, want) => expect(del(line)).toMatchObject(want));
});

describe('errors', () => {
  it.each([
    // Fewer than two words: etcdctl's text says "compare" (sic).
    ['put', 'invalid txn compare request: put', 3, 'a request is get, put or del'],
    ['"get"', 'invalid txn compare request: "get"', 3, undefined],
    // cobra's errors: `invalid txn request: <line>`, exit 3; ectl names the cause.
    [
      'foo k',
      'invalid txn request: foo k',
      3,
      'unknown command "foo": a request is get, put or del',
    ],
    ['help get', 'invalid txn request: help get', 3, 'unknown command "help"'],
    ['--prefix get k', 'invalid txn request: --prefix get k', 3, undefined],
    ['get --foo k', 'invalid txn request: get --foo k', 3, 'unknown flag: --foo'],
    ['get -w json k', 'invalid txn request: get -w json k', 3, "unknown shorthand flag: 'w' in -w"],
    ['get --hex k', 'invalid txn request: get --hex k', 3, 'unknown flag: --hex'],
    [
      'get --rev x k',
      'invalid txn request: get --rev x k',
      3,
      'invalid argument "x" for "--rev" flag',
    ],
    ['get k --limit', 'invalid txn request: get k --limit', 3, 'flag needs an argument: --limit'],
    ['put k v --prev-kv=maybe', 'invalid txn request: put k v --prev-kv=maybe', 3, undefined],
    // etcdctl hangs forever on these.
    ['get --help', 'invalid txn request: get --help', 3, '--help cannot be used'],
    ['put k v -h', 'invalid txn request: put k v -h', 3, undefined],
    // Quoting: etcdctl's `invalid syntax`; an unterminated quote, which etcdctl skips silently.
    ['put "a\\qb" k', 'invalid syntax', 3, 'bad escape sequence in "a\\qb"'],
    [
      'put "unterminated v',
      'unterminated quoted string in txn request: put "unterminated v',
      3,
      undefined,
    ],
    ["put k 'v", "unterminated quoted string in txn request: put k 'v", 3, undefined],
    // The commands' own validation: their text and exit code.
    ['put k1', 'put command needs 1 argument and input from stdin or 2 arguments', 128, undefined],
    [
      'put k v --ignore-value',
      "put command needs only 1 argument when 'ignore-value' is set",
      128,
      undefined,
    ],
    [
      'put k v --lease zz',
      'bad lease ID (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex',
      128,
      undefined,
    ],
    [
      'get k --prefix --from-key',
      '`--prefix` and `--from-key` cannot be set at the same time, choose one',
      128,
      undefined,
    ],
    [
      'get a b --prefix',
      'too many arguments, only accept one argument when `--prefix` or `--from-key` is set',
      128,
      undefined,
    ],
    [
      'get a --keys-only --count-only',
      '`--keys-only` and `--count-only` cannot be set at the same time, choose one',
      128,
      undefined,
    ],
    ['get k --order sideways', 'bad sort order sideways', 4, undefined],
    ['get k --consistency x', 'unknown consistency flag "x"', 4, undefined],
    ['get k --min-mod-rev 5 --max-mod-rev 2', 'getMinModRev(=5) > getMaxModRev(=2)', 4, undefined],
    [
      'del a b c',
      'del command needs one argument as key and an optional argument as range_end',
      128,
      undefined,
    ],
    [
      'del a --prefix --from-key',
      '`--prefix` and `--from-key` cannot be set at the same time, choose one',
      128,
      undefined,
    ],
  ])('%s', (line, message, code, detail) => {
    const [msg, exit, why] = failure(() => op(line));
    expect([msg, exit]).toEqual([message, code]);
    if (detail !== undefined) expect(why).toContain(detail);
  });
});

describe('robustness', () => {
  // A small deterministic PRNG (mulberry32), so a failure can be replayed.
  function rng(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const alphabet = l1('mod("k")<>=!\\x" \'`vaergtpuldc-_\t\xff\xc3\xa9\x00');

  it('random lines never crash: a Compare/RequestOp or an error with an exit code', () => {
    const next = rng(20261124);
    for (let i = 0; i < 3000; i++) {
      const n = Math.floor(next() * 30);
      const line = Buffer.alloc(n);
      for (let j = 0; j < n; j++) {
        line[j] =
          next() < 0.2 ? Math.floor(next() * 256) : alphabet[Math.floor(next() * alphabet.length)]!;
      }
      const trimmed = trimSpace(line);
      for (const parse of [() => parseCompare(trimmed), () => parseOp(trimmed, ops)]) {
        try {
          parse();
        } catch (e) {
          if (!(e instanceof CliError)) throw new Error(`${line.toString('hex')}: ${String(e)}`);
          expect([3, 4, 128]).toContain(e.exitCode);
        }
      }
    }
  });
});
