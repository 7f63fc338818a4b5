// put/del compare-and-swap: the flags become one precondition, the precondition one Txn (compare,
// the write on success, a read of the key on failure), and what the read found one error line.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { globalFlags } from '../../src/cli/globals.js';
import { parseArgv } from '../../src/cli/argv.js';
import {
  casDelFlags,
  casFailure,
  casPutFlags,
  casTxn,
  preconditionOf,
} from '../../src/commands/etcdctl/cas.js';
import type { KeyValue } from '../../src/etcd/proto/gen/messages.js';
import { bufferIo } from '../helpers/io.js';
import { failure } from '../helpers/failure.js';

const program = await buildProgram(bufferIo().io);
const parsed = (argv: string[]) => parseArgv(argv, program, globalFlags);
const putPre = (...argv: string[]) => preconditionOf(casPutFlags, parsed(['put', ...argv]).flags);
const delPre = (...argv: string[]) => preconditionOf(casDelFlags, parsed(['del', ...argv]).flags);
const b = (s: string) => Buffer.from(s, 'utf8');
const kv = (key: string, value: string, mod: bigint, version = 1n): KeyValue => ({
  key: b(key),
  value: b(value),
  create_revision: 2n,
  mod_revision: mod,
  version,
  lease: 0n,
});

describe('preconditionOf', () => {
  it('reads at most one --if-* flag; none is no precondition', () => {
    expect(putPre('k', 'v')).toBeUndefined();
    expect(putPre('k', 'v', '--if-absent')).toEqual({ kind: 'absent' });
    expect(putPre('k', 'v', '--if-value', '')).toEqual({ kind: 'value', value: '' });
    expect(putPre('k', 'v', '--if-mod-rev', '7')).toEqual({ kind: 'mod', rev: 7n });
    expect(putPre('k', 'v', '--if-version', '0')).toEqual({ kind: 'version', version: 0n });
    expect(delPre('k', '--if-value', 'x')).toEqual({ kind: 'value', value: 'x' });
    expect(putPre('k', '--ignore-value', '--if-absent')).toEqual({ kind: 'absent' });
  });

  it('two at once are bad arguments (128)', () => {
    expect(failure(() => putPre('k', 'v', '--if-absent', '--if-mod-rev', '3')).slice(0, 2)).toEqual(
      ['only one of --if-absent, --if-mod-rev can be set at the same time', 128],
    );
    expect(failure(() => delPre('k', '--if-value', 'x', '--if-mod-rev', '3'))[1]).toBe(128);
  });
});

describe('casTxn', () => {
  const write = { request_put: { key: b('k'), value: b('v'), lease: 0n } } as never;
  it('compares, writes on success and reads the same range on failure', () => {
    const t = casTxn({ kind: 'mod', rev: 7n }, write, b('k'), new Uint8Array(0));
    expect(t.compare).toEqual([
      { key: b('k'), range_end: new Uint8Array(0), result: 0, target: 2, mod_revision: 7n },
    ]);
    expect(t.success).toEqual([write]);
    expect(t.failure[0]!.request_range!.key).toEqual(b('k'));
    expect(t.failure[0]!.request_range!.range_end).toEqual(new Uint8Array(0));
  });
  it('--if-absent is version = 0; --if-value compares the bytes; ranges keep range_end', () => {
    expect(casTxn({ kind: 'absent' }, write, b('k'), b('l')).compare[0]).toMatchObject({
      target: 0,
      version: 0n,
      range_end: b('l'),
    });
    expect(casTxn({ kind: 'value', value: 'é' }, write, b('k'), b('')).compare[0]).toMatchObject({
      target: 3,
      value: b('é'),
    });
    expect(casTxn({ kind: 'version', version: 3n }, write, b('k'), b('')).compare[0]).toMatchObject(
      { target: 0, version: 3n },
    );
  });
});

describe('casFailure', () => {
  const one = { prefix: false, fromKey: false };
  it('says what was found', () => {
    expect(casFailure({ kind: 'mod', rev: 7n }, ['k'], one, [kv('k', 'x', 12n)])).toBe(
      'precondition failed: "k" has mod_revision 12, not 7',
    );
    expect(casFailure({ kind: 'value', value: 'y' }, ['k'], one, [kv('k', 'x\n', 12n)])).toBe(
      'precondition failed: "k" has value "x\\n", not "y"',
    );
    expect(casFailure({ kind: 'version', version: 2n }, ['k'], one, [kv('k', 'x', 5n, 3n)])).toBe(
      'precondition failed: "k" has version 3, not 2',
    );
    expect(casFailure({ kind: 'absent' }, ['k'], one, [kv('k', 'x', 12n)])).toBe(
      'precondition failed: "k" exists (mod_revision 12)',
    );
  });
  it('an absent key or an empty range', () => {
    expect(casFailure({ kind: 'value', value: 'y' }, ['k'], one, [])).toBe(
      'precondition failed: "k" does not exist',
    );
    expect(casFailure({ kind: 'mod', rev: 1n }, ['p/'], { prefix: true, fromKey: false }, [])).toBe(
      'precondition failed: no keys under "p/"',
    );
  });
  it('in a range, the first key that differs', () => {
    const kvs = [kv('a', 'v', 3n), kv('b', 'w', 4n)];
    expect(casFailure({ kind: 'value', value: 'v' }, ['a', 'c'], one, kvs)).toBe(
      'precondition failed: "b" has value "w", not "v"',
    );
  });
});
