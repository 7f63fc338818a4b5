// The statistics etcdctl's `check` derives from its requests (etcd's pkg/report Stats): every
// request's latency or error, then throughput over the whole run, the slowest request and the
// population standard deviation of the latencies, computed the same way so the verdicts agree.

/** What a finished run measured; times in seconds, as pkg/report's Stats. */
export interface LoadStats {
  /** Successful requests per second of the run (errors are not counted). */
  rps: number;
  slowest: number;
  fastest: number;
  average: number;
  /** Population standard deviation; NaN when no request succeeded, as in Go. */
  stddev: number;
  /** The run's length, from the first request generated to the last answer. */
  totalSeconds: number;
  succeeded: number;
  /** Error text → count, in the order the errors were first seen. */
  errors: Map<string, number>;
}

/** Collects results while a load runs. */
export class LoadReport {
  private readonly lats: number[] = [];
  private readonly errors = new Map<string, number>();

  /** A request that succeeded after `seconds`. */
  success(seconds: number): void {
    this.lats.push(seconds);
  }

  /** A request that failed with `message`. */
  failure(message: string): void {
    this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
  }

  /** Whether any request has failed. */
  get failed(): boolean {
    return this.errors.size > 0;
  }

  /** The statistics of a run that lasted `totalSeconds`. */
  stats(totalSeconds: number): LoadStats {
    return computeStats(this.lats, this.errors, totalSeconds);
  }
}

/** pkg/report's processResults over a list of latencies (seconds). */
export function computeStats(
  latencies: readonly number[],
  errors: ReadonlyMap<string, number>,
  totalSeconds: number,
): LoadStats {
  const n = latencies.length;
  let sum = 0;
  let slowest = 0;
  let fastest = n > 0 ? Infinity : 0;
  for (const l of latencies) {
    sum += l;
    if (l > slowest) slowest = l;
    if (l < fastest) fastest = l;
  }
  // 0/0 is NaN in Go too: a run without a single success prints "Stddev is NaNs".
  const average = sum / n;
  let squares = 0;
  for (const l of latencies) squares += (l - average) * (l - average);
  return {
    rps: n / totalSeconds,
    slowest,
    fastest,
    average,
    stddev: Math.sqrt(squares / n),
    totalSeconds,
    succeeded: n,
    errors: new Map(errors),
  };
}
