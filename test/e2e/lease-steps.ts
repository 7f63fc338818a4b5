// The lease compatibility table: every sub-command in every format (and `--hex -w fields`, hex IDs
// in main), the errors of each, run by ectl on twin A and etcdctl on twin B in table order. Leases
// are granted with fixed IDs through the gateway, so only `lease grant`'s own IDs and remaining
// TTLs need normalising (test/helpers/golden.ts).

/** Leases every row may use, granted on both servers before the first row (3600 s). */
export const L1 = 0x3a1f5e0c7b2d4e91n; // with the key lk1 attached
export const L2 = 0x1c0ffeen; // no keys
export const UNKNOWN = '1234';
const hex = (id: bigint) => id.toString(16);

export interface Setup {
  path: string;
  body: Record<string, unknown>;
}

/**
 * What is compared with etcdctl: `all` stdout, exit code and the `Error:` line; `stdout` stdout
 * only (the exit code differs on purpose); `none` nothing (main behaviour 3.4 lacks; goldens only).
 */
export type Compare = 'all' | 'stdout' | 'none';

export interface Step {
  name: string;
  /** After `--endpoints <twin>`. */
  args: string[];
  setup?: Setup[];
  compare?: Compare;
  /**
   * grant: normalise the new lease's ID and revoke it after the row; ttl: the remaining TTL;
   * list: the order of the leases (the server's map order).
   */
  normalise?: 'grant' | 'ttl' | 'list';
}

const FORMATS = ['simple', 'json', 'fields', 'protobuf', 'table'] as const;

/** One row per format, plus `--hex -w fields` (main prints hex IDs there; 3.4 does not). */
function inFormats(name: string, args: string[], extra: Omit<Step, 'name' | 'args'> = {}): Step[] {
  const rows: Step[] = FORMATS.map((f) => ({
    ...extra,
    name: `${name}.${f}`,
    args: f === 'simple' ? args : [...args, '-w', f],
    ...(extra.setup ? { setup: extra.setup.map((s) => withFormatId(s, f)) } : {}),
  }));
  const setup = extra.setup?.map((s) => withFormatId(s, 'hex'));
  rows.push({
    ...extra,
    name: `${name}.hex-fields`,
    args: ['--hex', ...args, '-w', 'fields'],
    compare: 'none',
    ...(setup ? { setup } : {}),
  });
  return rows.map((r) => ({ ...r, args: r.args.map((a) => a.replace('@F', formatId(r.name))) }));
}

// Rows that revoke need a lease of their own: its ID is derived from the row's format.
const formatIds: Record<string, bigint> = {
  simple: 0x5e0001n,
  json: 0x5e0002n,
  fields: 0x5e0003n,
  protobuf: 0x5e0004n,
  table: 0x5e0005n,
  hex: 0x5e0006n,
};

function formatId(name: string): string {
  const f = name.includes('hex-') ? 'hex' : name.slice(name.lastIndexOf('.') + 1);
  return hex(formatIds[f] ?? 0n);
}

function withFormatId(s: Setup, f: string): Setup {
  return s.body.ID === '@F' ? { ...s, body: { ...s.body, ID: String(formatIds[f]) } } : s;
}

const grantFixed = (id: bigint | '@F', ttl = 3600): Setup => ({
  path: '/v3/lease/grant',
  body: { TTL: String(ttl), ID: String(id) },
});

/** Gateway calls made on both servers before the first row. */
export const initial: Setup[] = [
  grantFixed(L1),
  grantFixed(L2),
  {
    path: '/v3/kv/put',
    body: { key: Buffer.from('lk1').toString('base64'), value: 'dg==', lease: L1.toString() },
  },
];

const errorRow = (name: string, args: string[]): Step => ({ name, args });

export const steps: Step[] = [
  ...inFormats('list', ['lease', 'list'], { normalise: 'list' }),
  ...inFormats('timetolive', ['lease', 'timetolive', hex(L1)], { normalise: 'ttl' }),
  ...inFormats('timetolive-keys', ['lease', 'timetolive', '--keys', hex(L1)], {
    normalise: 'ttl',
  }),
  ...inFormats('timetolive-nokeys', ['lease', 'timetolive', '--keys', hex(L2)], {
    normalise: 'ttl',
  }),
  ...inFormats('timetolive-expired', ['lease', 'timetolive', UNKNOWN]),
  ...inFormats('keepalive-once', ['lease', 'keep-alive', '--once', hex(L1)]),
  ...inFormats('grant', ['lease', 'grant', '100'], { normalise: 'grant' }),
  ...inFormats('revoke', ['lease', 'revoke', '@F'], { setup: [grantFixed('@F')] }),
  { name: 'list.extra-arg', args: ['lease', 'list', 'ignored'], normalise: 'list' },
  { name: 'grant.zero', args: ['lease', 'grant', '0'], normalise: 'grant' },
  { name: 'grant.negative', args: ['lease', 'grant', '--', '-5'], normalise: 'grant' },
  // "expired or revoked." (simple only) and exit 0, as etcdctl; exit 1 under ectl's --strict.
  { name: 'keepalive-unknown.simple', args: ['lease', 'keep-alive', UNKNOWN] },
  { name: 'keepalive-unknown.json', args: ['lease', 'keep-alive', UNKNOWN, '-w', 'json'] },
  {
    name: 'keepalive-unknown.strict-simple',
    args: ['--strict', 'lease', 'keep-alive', UNKNOWN],
    compare: 'none',
  },
  {
    name: 'keepalive-unknown.strict-json',
    args: ['--strict', 'lease', 'keep-alive', UNKNOWN, '-w', 'json'],
    compare: 'none',
  },
  errorRow('keepalive-once-unknown', ['lease', 'keep-alive', '--once', UNKNOWN]),
  errorRow('grant.no-arg', ['lease', 'grant']),
  errorRow('grant.two-args', ['lease', 'grant', '1', '2']),
  errorRow('grant.bad-ttl', ['lease', 'grant', 'abc']),
  errorRow('grant.hex-ttl', ['lease', 'grant', '0x10']),
  errorRow('grant.too-large', ['lease', 'grant', '9000000001']),
  errorRow('revoke.no-arg', ['lease', 'revoke']),
  errorRow('revoke.bad-id', ['lease', 'revoke', 'zz']),
  errorRow('revoke.unknown', ['lease', 'revoke', UNKNOWN]),
  errorRow('revoke.overflow', ['lease', 'revoke', '8000000000000000']),
  errorRow('timetolive.no-arg', ['lease', 'timetolive']),
  errorRow('timetolive.bad-id', ['lease', 'timetolive', '0xzz']),
  errorRow('keepalive.no-arg', ['lease', 'keep-alive']),
  errorRow('keepalive.bad-id', ['lease', 'keep-alive', 'g']),
  errorRow('keepalive.bad-format', ['-w', 'yaml', 'lease', 'keep-alive', hex(L1)]),
];
