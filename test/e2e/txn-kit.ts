// The vocabulary of the txn compatibility table (txn-steps.ts); its golden files
// (test/golden/txn/<step>.{stdout,stderr,code}) are kept by txn.test.ts.

/**
 * What twin server B runs, so that both servers see the same writes:
 * - `etcdctl` (default): etcdctl with the same input; stdout, exit code and the first `Error:`
 *   line are compared (3.4's JSON keys `ResponsePut`… mapped to main's `response_put`…);
 * - `etcdctl-only-runs`: etcdctl runs but is not compared (it panics or has the 3.4 behaviour
 *   main fixed, and writes what ectl writes or nothing); ectl is checked by its goldens;
 * - `ectl`: ectl again (etcdctl would write something else, e.g. the 3.4 single-quote bug);
 * - `none`: nothing (etcdctl hangs, or would write what ectl refuses to write).
 */
export type Ref = 'etcdctl' | 'etcdctl-only-runs' | 'ectl' | 'none';

export interface Step {
  /** Unique; the golden files' base name. */
  name: string;
  /** stdin of `txn`: the transaction text. */
  input: string | Buffer;
  /** Flags after `txn` (e.g. `-w json`, `-i`); global flags go in `pre`. */
  args?: string[];
  pre?: string[];
  ref?: Ref;
  /** Gateway calls made on both servers first (keys that argv cannot carry, leases). */
  setup?: { path: string; body: Record<string, unknown> }[];
  /** Exit code ectl must have (checked besides the goldens, for the ectl-only rows). */
  code?: number;
}

/** A transaction's text: each section's lines, each section ended by an empty line. */
export function txn(compares: string[], success: string[], failure: string[] = []): string {
  return [compares, success, failure].map((s) => s.map((l) => `${l}\n`).join('') + '\n').join('');
}

/** A write placed before or after every bad line: it must never reach the server. */
export const NEVER = 'put t/never/k x';

export const FORMATS = ['simple', 'json', 'fields', 'protobuf'] as const;

/** One step per output format (and with `hex`, `--hex` in each); `table` fails after the commit. */
export function inFormats(name: string, input: string, opts: { hex?: boolean } = {}): Step[] {
  const steps: Step[] = [];
  for (const f of [...FORMATS, 'table'] as const) {
    steps.push({ name: `${name}.${f}`, input, args: f === 'simple' ? [] : ['-w', f] });
  }
  for (const f of opts.hex ? FORMATS : []) {
    const args = f === 'simple' ? [] : ['-w', f];
    // `--hex -w fields` prints hex IDs and leases in main (3.6+), not in 3.4.
    const ref: Ref = f === 'fields' ? 'etcdctl-only-runs' : 'etcdctl';
    steps.push({ name: `${name}.hex-${f}`, input, pre: ['--hex'], args, ref });
  }
  return steps;
}

/** 3.4 names the oneof members by their Go field names; 3.5+ and main by their proto names. */
export function mainJsonKeys(stdout: Buffer): Buffer {
  const text = stdout.toString('latin1');
  const mapped = text.replace(
    /"Response":\{"Response(Range|Put|DeleteRange|Txn)":/g,
    (_, kind: string) =>
      `"Response":{"response_${kind.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()}":`,
  );
  return Buffer.from(mapped, 'latin1');
}
