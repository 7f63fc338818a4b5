// The pure request builders of put/get/del: every flag's effect on the request, every validation
// error with etcdctl's text and exit code, in etcdctl's order.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { getFlags, getRequest } from '../../src/commands/etcdctl/get.js';
import { putFlags, putRequest } from '../../src/commands/etcdctl/put.js';
import { delFlags, delRequest, rangeWarning } from '../../src/commands/etcdctl/del.js';
import { globalFlags } from '../../src/cli/globals.js';
import { parseArgv } from '../../src/cli/argv.js';
import { prefixEnd } from '../../src/input/range.js';
import { bufferIo } from '../helpers/io.js';
import { failure } from '../helpers/failure.js';

const program = await buildProgram(bufferIo().io);

function parsed(argv: string[]) {
  return parseArgv(argv, program, globalFlags);
}
const b = (s: string) => Buffer.from(s, 'latin1');
const get = (...argv: string[]) => {
  const p = parsed(['get', ...argv]);
  return getRequest(p.args, getFlags.read(p.flags));
};

describe('prefixEnd', () => {
  it.each([
    ['foo', 'fop'],
    ['a\xff', 'b'],
    ['pfx/', 'pfx0'],
    ['\xff\xff', '\x00'],
  ])('%j → %j', (k, end) => expect(Buffer.from(prefixEnd(b(k)))).toEqual(b(end)));
});

describe('get', () => {
  it('a single key has an empty range end', () => {
    const r = get('foo');
    expect(Buffer.from(r.key)).toEqual(b('foo'));
    expect(r.range_end.length).toBe(0);
  });
  it.each([
    [['a', 'c'], 'a', 'c'],
    [['--prefix', 'foo'], 'foo', 'fop'],
    [['--prefix', ''], '\x00', '\x00'],
    [['--from-key', 'k'], 'k', '\x00'],
    [['--from-key', ''], '\x00', '\x00'],
    [['a', 'b', 'c'], 'a', 'b'],
  ])('%j → [%j, %j)', (argv, key, end) => {
    const r = get(...argv);
    expect(Buffer.from(r.key)).toEqual(b(key));
    expect(Buffer.from(r.range_end)).toEqual(b(end));
  });
  it('maps sort flags, and sends (KEY, ASCEND) as no sort as the Go client does', () => {
    expect(get('k', '--sort-by', 'create')).toMatchObject({ sort_target: 2, sort_order: 0 });
    expect(get('k', '--sort-by', 'MODIFY', '--order', 'descend')).toMatchObject({
      sort_target: 3,
      sort_order: 2,
    });
    expect(get('k', '--order', 'ASCEND')).toMatchObject({ sort_target: 0, sort_order: 0 });
    expect(get('k', '--sort-by', 'key', '--order', 'ASCEND')).toMatchObject({
      sort_target: 0,
      sort_order: 0,
    });
    expect(get('k', '--order', 'DESCEND')).toMatchObject({ sort_target: 0, sort_order: 2 });
    expect(get('k', '--sort-by', 'VALUE', '--order', 'ASCEND')).toMatchObject({
      sort_target: 4,
      sort_order: 1,
    });
    expect(get('k', '--sort-by', 'version')).toMatchObject({ sort_target: 1 });
  });
  it('passes limit, revision, consistency, keys-only, count-only and revision filters', () => {
    expect(
      get('k', '--limit', '5', '--rev', '7', '--consistency', 's', '--keys-only'),
    ).toMatchObject({
      limit: 5n,
      revision: 7n,
      serializable: true,
      keys_only: true,
      count_only: false,
    });
    expect(get('k', '--rev', '-3')).toMatchObject({ revision: 0n });
    expect(get('k', '--count-only')).toMatchObject({ count_only: true });
    expect(
      get(
        'k',
        '--min-mod-rev',
        '2',
        '--max-mod-rev',
        '9',
        '--min-create-rev',
        '1',
        '--max-create-rev',
        '4',
      ),
    ).toMatchObject({
      min_mod_revision: 2n,
      max_mod_revision: 9n,
      min_create_revision: 1n,
      max_create_revision: 4n,
    });
  });
  it.each([
    [[], 'get command needs one argument as key and an optional argument as range_end', 128],
    [
      ['k', '--prefix', '--from-key'],
      '`--prefix` and `--from-key` cannot be set at the same time, choose one',
      128,
    ],
    [
      ['k', '--keys-only', '--count-only'],
      '`--keys-only` and `--count-only` cannot be set at the same time, choose one',
      128,
    ],
    [['k', '--consistency', 'x'], 'unknown consistency flag "x"', 4],
    [
      ['a', 'b', '--prefix'],
      'too many arguments, only accept one argument when `--prefix` or `--from-key` is set',
      128,
    ],
    [['k', '--order', 'up'], 'bad sort order up', 4],
    [['k', '--sort-by', 'size'], 'bad sort target size', 4],
    [
      ['k', '--min-create-rev', '5', '--max-create-rev', '3'],
      'getMinCreateRev(=5) > getMaxCreateRev(=3)',
      4,
    ],
    [['k', '--min-mod-rev', '5', '--max-mod-rev', '3'], 'getMinModRev(=5) > getMaxModRev(=3)', 4],
    // Order: the argument count is checked before the consistency flag, the flags pair before both.
    [
      ['--consistency', 'x'],
      'get command needs one argument as key and an optional argument as range_end',
      128,
    ],
    [['a', 'b', '--prefix', '--consistency', 'x'], 'unknown consistency flag "x"', 4],
  ])('%j fails', (argv, message, code) => {
    expect(failure(() => get(...argv)).slice(0, 2)).toEqual([message, code]);
  });
});

describe('put', () => {
  const put = (argv: string[], stdin?: string) => {
    const p = parsed(['put', ...argv]);
    return putRequest(p.args, putFlags.read(p.flags), stdin === undefined ? undefined : b(stdin));
  };
  it('takes the value from the second argument, or all of stdin byte for byte', () => {
    expect(Buffer.from(put(['k', 'v']).value)).toEqual(b('v'));
    expect(Buffer.from(put(['k'], 'hello\nworld\n').value)).toEqual(b('hello\nworld\n'));
    expect(Buffer.from(put(['k', 'v', 'extra']).value)).toEqual(b('v'));
  });
  it('parses the lease in hex and passes the flags', () => {
    expect(put(['k', 'v', '--lease', '1f', '--prev-kv', '--ignore-lease'])).toMatchObject({
      lease: 31n,
      prev_kv: true,
      ignore_lease: true,
    });
    expect(put(['k', '--ignore-value'])).toMatchObject({
      ignore_value: true,
      value: new Uint8Array(0),
    });
    expect(put(['k', 'v', '--lease', '-A'])).toMatchObject({ lease: -10n });
  });
  it.each([
    [[], undefined, 'put command needs 1 argument and input from stdin or 2 arguments'],
    [
      ['k', 'v', '--ignore-value'],
      undefined,
      "put command needs only 1 argument when 'ignore-value' is set",
    ],
    [['k'], '', 'put command needs 1 argument and input from stdin or 2 arguments'],
    [
      ['k', 'v', '--lease', 'zz'],
      undefined,
      'bad lease ID (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex',
    ],
    [
      ['k', 'v', '--lease', '0x12'],
      undefined,
      'bad lease ID (strconv.ParseInt: parsing "0x12": invalid syntax), expecting ID in Hex',
    ],
    [
      ['k', 'v', '--lease', 'ffffffffffffffff'],
      undefined,
      'bad lease ID (strconv.ParseInt: parsing "ffffffffffffffff": value out of range), expecting ID in Hex',
    ],
  ])('%j (stdin %j) fails with 128', (argv, stdin, message) => {
    expect(failure(() => put(argv, stdin)).slice(0, 2)).toEqual([message, 128]);
  });
});

describe('del', () => {
  const del = (...argv: string[]) => {
    const p = parsed(['del', ...argv]);
    return delRequest(p.args, delFlags.read(p.flags));
  };
  it('builds ranges like get and passes prev-kv', () => {
    expect(Buffer.from(del('--prefix', 'a').range_end)).toEqual(b('b'));
    expect(del('k', '--prev-kv').prev_kv).toBe(true);
    expect(Buffer.from(del('a', 'c').range_end)).toEqual(b('c'));
  });
  it.each([
    [[], 'del command needs one argument as key and an optional argument as range_end'],
    [
      ['a', 'b', 'c'],
      'del command needs one argument as key and an optional argument as range_end',
    ],
    [
      ['a', '--prefix', '--from-key'],
      '`--prefix` and `--from-key` cannot be set at the same time, choose one',
    ],
    [
      ['a', 'b', '--from-key'],
      'too many arguments, only accept one argument when `--prefix` or `--from-key` is set',
    ],
  ])('%j fails with 128', (argv, message) => {
    expect(failure(() => del(...argv)).slice(0, 2)).toEqual([message, 128]);
  });
  it('warns in 3.6 words before an explicit range', () => {
    expect(rangeWarning('a', 'c\n')).toBe(
      'Warning: Keys between "a" and "c\\n" will be deleted. Please interrupt the command within next 2 seconds to cancel. You can provide `--range` flag to avoid the delay.\n',
    );
  });
});
