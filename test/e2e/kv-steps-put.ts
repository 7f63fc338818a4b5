// `put` rows of the compatibility table (reference §6.3): formats, stdin values, leases, the ignore
// flags and every validation error. Later tables read the keys written here.
import { hexId, inFormats, LEASE1, LEASE2, leaseGrant, type Step } from './kv-step-kit.js';

/** Bytes that are not UTF-8 (argv cannot carry them): `v 01 ff 0a 20 78`, reference §5.8. */
export const BAD_UTF8 = Buffer.from([0x76, 0x01, 0xff, 0x0a, 0x20, 0x78]);
/** Control characters %q names (\a \b \t \v \f \r), escapes as \xNN, and a NUL. */
export const CONTROL = Buffer.from([0x07, 0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x1b, 0x7f, 0x00, 0x41]);
/** Printable and non-printable Unicode, and the characters Go's JSON escapes. */
/** 200 kB, more than a pipe holds. */
export const BIG = Buffer.alloc(200_000, 'abcdefghij\n');
export const UNICODE = 'é✓😀 \u00a0\u200b\u2028<>&\ufeff\ue000\u{10ffff}';

const L1 = hexId(LEASE1);
const L2 = hexId(LEASE2);

export const putSteps: Step[] = [
  ...inFormats('put-foo', ['put', 'foo', 'bar'], { hex: true }),
  { name: 'put-a', args: ['put', 'a', '1'] },
  { name: 'put-b', args: ['put', 'b', '2'] },
  { name: 'put-c', args: ['put', 'c', '3'] },
  { name: 'put-extra-args', args: ['put', 'x', 'y', 'z'] },
  // Values from stdin, byte for byte.
  { name: 'put-stdin-newlines', args: ['put', 'nl'], stdin: 'hello\nworld\n' },
  { name: 'put-stdin-binary', args: ['put', 'bad'], stdin: BAD_UTF8 },
  { name: 'put-stdin-control', args: ['put', 'ctrl'], stdin: CONTROL },
  { name: 'put-stdin-empty', args: ['put', 'k2'], stdin: '' },
  { name: 'put-stdin-empty-json', args: ['put', 'k2', '-w', 'json'] },
  { name: 'put-stdin-json', args: ['put', 'stdin-json', '-w', 'json'], stdin: 'v\n' },
  { name: 'put-unicode', args: ['put', 'uni', UNICODE] },
  { name: 'put-quotes', args: ['put', 'q"\\k', 'v"\\\t\'x'] },
  { name: 'put-unicode-key', args: ['put', 'ÿ', 'y-diaeresis'] },
  { name: 'put-empty-value', args: ['put', 'empty', ''] },
  { name: 'put-dash-value', args: ['put', 'dash', '--', '-v'] },
  { name: 'put-dash-key', args: ['put', '--', '-k', '--v'] },
  { name: 'put-double-dash-value', args: ['put', 'dd', '--', '--'] },
  { name: 'put-dash-no-separator', args: ['put', 'dash', '-v'], compare: 'usage' },
  // --prev-kv, on an existing key and on a new one.
  ...inFormats('put-prev-kv', ['put', 'foo', 'bar2', '--prev-kv'], { hex: true }),
  ...inFormats('put-prev-kv-new', ['put', '--prev-kv', 'new1', 'n1'], {
    formats: ['simple', 'json', 'fields', 'protobuf'],
  }),
  { name: 'put-prev-kv-binary-seed', args: ['put', 'badp'], stdin: BAD_UTF8 },
  { name: 'put-prev-kv-binary', args: ['--hex', 'put', 'badp', '--prev-kv'], stdin: CONTROL },
  {
    name: 'put-prev-kv-binary-fields',
    args: ['put', 'badp', '--prev-kv', '-w', 'fields'],
    stdin: BAD_UTF8,
  },
  { name: 'put-prev-kv-binary-simple', args: ['put', 'badp', 'b4', '--prev-kv'] },
  { name: 'put-prev-kv-false', args: ['put', 'foo', 'bar2', '--prev-kv=false'] },
  { name: 'put-stdin-ignored', args: ['put', 'argwins', 'arg'], stdin: 'stdin' },
  { name: 'put-key-newline', args: ['put', 'k\nx\ty', 'v\r\n'] },
  { name: 'put-key-spaces', args: ['put', ' sp key ', ' sp value '] },
  // A value larger than a pipe's buffer: stdout must be drained before exiting. Deleted at once,
  // so that later range reads (and their goldens) stay small.
  { name: 'put-big', args: ['put', 'big'], stdin: BIG, golden: false },
  { name: 'put-big-prev-kv', args: ['put', 'big', '--prev-kv'], stdin: BIG, golden: false },
  { name: 'get-big', args: ['get', 'big'], golden: false },
  { name: 'get-big-json', args: ['get', 'big', '-w', 'json'], golden: false },
  { name: 'get-big-protobuf', args: ['get', 'big', '-w', 'protobuf'], golden: false },
  { name: 'del-big', args: ['del', 'big', '--prev-kv'], golden: false },
  // Leases: granted with the same explicit ID on both servers.
  {
    name: 'put-lease',
    args: ['put', 'leased', 'lv', '--lease', L1],
    setup: [leaseGrant(LEASE1), leaseGrant(LEASE2)],
  },
  ...inFormats('put-lease-prev', ['put', 'leased', 'lv2', '--lease', L2, '--prev-kv'], {
    hex: true,
    formats: ['simple', 'json', 'fields', 'protobuf'],
  }),
  { name: 'put-lease-upper', args: ['put', 'leased2', 'v', `--lease=${L1.toUpperCase()}`] },
  { name: 'put-lease-plus', args: ['put', 'leased3', 'v', '--lease', `+${L2}`] },
  { name: 'put-lease-zero', args: ['put', 'nolease', 'v', '--lease', '0'] },
  { name: 'put-lease-negative', args: ['put', 'a', 'b', '--lease=-1'] },
  { name: 'put-lease-space', args: ['put', 'a', 'b', '--lease', ' 12'] },
  // --ignore-value / --ignore-lease.
  { name: 'put-ignore-value', args: ['put', 'leased', '--ignore-value', '--prev-kv'] },
  { name: 'put-ignore-value-lease', args: ['put', 'leased', '--ignore-value', '--lease', L1] },
  {
    name: 'put-ignore-lease',
    args: ['put', 'leased', 'lv3', '--ignore-lease', '--prev-kv', '-w', 'json'],
  },
  {
    name: 'put-ignore-both',
    args: ['put', 'leased', '--ignore-value', '--ignore-lease', '--prev-kv', '-w', 'fields'],
  },
  // Errors: validation (128) before anything else, then the server's.
  { name: 'put-no-args', args: ['put'] },
  { name: 'put-no-args-bad-format', args: ['-w', 'bad', 'put'] },
  { name: 'put-ignore-value-two-args', args: ['put', 'a', 'b', '--ignore-value'] },
  { name: 'put-lease-zz', args: ['put', 'a', 'b', '--lease', 'zz'] },
  { name: 'put-lease-0x', args: ['put', 'a', 'b', '--lease', '0x12'] },
  { name: 'put-lease-overflow', args: ['put', 'a', 'b', '--lease', 'ffffffffffffffff'] },
  { name: 'put-lease-empty', args: ['put', 'a', 'b', '--lease', ''] },
  { name: 'put-lease-bad-no-stdin', args: ['put', 'a', '--lease', 'zz'], stdin: '' },
  { name: 'put-lease-unknown', args: ['put', 'a', 'b', '--lease', '123'] },
  { name: 'put-lease-and-ignore-lease', args: ['put', 'a', 'b', '--lease', L1, '--ignore-lease'] },
  { name: 'put-ignore-value-missing', args: ['put', 'missing', '--ignore-value'] },
  { name: 'put-ignore-lease-missing', args: ['put', 'missing', 'v', '--ignore-lease'] },
  { name: 'put-empty-key', args: ['put', '', 'v'] },
  // Too large for the server (1.5 MiB) and for the client's send limit (2 MiB).
  { name: 'put-too-large-server', args: ['put', 'huge'], stdin: Buffer.alloc(1_600_000, 'x') },
  { name: 'put-too-large-client', args: ['put', 'huge'], stdin: Buffer.alloc(2_100_000, 'x') },
  { name: 'put-bad-format', args: ['-w', 'bad', 'put', 'a', 'b'] },
];
