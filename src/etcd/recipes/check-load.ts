// The loads of etcdctl's `check perf` and `check datascale` (check.go, main): the workload models,
// keys as etcdctl makes them, and puts handed to a pool of concurrent workers, either at a fixed
// rate for a duration (perf) or as a fixed number as fast as the server takes them (datascale).
import type { EtcdClient } from '../client.js';
import { plainMessage } from '../errors.js';
import { sleep } from '../transport/sleep.js';
import { type LoadStats, LoadReport } from './load-report.js';
import { PutPool } from './put-pool.js';

/** A workload model's canonical name. */
export type LoadModel = 's' | 'm' | 'l' | 'xl';

const aliases: Readonly<Record<string, LoadModel>> = {
  s: 's',
  small: 's',
  m: 'm',
  medium: 'm',
  l: 'l',
  large: 'l',
  xl: 'xl',
  xLarge: 'xl',
};

/** The model a --load value names (`s` or `small`...), undefined for anything else. */
export function loadModelOf(name: string): LoadModel | undefined {
  return Object.hasOwn(aliases, name) ? aliases[name] : undefined;
}

/** check perf: `limit` puts per second from `clients` workers for `durationS` seconds. */
export interface PerfModel {
  limit: number;
  clients: number;
  durationS: number;
}

/** etcdctl main's checkPerfCfgMap. */
export const perfModels: Readonly<Record<LoadModel, PerfModel>> = {
  s: { limit: 150, clients: 50, durationS: 60 },
  m: { limit: 1000, clients: 200, durationS: 60 },
  l: { limit: 8000, clients: 500, durationS: 60 },
  xl: { limit: 15000, clients: 1000, durationS: 60 },
};

/** check datascale: `limit` puts of `kvSize` bytes (key + value) from `clients` workers. */
export interface DatascaleModel {
  limit: number;
  kvSize: number;
  clients: number;
}

/** etcdctl main's checkDatascaleCfgMap (xl: three versions of a million objects). */
export const datascaleModels: Readonly<Record<LoadModel, DatascaleModel>> = {
  s: { limit: 10_000, kvSize: 1024, clients: 50 },
  m: { limit: 100_000, kvSize: 1024, clients: 200 },
  l: { limit: 1_000_000, kvSize: 1024, clients: 500 },
  xl: { limit: 3_000_000, kvSize: 1024, clients: 1000 },
};

/** Key and value sizes: perf writes 256-byte keys and 1 KiB values, datascale 512 + 512 bytes. */
export const perfSizes = { key: 256, value: 1024 } as const;
export const datascaleSizes = { key: 512, value: 512 } as const;

/** A non-negative random below 2^63 - 1, as Go's rand.Int63n(math.MaxInt64). */
function randomInt63(): bigint {
  const hi = BigInt(Math.floor(Math.random() * 2 ** 31));
  const lo = BigInt(Math.floor(Math.random() * 2 ** 32));
  const v = (hi << 32n) | lo;
  return v === (1n << 63n) - 1n ? 0n : v;
}

/** Go's binary.PutVarint: zig-zag, then 7 bits a byte, low bits first. */
export function putVarint(buf: Uint8Array, x: bigint): number {
  let ux = BigInt.asUintN(64, x << 1n);
  if (x < 0n) ux = BigInt.asUintN(64, ~ux);
  let i = 0;
  while (ux >= 0x80n) {
    buf[i++] = Number(ux & 0x7fn) | 0x80;
    ux >>= 7n;
  }
  buf[i] = Number(ux);
  return i + 1;
}

/**
 * etcdctl's keys: the prefix, then a `size`-byte buffer that is reused for every key and starts
 * with the varint of a random number (shorter varints leave earlier bytes behind, as in Go).
 */
export function keyMaker(
  prefix: Uint8Array,
  size: number,
  random: () => bigint = randomInt63,
): () => Uint8Array {
  const buf = new Uint8Array(size);
  return () => {
    putVarint(buf, random());
    const key = new Uint8Array(prefix.length + size);
    key.set(prefix);
    key.set(buf, prefix.length);
    return key;
  };
}

/** What both loads share. */
export interface LoadOptions {
  prefix: Uint8Array;
  clients: number;
  keySize: number;
  valueSize: number;
  /** Each put's own deadline (etcdctl has none; ectl never waits forever). */
  putTimeoutMs: number;
  /** Stops generating puts; those already handed out still finish. */
  signal?: AbortSignal;
  /** Called after every put, successful or not (datascale's progress bar). */
  onPut?: () => void;
}

function pool(client: EtcdClient, opts: LoadOptions, report: LoadReport): PutPool {
  const value = new Uint8Array(opts.valueSize);
  return new PutPool(opts.clients, async (key) => {
    const started = performance.now();
    try {
      await client.unary('KV.Put', { key, value }, { deadline: Date.now() + opts.putTimeoutMs });
      report.success((performance.now() - started) / 1000);
    } catch (err) {
      report.failure(plainMessage(err));
    }
    opts.onPut?.();
  });
}

/**
 * check perf's load: `limit` puts a second (golang.org/x/time/rate with a burst of 1: a put that
 * had to wait for a free worker delays the schedule, a late timer does not) until `durationMs`
 * has passed or the signal aborts, then waits for the puts still running.
 */
export async function runRateLoad(
  client: EtcdClient,
  opts: LoadOptions & { limit: number; durationMs: number },
): Promise<LoadStats> {
  const report = new LoadReport();
  const workers = pool(client, opts, report);
  const nextKey = keyMaker(opts.prefix, opts.keySize);
  const interval = 1000 / opts.limit;
  const start = performance.now();
  const end = start + opts.durationMs;
  let due = start;
  // rate.Limiter.Wait refuses a wait that would end after the context's deadline.
  while (Math.max(due, performance.now()) <= end && !opts.signal?.aborted) {
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait, opts.signal);
    if (opts.signal?.aborted) break;
    const waited = await workers.submit(nextKey());
    due = waited ? Math.max(due + interval, performance.now()) : due + interval;
  }
  await workers.drained();
  return report.stats((performance.now() - start) / 1000);
}

/**
 * check datascale's load: `count` puts as fast as the workers take them. It stops at the first
 * failed put (the check has failed then; etcdctl goes on, or hangs on a dead cluster).
 */
export async function runCountLoad(
  client: EtcdClient,
  opts: LoadOptions & { count: number },
): Promise<LoadStats> {
  const report = new LoadReport();
  const workers = pool(client, opts, report);
  const nextKey = keyMaker(opts.prefix, opts.keySize);
  const start = performance.now();
  for (let i = 0; i < opts.count; i++) {
    if (opts.signal?.aborted || report.failed) break;
    await workers.submit(nextKey());
  }
  await workers.drained();
  return report.stats((performance.now() - start) / 1000);
}
