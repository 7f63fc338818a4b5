// `get` rows of the compatibility table (reference §6.1, §6.2): ranges, revisions, sorting, the
// value-shaping flags, %q quoting in fields, and every validation error with its exit code.
import { compaction, gatewayPut, inFormats, type Format, type Step } from './kv-step-kit.js';

const SORTS = ['', 'CREATE', 'KEY', 'MODIFY', 'VALUE', 'VERSION'];
const ORDERS = ['', 'ASCEND', 'DESCEND'];

/** s/a..s/e with create order, modify order, versions and values all different from key order. */
const sortData: Step[] = [
  ['s/c', 'v3'],
  ['s/a', 'v5'],
  ['s/e', 'v1'],
  ['s/b', 'v4'],
  ['s/d', 'v2'],
  ['s/a', 'v6'],
  ['s/e', 'v0'],
  ['s/e', 'v7'],
  ['s/c', 'v8'],
].map(([k, v], i) => ({ name: `get-sort-data-${i}`, args: ['put', k as string, v as string] }));

const sortSteps: Step[] = SORTS.flatMap((by) =>
  ORDERS.map((order) => {
    const args = ['get', '--prefix', 's/'];
    if (by) args.push('--sort-by', by);
    if (order) args.push(`--order=${order}`);
    return {
      name: `get-sort.${by.toLowerCase() || 'none'}.${order.toLowerCase() || 'none'}`,
      args,
    };
  }),
);

const four: readonly Format[] = ['simple', 'json', 'fields', 'protobuf'];

const rows: Step[] = [
  ...inFormats('get-foo', ['get', 'foo'], { hex: true }),
  ...inFormats('get-missing', ['get', 'nosuchkey'], { formats: four }),
  ...inFormats('get-range', ['get', 'a', 'c'], { hex: true }),
  { name: 'get-range-empty-end', args: ['get', 'a', ''] },
  { name: 'get-range-backwards', args: ['get', 'c', 'a'] },
  { name: 'get-three-args', args: ['get', 'a', 'c', 'zzz'] },
  ...inFormats('get-prefix', ['get', '--prefix', 'leased'], { formats: four }),
  { name: 'get-prefix-keys-only', args: ['get', '--prefix', 's', '--keys-only'] },
  // Keys that are not UTF-8 and sort after everything: via the gateway on both servers.
  {
    name: 'get-prefix-all.simple',
    args: ['get', '--prefix', ''],
    setup: [gatewayPut(Buffer.from([0xff]), 'ff'), gatewayPut(Buffer.from([0xff, 0xff]), 'ffff')],
  },
  { name: 'get-prefix-all.json', args: ['get', '--prefix', '', '-w', 'json'] },
  { name: 'get-prefix-all.fields', args: ['get', '--prefix', '', '-w', 'fields'] },
  { name: 'get-prefix-all.hex', args: ['get', '--prefix', '', '--hex'] },
  { name: 'get-prefix-unicode', args: ['get', '--prefix', 'ÿ'] },
  { name: 'get-from-key', args: ['get', '--from-key', 'q', '--keys-only'] },
  { name: 'get-from-key-all', args: ['get', '--from-key', '', '-w', 'json'] },
  { name: 'get-from-key-protobuf', args: ['get', '--from-key', 'leased', '-w', 'protobuf'] },
  { name: 'get-limit.simple', args: ['get', '--prefix', '', '--limit', '2'] },
  { name: 'get-limit.json', args: ['get', '--prefix', '', '--limit=2', '-w', 'json'] },
  { name: 'get-limit.fields', args: ['get', '--prefix', '', '--limit', '3', '-w', 'fields'] },
  { name: 'get-limit-negative', args: ['get', 'a', 'c', '--limit', '-1', '-w', 'json'] },
  { name: 'get-limit-bad', args: ['get', 'foo', '--limit', 'abc'], compare: 'usage' },
  // Revisions: past, compacted (gateway compaction at 5 on both), future.
  ...inFormats('get-rev', ['get', 'foo', '--rev', '6'], { formats: four }),
  { name: 'get-rev-zero', args: ['get', 'foo', '--rev=0'] },
  { name: 'get-rev-negative', args: ['get', 'foo', '--rev', '-3', '-w', 'json'] },
  { name: 'get-rev-compacted', args: ['get', 'foo', '--rev', '3'], setup: [compaction(5)] },
  { name: 'get-rev-compacted-json', args: ['get', 'foo', '--rev', '4', '-w', 'json'] },
  { name: 'get-rev-at-compaction', args: ['get', 'foo', '--rev', '5'] },
  { name: 'get-rev-future', args: ['get', 'foo', '--rev', '100000'] },
  { name: 'get-rev-max', args: ['get', 'foo', '--rev', '9223372036854775807'] },
  {
    name: 'get-rev-overflow',
    args: ['get', 'foo', '--rev', '9223372036854775808'],
    compare: 'usage',
  },
  { name: 'get-rev-hex', args: ['get', 'foo', '--rev', '0x6', '-w', 'json'] },
  // Sorting: every target with every order, then the case-insensitive spellings and limits.
  ...sortData,
  ...sortSteps,
  { name: 'get-sort-lower', args: ['get', '--prefix', 's/', '--sort-by=value', '--order=descend'] },
  { name: 'get-sort-mixed', args: ['get', '--prefix', 's/', '--sort-by', 'Version'] },
  {
    name: 'get-sort-limit',
    args: ['get', '--prefix', 's/', '--sort-by', 'MODIFY', '--order', 'DESCEND', '--limit', '2'],
  },
  {
    name: 'get-sort-limit-json',
    args: ['get', '--prefix', 's/', '--sort-by', 'CREATE', '--limit', '2', '-w', 'json'],
  },
  // pflag parses ints with base 0: 0x, 0o, 0b prefixes and underscores are accepted.
  { name: 'get-limit-hex', args: ['get', '--prefix', 's/', '--limit', '0x2', '--keys-only'] },
  { name: 'get-limit-octal', args: ['get', '--prefix', 's/', '--limit', '0o3', '--keys-only'] },
  { name: 'get-limit-binary', args: ['get', '--prefix', 's/', '--limit=0b1', '--keys-only'] },
  {
    name: 'get-limit-underscore',
    args: ['get', '--prefix', 's/', '--limit', '1_0', '--keys-only'],
  },
  { name: 'get-limit-plus', args: ['get', '--prefix', 's/', '--limit', '+1', '--keys-only'] },
  {
    name: 'get-limit-leading-zero',
    args: ['get', '--prefix', 's/', '--limit', '010', '--keys-only'],
  },
  { name: 'get-limit-trailing-underscore', args: ['get', 'a', '--limit', '1_'], compare: 'usage' },
  { name: 'get-limit-float', args: ['get', 'a', '--limit', '1.0'], compare: 'usage' },
  { name: 'get-limit-empty', args: ['get', 'a', '--limit', ''], compare: 'usage' },
  { name: 'get-sort-mod', args: ['get', 'a', '--sort-by=mod'] },
  {
    name: 'get-sort-key-ascend',
    args: ['get', '--prefix', 's/', '--sort-by=key', '--order=Ascend'],
  },
  { name: 'get-rev-negative-hex', args: ['get', 'foo', '--rev=-0x5', '-w', 'fields'] },
  { name: 'get-sort-bad-order', args: ['get', 'foo', '--order', 'up'] },
  { name: 'get-sort-bad-target', args: ['get', 'foo', '--sort-by', 'size'] },
  // Value-shaping flags.
  ...inFormats('get-keys-only', ['get', '--prefix', 's/', '--keys-only'], { formats: four }),
  {
    name: 'get-keys-only-value-only',
    args: ['get', '--prefix', 's/', '--keys-only', '--print-value-only'],
  },
  { name: 'get-value-only', args: ['get', '--prefix', 's/', '--print-value-only'] },
  { name: 'get-value-only-hex', args: ['get', 'foo', '--print-value-only', '--hex'] },
  { name: 'get-value-only-missing', args: ['get', 'nosuchkey', '--print-value-only'] },
  { name: 'get-value-only-json', args: ['get', 'foo', '--print-value-only', '-w', 'json'] },
  { name: 'get-value-only-fields', args: ['get', 'foo', '--print-value-only', '-w', 'fields'] },
  { name: 'get-value-only-bad-format', args: ['get', 'foo', '--print-value-only', '-w', 'bad'] },
  { name: 'get-value-only-table', args: ['get', 'foo', '--print-value-only', '-w', 'table'] },
  { name: 'get-value-only-protobuf', args: ['get', 'foo', '--print-value-only', '-w', 'protobuf'] },
  { name: 'get-keys-only-hex', args: ['get', '--prefix', 's/', '--keys-only', '--hex'] },
  {
    name: 'get-keys-only-limit-fields',
    args: ['get', 'a', 'z', '--keys-only', '--limit=1', '-w', 'fields'],
  },
  { name: 'get-key-spaces', args: ['get', ' sp key ', '-w', 'fields'] },
  { name: 'get-serializable', args: ['get', 'foo', '--consistency', 's', '-w', 'json'] },
  { name: 'get-linearizable', args: ['get', 'foo', '--consistency=l', '-w', 'fields'] },
  { name: 'get-consistency-bad', args: ['get', 'foo', '--consistency', 'x'] },
  { name: 'get-consistency-upper', args: ['get', 'foo', '--consistency', 'S'] },
  { name: 'get-consistency-empty', args: ['get', 'foo', '--consistency='] },
  { name: 'get-bool-bad', args: ['get', 'foo', '--prefix=yes'], compare: 'usage' },
  { name: 'get-from-key-unicode', args: ['get', '--from-key', 'ÿ', '--hex'] },
  { name: 'get-double-dash-flag', args: ['get', '--', '--prefix'] },
  // Values and keys that need quoting or are not text.
  ...inFormats('get-newlines', ['get', 'nl'], { hex: true, formats: four }),
  ...inFormats('get-binary', ['get', 'bad'], { hex: true, formats: four }),
  ...inFormats('get-control', ['get', 'ctrl'], { hex: true, formats: four }),
  ...inFormats('get-unicode', ['get', 'uni'], { hex: true, formats: four }),
  ...inFormats('get-quotes', ['get', 'q"\\k'], { formats: four }),
  ...inFormats('get-empty-value', ['get', 'empty'], { hex: true, formats: four }),
  { name: 'get-empty-value-only', args: ['get', 'empty', '--print-value-only'] },
  { name: 'get-dash-key', args: ['get', '--', '-k'] },
  ...inFormats('get-key-newline', ['get', 'k\nx\ty'], { hex: true, formats: four }),
  { name: 'get-hex-false-positional', args: ['get', '--hex', 'false', 'foo'] },
  // Validation errors and their order (§1.5).
  { name: 'get-no-args', args: ['get'] },
  { name: 'get-no-args-bad-format', args: ['-w', 'bad', 'get'] },
  { name: 'get-no-args-bad-consistency', args: ['get', '--consistency', 'x'] },
  { name: 'get-prefix-and-from-key', args: ['get', '--prefix', '--from-key', 'a'] },
  { name: 'get-prefix-and-from-key-two-args', args: ['get', '--prefix', '--from-key', 'a', 'b'] },
  { name: 'get-prefix-two-args', args: ['get', '--prefix', 'a', 'b'] },
  { name: 'get-from-key-two-args', args: ['get', '--from-key', 'a', 'b'] },
  {
    name: 'get-prefix-two-args-bad-consistency',
    args: ['get', '--prefix', 'a', 'b', '--consistency', 'x'],
  },
  {
    name: 'get-bad-consistency-bad-order',
    args: ['get', 'a', '--consistency', 'x', '--order', 'up'],
  },
  { name: 'get-bad-order-bad-target', args: ['get', 'a', '--order', 'up', '--sort-by', 'size'] },
  { name: 'get-empty-key', args: ['get', ''] },
  { name: 'get-bad-format', args: ['-w', 'bad', 'get', 'foo'] },
  { name: 'get-format-case', args: ['-w', 'JSON', 'get', 'foo'] },
  // ectl-only (main/3.6+): --count-only, revision filters and their errors.
  ...inFormats('get-count-only', ['get', '--prefix', '', '--count-only'], {
    formats: four,
    etcdctl: null,
    compare: 'none',
  }),
  { name: 'get-count-only-missing', args: ['get', 'nosuchkey', '--count-only', '-w', 'fields'] },
  { name: 'get-count-and-keys-only', args: ['get', 'a', '--count-only', '--keys-only'] },
  ...[
    ['min-create', '--min-create-rev', '10'],
    ['max-create', '--max-create-rev', '10'],
    ['min-mod', '--min-mod-rev', '20'],
    ['max-mod', '--max-mod-rev', '20'],
  ].map(([name, flag, rev]) => ({
    name: `get-filter-${name}`,
    args: ['get', '--prefix', '', '--keys-only', flag as string, rev as string],
  })),
  { name: 'get-filter-json', args: ['get', '--prefix', 's/', '--min-mod-rev=30', '-w', 'json'] },
  {
    name: 'get-filter-create-bad',
    args: ['get', 'a', '--min-create-rev', '5', '--max-create-rev', '3'],
  },
  { name: 'get-filter-mod-bad', args: ['get', 'a', '--min-mod-rev', '5', '--max-mod-rev', '3'] },
  { name: 'get-filter-min-only', args: ['get', 'a', '--min-mod-rev', '5000'] },
];

/** --count-only and the revision filters exist only in etcdctl 3.5/3.6+: goldens only. */
export const getSteps: Step[] = rows.map((s) =>
  s.name.startsWith('get-count') || s.name.startsWith('get-filter')
    ? { ...s, etcdctl: null, compare: 'none' }
    : s,
);
