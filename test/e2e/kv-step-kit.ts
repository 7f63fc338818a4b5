// The vocabulary of the put/get/del compatibility table (kv-steps*.ts): one Step is one command line
// run against twin server A with ectl and against twin server B with etcdctl, in table order.

/** Replaced by the endpoint of the server the command runs against (in args and env values). */
export const EP = '@EP';

/**
 * What is compared between ectl and etcdctl:
 * - `all`: stdout bytes, exit code, and the first `Error: ` line of stderr;
 * - `usage`: a command-line parse error. etcdctl 3.4 prints the usage on stdout and the error twice;
 *   main prints one `Error:` line and a hint on stderr (§1.4, main wins). The first `Error:` line and
 *   the exit code are compared, and ectl's stdout must be empty;
 * - `code`: the exit code only, and ectl's stdout must equal etcdctl's (etcdctl's message is a log
 *   line, not an `Error:` line);
 * - `none`: a behaviour only ectl has (newer etcdctl, §0.3): checked by its golden files only.
 *   etcdctl still runs (unless `etcdctl: null`) so that both servers see the same writes.
 */
export type Compare = 'all' | 'usage' | 'code' | 'none';

/** A gateway call made on both servers, in order, before the step's command (e.g. a lease grant). */
export interface Setup {
  path: string;
  body: Record<string, unknown>;
}

export interface Step {
  /** Unique; also the golden files' base name under test/golden/kv/. */
  name: string;
  /** ectl's argv. `--endpoints @EP` is put in front unless EP occurs in args or env. */
  args: string[];
  /** etcdctl's argv when it differs from args; null: etcdctl is not run (read-only ectl-only rows). */
  etcdctl?: string[] | null;
  stdin?: string | Buffer;
  env?: Record<string, string>;
  compare?: Compare;
  setup?: Setup[];
  /** true: no `--endpoints @EP` in front (the row sets its own, or none). */
  noEndpoints?: true;
  /** false: no golden files (outputs too large to keep in the repository). */
  golden?: false;
}

/** What is compared of one run: exit code, stdout as `show` renders it, the `Error:` line. */
export interface View {
  code: number | string | null;
  stdout: string;
  error?: string | undefined;
}

/**
 * A row where ectl still differs from etcdctl, for a reason to be fixed in src/: why, and exactly
 * how, as the compared fields that differ with each side's value. Every other field must be equal.
 */
export interface KnownDifference {
  why: string;
  ectl: Partial<View>;
  etcdctl: Partial<View>;
}

export const FORMATS = ['simple', 'json', 'fields', 'protobuf', 'table'] as const;
export type Format = (typeof FORMATS)[number];

/** `-w <format>` appended to args (nothing for simple). */
export function withFormat(args: string[], format: Format): string[] {
  return format === 'simple' ? args : [...args, '-w', format];
}

/**
 * One step per output format: `<name>.<format>`. With `hex`, also `<name>.hex-<format>` for every
 * format but table; `--hex -w fields` prints hex IDs and a hex lease in main (3.6+), which 3.4 does
 * not, so that row is ectl-only (its etcdctl twin still runs, keeping the servers in step).
 */
export function inFormats(
  name: string,
  args: string[],
  opts: { hex?: boolean; formats?: readonly Format[] } & Omit<Step, 'name' | 'args'> = {},
): Step[] {
  const { hex, formats = FORMATS, ...rest } = opts;
  const steps: Step[] = formats.map((f) => ({
    ...rest,
    name: `${name}.${f}`,
    args: withFormat(args, f),
  }));
  if (hex) {
    for (const f of formats.filter((x) => x !== 'table')) {
      const compare = f === 'fields' ? 'none' : rest.compare;
      const step: Step = {
        ...rest,
        name: `${name}.hex-${f}`,
        args: withFormat(['--hex', ...args], f),
      };
      if (compare) step.compare = compare;
      steps.push(step);
    }
  }
  return steps;
}

/** Base64 of raw bytes or a UTF-8 string: the gateway's encoding of keys and values. */
export function b64(data: string | Buffer): string {
  return (typeof data === 'string' ? Buffer.from(data, 'utf8') : data).toString('base64');
}

/** A put through the gateway: how keys that are not valid UTF-8 (argv cannot carry them) get in. */
export function gatewayPut(key: string | Buffer, value: string | Buffer): Setup {
  return { path: '/v3/kv/put', body: { key: b64(key), value: b64(value) } };
}

/** Lease IDs fixed by the test (granted with an explicit ID), so both servers and goldens agree. */
export const LEASE1 = 0x3a1f5e0c7b2d4e91n;
export const LEASE2 = 0x1c0ffeen;

export function hexId(id: bigint): string {
  return id.toString(16);
}

export function leaseGrant(id: bigint, ttl = 3600): Setup {
  return { path: '/v3/lease/grant', body: { TTL: String(ttl), ID: id.toString() } };
}

export function compaction(revision: number): Setup {
  return { path: '/v3/kv/compaction', body: { revision: String(revision), physical: true } };
}
