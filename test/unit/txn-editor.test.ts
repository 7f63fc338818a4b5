// The interactive editor's state machine (what the terminal prompt shows and keeps for each entered
// line), without a terminal: sections advance on empty lines, bad lines are refused with a reason
// and leave the transaction unchanged, `?` prints the grammar.
import { describe, expect, it } from 'vitest';
import { TxnEditor, lineProblem } from '../../src/commands/etcdctl/txn/interactive.js';
import { txnOpCommands } from '../../src/commands/etcdctl/txn/ops.js';
import { BadArgsError } from '../../src/errors.js';
import { describeTxn } from '../../src/output/txn-summary.js';

describe('TxnEditor', () => {
  it('builds the transaction section by section and echoes how each line was understood', () => {
    const e = new TxnEditor(txnOpCommands());
    expect(e.label()).toBe('compare 1');
    expect(e.enter('  mod("k") > "0" ')).toEqual({
      print: '✔ compare 1 ·   mod("k") > "0" \n  = mod("k") > 0\n',
    });
    expect(e.label()).toBe('compare 2');
    expect(e.enter('')).toEqual({
      print: '✔ compare 2 · \n\nSuccess requests (get, put, del), run when every compare holds:\n',
    });
    expect(e.enter("put k 'a b' --prev-kv")).toEqual({
      print: `✔ success 1 · put k 'a b' --prev-kv\n  = put "k" = "a b" (returning the previous value)\n`,
    });
    expect(e.enter('   ')).toMatchObject({ print: expect.stringContaining('Failure requests') });
    expect(e.label()).toBe('failure 1');
    expect(e.enter('del --prefix k')).toMatchObject({
      print: expect.stringContaining('= del every key with prefix "k"'),
    });
    expect(e.enter('')).toEqual({ print: '✔ failure 2 · \n', done: true });
    expect(describeTxn(e.req)).toBe(
      '  if all of:\n    mod("k") > 0\n  then:\n    put "k" = "a b" (returning the previous value)\n  else:\n    del every key with prefix "k"\n',
    );
  });

  it('refuses a bad line with the precise reason and keeps the section and counter', () => {
    const e = new TxnEditor(txnOpCommands());
    expect(e.enter('mod(k) > "0"')).toEqual({
      error:
        'the key must be a quoted string ("..." or `...`) (malformed comparison: mod(k) > "0"; got mod("")  "")',
    });
    expect(e.enter('mod("k") == "0"')).toEqual({
      error:
        'operators are =, !=, < and > (malformed comparison: mod("k") == "0" (unknown operator ==))',
    });
    expect(e.label()).toBe('compare 1');
    e.enter('');
    expect(e.enter('get --foo k')).toEqual({
      error: 'unknown flag: --foo (invalid txn request: get --foo k)',
    });
    expect(e.enter('put k')).toEqual({
      error: 'put command needs 1 argument and input from stdin or 2 arguments',
    });
    expect(e.enter('put k "v')).toEqual({
      error:
        'the double quote at column 7 is never closed (unterminated quoted string in txn request: put k "v)',
    });
    expect(e.label()).toBe('success 1');
    expect(e.req).toEqual({ compare: [], success: [], failure: [] });
  });

  it('prints the grammar for ? and help, which are not lines of the transaction', () => {
    const e = new TxnEditor(txnOpCommands());
    for (const word of ['?', ' help ']) {
      const v = e.enter(word);
      expect(v).toMatchObject({ print: expect.stringContaining('Compare lines:') });
    }
    expect(e.label()).toBe('compare 1');
  });

  it('lineProblem: a reason for ectl errors, nothing for bugs (those propagate)', () => {
    expect(lineProblem(new BadArgsError('bad'))).toBe('bad');
    expect(lineProblem(new Error('bug'))).toBeUndefined();
  });
});
