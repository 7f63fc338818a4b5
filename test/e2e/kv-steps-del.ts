// `del` rows of the compatibility table (reference §6.4): single keys, prefixes, from-key, explicit
// ranges (3.6's `--range`, which etcdctl 3.4 lacks), --prev-kv in every format, and the errors.
import { FORMATS, inFormats, type Step } from './kv-step-kit.js';

/** Puts `keys` (value = key + "v") so the next del rows have something to delete. */
function seed(name: string, keys: string[]): Step[] {
  return keys.map((k, i) => ({ name: `${name}-seed-${i}`, args: ['put', k, `${k}v`] }));
}

const FORMAT_KEYS = FORMATS;

export const delSteps: Step[] = [
  // One key per format (and --hex), each deleted once, then the same for --prev-kv.
  ...seed(
    'del-single',
    FORMAT_KEYS.map((f) => `d/${f}`),
  ),
  ...FORMAT_KEYS.flatMap((f) => inFormats(`del-single`, ['del', `d/${f}`], { formats: [f] })),
  ...inFormats('del-missing', ['del', 'nosuchkey'], { hex: true }),
  ...seed('del-prev', [...FORMAT_KEYS.map((f) => `dp/${f}`), ...FORMAT_KEYS.map((f) => `dh/${f}`)]),
  ...FORMAT_KEYS.flatMap((f) =>
    inFormats('del-prev-kv', ['del', `dp/${f}`, '--prev-kv'], { formats: [f] }),
  ),
  ...['simple', 'json', 'fields', 'protobuf'].map((f): Step => ({
    name: `del-prev-kv.hex-${f}`,
    args: ['--hex', 'del', `dh/${f}`, '--prev-kv', '-w', f],
    ...(f === 'fields' ? { compare: 'none' as const } : {}),
  })),
  // Prefix and from-key.
  ...seed('del-prefix', ['p/1', 'p/2', 'p/3', 'pq']),
  { name: 'del-prefix', args: ['del', '--prefix', 'p/'] },
  { name: 'del-prefix-none', args: ['del', '--prefix', 'p/', '-w', 'json'] },
  ...seed('del-prefix-prev', ['p/1', 'p/2']),
  { name: 'del-prefix-prev-kv', args: ['del', '--prefix', 'p/', '--prev-kv', '-w', 'fields'] },
  ...seed('del-from-key', ['zz/1', 'zz/2', 'zz/3']),
  { name: 'del-from-key', args: ['del', '--from-key', 'zz/2', '--prev-kv', '-w', 'json'] },
  // Explicit ranges: ectl wants --range (3.6), etcdctl 3.4 has no such flag.
  ...seed('del-range', ['r/a', 'r/b', 'r/c', 'r/d']),
  {
    name: 'del-range',
    args: ['del', 'r/a', 'r/c', '--range', '--prev-kv'],
    etcdctl: ['del', 'r/a', 'r/c', '--prev-kv'],
  },
  {
    name: 'del-range-json',
    args: ['del', '--range', 'r/a', 'r/z', '-w', 'json'],
    etcdctl: ['del', 'r/a', 'r/z', '-w', 'json'],
  },
  // 3.6's warning and 2 s pause without --range: same stdout, the warning only on ectl's stderr.
  ...seed('del-range-warning', ['w/a', 'w/b']),
  { name: 'del-range-warning', args: ['del', 'w/a', 'w/c'] },
  {
    name: 'del-range-flag-single-key',
    args: ['del', 'w/nosuch', '--range'],
    etcdctl: ['del', 'w/nosuch'],
  },
  // Errors.
  { name: 'del-no-args', args: ['del'] },
  { name: 'del-three-args', args: ['del', 'a', 'b', 'c'] },
  { name: 'del-three-args-prefix', args: ['del', '--prefix', 'a', 'b', 'c'] },
  { name: 'del-prefix-and-from-key', args: ['del', '--prefix', '--from-key', 'a'] },
  { name: 'del-prefix-two-args', args: ['del', '--prefix', 'a', 'b'] },
  { name: 'del-from-key-two-args', args: ['del', '--from-key', 'a', 'b'] },
  { name: 'del-no-args-bad-format', args: ['-w', 'bad', 'del'] },
  { name: 'del-bad-format', args: ['-w', 'bad', 'del', 'nosuchkey'] },
  { name: 'del-empty-key', args: ['del', ''] },
  {
    name: 'del-range-backwards',
    args: ['del', 'c', 'a', '--range', '-w', 'json'],
    etcdctl: ['del', 'c', 'a', '-w', 'json'],
  },
  { name: 'del-unknown-flag', args: ['del', 'a', '--nosuch'], compare: 'usage' },
];

/** Run last: deletes everything, then shows the empty keyspace. */
export const delAllSteps: Step[] = [
  { name: 'del-all-from-key', args: ['del', '--from-key', 'leased', '--prev-kv', '-w', 'json'] },
  { name: 'del-all-prefix', args: ['del', '--prefix', '', '--prev-kv'] },
  { name: 'del-all-again', args: ['del', '--from-key', '', '-w', 'fields'] },
  ...inFormats('del-all-get', ['get', '--prefix', ''], { formats: ['simple', 'json', 'fields'] }),
];
