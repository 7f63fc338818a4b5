// What etcdctl's `check perf` and `check datascale` print on stdout (check.go and util.go, main):
// the verdict lines with their thresholds, the compaction and defragmentation lines, datascale's
// announcement and result. Pure functions of the measured numbers.
import { formatFloatF } from '../go/float.js';
import { goQuoteString } from '../go/format.js';
import type { LoadStats } from '../etcd/recipes/load-report.js';

/** Lines and the overall outcome. */
export interface Verdict {
  text: string;
  ok: boolean;
}

function errorLines(errors: ReadonlyMap<string, number>): string {
  let out = 'FAIL: too many errors\n';
  for (const [message, count] of errors) out += `FAIL: ERROR(${message}) -> ${count}\n`;
  return out;
}

/**
 * check perf's verdict: throughput above 90 % of the model's rate, no request slower than 0.5 s,
 * a standard deviation of at most 0.1 s and no error; `PASS` or `FAIL` last.
 */
export function perfVerdict(s: LoadStats, limit: number): Verdict {
  let text = '';
  let ok = true;
  if (s.errors.size > 0) {
    text += errorLines(s.errors);
    ok = false;
  }
  // Go's int(s.RPS)+1: truncated, plus one.
  const writes = Math.trunc(s.rps) + 1;
  if (s.rps / limit <= 0.9) {
    text += `FAIL: Throughput too low: ${writes} writes/s\n`;
    ok = false;
  } else {
    text += `PASS: Throughput is ${writes} writes/s\n`;
  }
  // NaN (no success at all) passes both comparisons, as in Go.
  if (s.slowest > 0.5) {
    text += `Slowest request took too long: ${formatFloatF(s.slowest, 6)}s\n`;
    ok = false;
  } else {
    text += `PASS: Slowest request took ${formatFloatF(s.slowest, 6)}s\n`;
  }
  if (s.stddev > 0.1) {
    text += `Stddev too high: ${formatFloatF(s.stddev, 6)}s\n`;
    ok = false;
  } else {
    text += `PASS: Stddev is ${formatFloatF(s.stddev, 6)}s\n`;
  }
  text += ok ? 'PASS\n' : 'FAIL\n';
  return { text, ok };
}

/** The line `check perf` prints when deleting its keys failed (it carries on). */
export function cleanupFailed(message: string): string {
  return `FAIL: Cleanup failed during key deletion: ERROR(${message})\n`;
}

/** Before and after the compaction of `--auto-compact`. */
export const compactingLine = (rev: bigint) => `Compacting with revision ${rev}\n`;
export const compactedLine = (rev: bigint) => `Compacted with revision ${rev}\n`;

/** Before and after the defragmentation of one endpoint (`--auto-defrag`). */
export const defragmentingLine = (ep: string) => `Defragmenting ${goQuoteString(ep)}\n`;
export const defragmentedLine = (ep: string) => `Defragmented ${goQuoteString(ep)}\n`;

/** check datascale's announcement of its workload. */
export function datascaleStart(limit: number, kvSize: number, clients: number): string {
  return (
    `Start data scale check for work load [${limit} key-value pairs, ${kvSize} bytes per ` +
    `key-value, ${clients} concurrent clients].\n`
  );
}

/** check datascale's failure to read the metric, `when` the puts. */
export function memoryUnreadable(when: 'before' | 'after'): string {
  return `FAIL: Could not read process_resident_memory_bytes ${when} the put operations.\n`;
}

/** check datascale's outcome: its errors, or the memory used in MiB with two decimals. */
export function datascaleVerdict(s: LoadStats, bytesBefore: number, bytesAfter: number): Verdict {
  if (s.errors.size > 0) return { text: errorLines(s.errors), ok: false };
  const mb = (bytesAfter - bytesBefore) / (1024 * 1024);
  return { text: `PASS: Approximate system memory used : ${formatFloatF(mb, 2)} MB.\n`, ok: true };
}
