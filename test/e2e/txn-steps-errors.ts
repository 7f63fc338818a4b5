// The error rows of the txn table: etcdctl's message and exit code for every kind of bad input
// (nothing sent), server errors, and the rows where etcdctl panics, hangs or writes broken input,
// which ectl refuses with exit 3. Each bad transaction carries a write that must never happen.
import { NEVER, txn, type Step } from './txn-kit.js';

export const errorSteps: Step[] = [
  { name: 'eof-empty', input: '' },
  { name: 'eof-no-terminator', input: 'mod("t/key1") > "0"\n' },
  { name: 'eof-two-sections', input: `\n${NEVER}\n\n${NEVER}\n` },
  { name: 'eof-no-newline', input: `\n${NEVER}\n\n${NEVER}` },
  { name: 'bad-no-paren', input: txn(['mod"t/key1" > "0"'], [NEVER]) },
  { name: 'bad-comment', input: txn(['# compares:'], [NEVER]) },
  { name: 'bad-key-unquoted', input: txn(['mod(t/key1) > "0"'], [NEVER]) },
  { name: 'bad-no-space', input: txn(['mod("t/key1")>"0"'], [NEVER]) },
  { name: 'bad-value-unquoted', input: txn(['mod("t/key1") > 0'], [NEVER]) },
  { name: 'bad-space-before-paren', input: txn(['mod("t/key1" ) > "0"'], [NEVER]) },
  { name: 'bad-target', input: txn(['foo("t/key1") > "0"'], [NEVER]) },
  { name: 'bad-number', input: txn(['mod("t/key1") > "x"'], [NEVER]) },
  { name: 'bad-escape-key', input: txn(['val("t/\\q") = "x"'], [NEVER]) },
  {
    name: 'bad-second-compare',
    input: txn(['mod("t/key1") > "0"', 'ver("t/key1") = "1.5"'], [NEVER]),
  },
  { name: 'op-one-word', input: txn([], [NEVER, 'put']) },
  { name: 'op-unknown-command', input: txn([], [NEVER], ['foo t/key1']) },
  { name: 'op-unknown-flag', input: txn([], [NEVER, 'get --foo t/key1']) },
  { name: 'op-global-flag', input: txn([], [NEVER, 'get -w json t/key1']) },
  { name: 'op-hex-flag', input: txn([], [NEVER, 'get --hex t/key1']) },
  { name: 'op-bad-flag-value', input: txn([], [NEVER, 'get --rev x t/key1']) },
  { name: 'op-bad-escape', input: txn([], [NEVER, 'put "t/a\\qb" v']) },
  { name: 'op-put-no-value', input: txn([], [NEVER, 'put t/key1']) },
  { name: 'op-prefix-from-key', input: txn([], [NEVER, 'get t/key1 --prefix --from-key']) },
  { name: 'op-bad-order', input: txn([], [NEVER, 'get t/key1 --order sideways']) },
  { name: 'op-bad-lease', input: txn([], [NEVER, 'put t/key1 v --lease zz']) },
  { name: 'op-del-three-args', input: txn([], [NEVER], ['del a b c']) },
  { name: 'duplicate-key', input: txn([], ['put t/dup 1', 'put t/dup 2']) },
  { name: 'arguments', input: txn([], [NEVER]), args: ['extra'] },
  { name: 'bad-format', input: txn([], [NEVER]), pre: ['-w', 'yaml'] },
  { name: 'table', input: txn([], ['get t/key1']), args: ['-w', 'table'] },
  // etcdctl panics (exit 2) on these; ectl reports them (exit 3). Neither writes anything.
  {
    name: 'panic-operator',
    input: txn(['mod("t/key1") == "0"'], [NEVER]),
    ref: 'etcdctl-only-runs',
    code: 3,
  },
  {
    name: 'panic-operator-value',
    input: txn(['val("t/key1") >= "a"'], [NEVER]),
    ref: 'etcdctl-only-runs',
    code: 3,
  },
  {
    name: 'lease-bad-hex',
    input: txn(['lease("t/lk") = "zz"'], [NEVER]),
    ref: 'etcdctl-only-runs',
    code: 3,
  },
  // etcdctl writes key t/never/u = "unterminated" here, and hangs on --help: not run.
  {
    name: 'unterminated-quote',
    input: txn([], ['put t/never/u "unterminated v']),
    ref: 'none',
    code: 3,
  },
  {
    name: 'unterminated-single-quote',
    input: txn([], [NEVER, "put t/never/v 'x"]),
    ref: 'none',
    code: 3,
  },
  { name: 'help-in-line', input: txn([], [NEVER, 'get --help']), ref: 'none', code: 3 },
  // Nothing above wrote under t/never/: same revision and no keys on both servers.
  { name: 'never-written', input: txn([], ['get --prefix t/never/']), args: ['-w', 'json'] },
];
