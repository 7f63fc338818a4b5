// The table of watch's compatibility suite (watch.test.ts): each case is one watch run with ectl on
// twin server A and etcdctl on twin B, after the same history was written to both.
import { b64, gateway, type EtcdNode } from '../harness/etcd.js';

export interface WatchCase {
  name: string;
  /** argv after `--endpoints <server>`. */
  args: string[];
  env?: Record<string, string>;
  /** Written to stdin step by step, each once the output settled; then stdin is closed. */
  stdin?: string[];
  /** The step writing `progress` waits until this appears on stdout. */
  waitFor?: RegExp;
  /** Ends by itself (an error, a cancellation); otherwise SIGINT once the output settled. */
  ends?: true;
  /** `none`: ectl only (newer than etcdctl 3.4), checked against its golden files. */
  compare?: 'none';
  /** -i: asynchronous cancellations interleave with the line errors: compare stderr sorted. */
  sortStderr?: true;
}

const raw = (s: string) => Buffer.from(s, 'latin1').toString('base64');

/** The same history on each server: puts, a binary key, a lease, a txn, deletes, a compaction. */
export async function writeHistory(node: EtcdNode): Promise<void> {
  const put = (key: string, value: string, lease?: number) =>
    gateway(node, '/v3/kv/put', { key: raw(key), value: raw(value), ...(lease ? { lease } : {}) });
  await put('a', '1'); // rev 2
  await put('b\xff', 'v\n"x"\t\x01'); // rev 3
  await gateway(node, '/v3/lease/grant', { TTL: 100000, ID: 4660 });
  await put('c', 'with lease', 4660); // rev 4
  await put('a', '2'); // rev 5
  const txn = [
    { request_put: { key: b64('d'), value: b64('t') } },
    { request_delete_range: { key: b64('a') } },
  ];
  await gateway(node, '/v3/kv/txn', { success: txn }); // rev 6: two events
  await gateway(node, '/v3/kv/put', { key: b64('\u00e9/k'), value: b64('\u00fc') }); // rev 7, UTF-8
  await gateway(node, '/v3/kv/deleterange', { key: b64('b'), range_end: raw('c\x00') }); // rev 8
  await put('zz-end', 'end'); // rev 9
  await gateway(node, '/v3/kv/compaction', { revision: 2 });
}

const FORMATS = ['simple', 'json', 'fields', 'protobuf'] as const;
const w = (f: string) => (f === 'simple' ? [] : ['-w', f]);
const all = ['watch', '--prefix', '', '--rev', '2'];
const show =
  'printf "%s|%s|%s|%s\\n" "$ETCD_WATCH_REVISION" "$ETCD_WATCH_EVENT_TYPE" "$ETCD_WATCH_KEY" "$ETCD_WATCH_VALUE"';

export const cases: WatchCase[] = [
  ...FORMATS.map((f) => ({ name: `all.${f}`, args: [...all, ...w(f)] })),
  ...FORMATS.map((f) => ({ name: `prev-kv.${f}`, args: [...all, '--prev-kv', ...w(f)] })),
  ...FORMATS.map((f) => ({
    name: `hex.${f}`,
    args: ['--hex', ...all, '--prev-kv', ...w(f)],
    // --hex in fields output is etcd 3.6+: hex IDs and lease.
    ...(f === 'fields' ? { compare: 'none' as const } : {}),
  })),
  ...FORMATS.map((f) => ({
    name: `compacted.${f}`,
    args: ['watch', 'a', '--rev', '1', ...w(f)],
    ends: true as const,
  })),
  { name: 'key', args: ['watch', 'a', '--rev', '2'] },
  { name: 'range', args: ['watch', 'b', 'd', '--rev', '2', '-w', 'fields'] },
  { name: 'range-dropped', args: ['watch', 'a', 'zz', 'x', '--rev', '2'] },
  { name: 'utf8-key', args: ['watch', '\u00e9/k', '--rev', '2', '-w', 'json'] },
  { name: 'progress-notify', args: [...all, '--progress-notify'], compare: 'none' },
  { name: 'table', args: [...all, '-w', 'table'], ends: true },
  {
    name: 'env-key',
    args: ['watch', '--rev', '2'],
    env: { ETCDCTL_WATCH_KEY: 'a', ETCDCTL_WATCH_RANGE_END: 'c' },
  },
  { name: 'env-conflict', args: ['watch', 'x'], env: { ETCDCTL_WATCH_KEY: 'a' }, ends: true },
  { name: 'env-range-only', args: ['watch'], env: { ETCDCTL_WATCH_RANGE_END: 'w"z' }, ends: true },
  { name: 'no-key', args: ['watch'], ends: true },
  { name: 'no-key-flags', args: ['watch', '--prev-kv'], ends: true },
  { name: 'separator-last', args: ['watch', 'a', '--'], ends: true },
  { name: 'prefix-and-range', args: ['watch', '--prefix', 'a', 'b'], ends: true },
  { name: 'exec', args: [...all, '--', 'sh', '-c', show] },
  {
    name: 'exec-env-key',
    args: ['watch', '--rev', '2', '--', 'sh', '-c', show],
    env: { ETCDCTL_WATCH_KEY: 'd' },
  },
  {
    name: 'exec-fails',
    args: ['watch', 'a', '--rev', '2', '--', 'sh', '-c', 'exit 7'],
    ends: true,
  },
  {
    name: 'exec-missing',
    args: ['watch', 'a', '--rev', '2', '--', 'no-such-cmd-ectl'],
    ends: true,
  },
  {
    name: 'interactive',
    args: ['watch', '-i', '--rev', '5'],
    stdin: [
      'watch --rev 2 a\nwatch d\n\nfoo\nwatch\nwatch b a\nwatch --prefix a b\nwatch -- echo\n',
    ],
    sortStderr: true,
  },
  // Not with `watch b a` above: the Go client then also reports that cancellation again for any
  // watch of the stream that ends later (a stale stream-wide error); ectl reports each once.
  {
    name: 'interactive-compacted',
    args: ['watch', '-i', '-w', 'json'],
    stdin: ['watch --rev 1 a\n'],
  },
  {
    name: 'interactive-progress',
    args: ['watch', '-i', '-w', 'json'],
    stdin: ['watch --rev 2 --prev-kv d zz -- sh -c "echo \\"$ETCD_WATCH_KEY\\""\n', 'progress\n'],
    waitFor: /progress notify: 9\n\{.*\}\n/,
  },
  // etcdctl 3.4 cuts single-quoted words short (fixed in 3.5.28/3.6.9): it watches another key.
  {
    name: 'interactive-exec-quotes',
    compare: 'none',
    args: ['watch', '-i'],
    stdin: ["watch --rev 2 'd' -- sh -c 'echo \"$ETCD_WATCH_VALUE\"'\n"],
  },
  { name: 'interactive-bad-flag', args: ['watch', '-i'], stdin: ['watch --bogus k\n'], ends: true },
  { name: 'interactive-bad-quote', args: ['watch', '-i'], stdin: ['watch "a\\qb"\n'], ends: true },
  { name: 'interactive-no-newline', args: ['watch', '-i'], stdin: ['watch --rev 2 a'], ends: true },
];
