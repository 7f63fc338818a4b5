// The txn compatibility table (reference §6.5), run in order on twin servers: every output format,
// compares of every target, requests with their flags, quoting, -i prompts; then the errors
// (txn-steps-errors.ts).
import { inFormats, NEVER, txn, type Step } from './txn-kit.js';
import { errorSteps } from './txn-steps-errors.js';

const put = (key: string | Buffer, value: string | Buffer) => ({
  path: '/v3/kv/put',
  body: { key: Buffer.from(key).toString('base64'), value: Buffer.from(value).toString('base64') },
});
export const LEASE = 0x2d8257079fa1bc0cn;
const L = LEASE.toString(16);
const l1 = (s: string) => Buffer.from(s, 'latin1');

const ok: Step[] = [
  { name: 'seed', input: txn([], ['put t/key1 v1', 'put t/key2 v2', 'put "t/k sp" "v\\tx"']) },
  ...inFormats(
    'example',
    txn(
      ['mod("t/key1") > "0"'],
      ['put t/key1 "overwrote-key1"'],
      ['put t/key1 "created-key1"', 'put t/key2 "some extra key"'],
    ),
    { hex: true },
  ),
  ...inFormats(
    'mixed',
    txn(
      ['val("t/key1") = "overwrote-key1"'],
      [
        'put t/key1 "overwrote-key1" --prev-kv',
        'get t/key1',
        'get --prefix t/ --limit 2',
        'del t/nosuch',
        'del t/key2 --prev-kv',
      ],
      ['put t/x y'],
    ),
    { hex: true },
  ),
  ...inFormats(
    'failure',
    txn(
      ['val("t/key1") = "nope"', 'ver("t/key1") > "0"'],
      [NEVER],
      ['put t/f f --prev-kv', 'get t/f', 'del t/nothing'],
    ),
  ),
  ...inFormats('empty', '\n\n\n'),
  {
    name: 'every-target',
    input: txn(
      [
        'ver("t/key1") > "0"',
        'version("t/key1") != "0"',
        'c("t/key1") > "0"',
        'create("t/key1") < "1000000"',
        'm("t/key1") > "+0"',
        'mod("t/key1") != "-1"',
        'val("t/key1") != "x"',
        'value("t/key1") > "a"',
        'ver("t/absent") = "0"',
        'mod(`t/k sp`) > "0"',
        'val( "t/k sp") = `v\tx`',
      ],
      ['get t/key1'],
      ['get t/absent'],
    ),
  },
  {
    name: 'escapes',
    setup: [put(l1('t/esc\x00\xff\n\t"\xc3\xa9'), l1('v\x01'))],
    input: txn(
      [
        'val("t/esc\\x00\\xff\\n\\t\\"\\u00e9") = "v\\x01"',
        'val("t/esc\\000\\377\\n\\t\\"é") = "v\\001"',
      ],
      ['get "t/esc\\x00\\xff\\n\\t\\"\\u00e9"'],
    ),
    pre: ['--hex'],
  },
  {
    // Go reads runes: a raw byte that is not UTF-8 inside "..." becomes U+FFFD.
    name: 'replacement-char',
    setup: [put(l1('t/\xef\xbf\xbd'), 'rep')],
    input: l1(txn(['val("t/\xff") = "rep"'], ['get "t/\xfe"'])),
  },
  {
    name: 'raw-bytes',
    setup: [put(l1('t/\xff\xfe'), l1('raw\xff'))],
    input: l1(txn(['val("t/\\xff\\xfe") = "raw\\xff"'], ['get t/\xff\xfe', 'put t/\xfe n\xfe'])),
    args: ['-w', 'json'],
  },
  {
    name: 'lease-put',
    setup: [{ path: '/v3/lease/grant', body: { TTL: '3600', ID: LEASE.toString() } }],
    input: txn([], [`put t/lk lv --lease ${L}`, 'get t/lk']),
    args: ['-w', 'json'],
  },
  {
    name: 'lease-put-fields',
    input: txn([], ['put t/lk --ignore-value --ignore-lease --prev-kv']),
    args: ['-w', 'fields'],
  },
  { name: 'lease-not-found', input: txn([], ['put t/ln v --lease 123abc']) },
  // 3.4 panics on every lease compare; main compares lease IDs in hexadecimal.
  {
    name: 'lease-compare',
    input: txn([`lease("t/lk") = "${L}"`, 'lease("t/key1") = "0"'], ['get t/lk']),
    ref: 'ectl',
  },
  {
    name: 'lease-compare-false',
    input: txn([`lease("t/lk") != "${L.toUpperCase()}"`], [], ['get t/lk']),
    ref: 'ectl',
  },
  {
    name: 'ranges',
    setup: [put('t/r/a', '1'), put('t/r/b', '2'), put('t/r/c', '3')],
    input: txn(
      [],
      [
        'get t/r/a t/r/c',
        'get --prefix t/r/',
        'get --from-key t/r/b --keys-only',
        'get --prefix t/r/ --limit 1 --sort-by KEY --order DESCEND',
        'get --prefix t/r/ --print-value-only --sort-by VALUE --consistency s',
        'get --prefix t/r/ --sort-by=MODIFY --order=ascend',
      ],
    ),
  },
  {
    name: 'ranges-json',
    input: txn([], ['get t/r/a t/r/c', 'get --prefix t/r/ --keys-only']),
    args: ['-w', 'json'],
  },
  { name: 'del-prefix', input: txn([], ['del --prefix t/r/ --prev-kv', 'del --from-key t/zzz']) },
  // main warns and pauses 2 s before deleting an explicit range (stderr only; 3.4 does neither).
  {
    name: 'del-range',
    setup: [put('t/s/a', 'a'), put('t/s/b', 'b')],
    input: txn([], ['del t/s/a t/s/z --prev-kv']),
  },
  {
    name: 'del-range-flag',
    setup: [put('t/s/a', 'a')],
    input: txn([], ['del t/s/a t/s/z --range']),
    ref: 'ectl',
  },
  {
    name: 'count-only',
    input: txn([], ['get --prefix t/ --count-only']),
    args: ['-w', 'fields'],
    ref: 'etcdctl-only-runs',
  },
  {
    name: 'command-prefixes',
    input: txn(['m("t/key1") > "0"'], ['g t/key1', 'p t/pw x', 'd t/pw2']),
  },
  {
    name: 'double-quotes',
    input: txn(
      [],
      ['put "t/sp ace" "va lue"', 'put t/mid"q" x', 'get --prefix "t/s"', 'get "t/mid\\"q\\""'],
    ),
  },
  // 3.4 cuts single-quoted words by the word count (`'t/single q'` → `t`): main's fix.
  {
    name: 'single-quotes',
    input: txn([], ["put 't/single q' 'v \\n'", "get 't/single q'"]),
    ref: 'ectl',
  },
  {
    name: 'interactive',
    input: txn(['mod("t/key1") > "0"'], ['get t/key1'], ['put t/i i']),
    args: ['-i'],
  },
  {
    name: 'interactive-json',
    input: txn(['mod("t/key1") > "0"'], ['get t/key1']),
    args: ['-i', '-w', 'json'],
  },
  { name: 'interactive-error', input: txn(['mod(t/key1) > "0"'], [NEVER]), args: ['-i'] },
  { name: 'interactive-eof', input: 'mod("t/key1") > "0"\n\nput t/never/k x\n', args: ['-i'] },
  { name: 'crlf-spaces', input: '  mod("t/key1") > "0"  \r\n\r\n\tget t/key1 \r\n \r\n\t\r\n' },
  {
    name: 'after-the-end',
    input: `${txn([], ['get t/key1'])}put t/never/k x\n\n(garbage never read\n`,
  },
];

export const steps: Step[] = [...ok, ...errorSteps];
