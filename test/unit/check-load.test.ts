// The pieces of `check`'s load generator that need no etcd: the models and their aliases, keys as
// etcdctl builds them (binary.PutVarint into a reused buffer), pkg/report's statistics, the worker
// pool's channel semantics and the reading of /metrics.
import { describe, expect, it } from 'vitest';
import {
  datascaleModels,
  keyMaker,
  loadModelOf,
  perfModels,
  putVarint,
} from '../../src/etcd/recipes/check-load.js';
import { computeStats } from '../../src/etcd/recipes/load-report.js';
import { PutPool } from '../../src/etcd/recipes/put-pool.js';
import { metricsUrl, residentMemoryOf } from '../../src/etcd/recipes/memory-metric.js';

describe('load models', () => {
  it.each([
    ['s', 's'],
    ['small', 's'],
    ['m', 'm'],
    ['medium', 'm'],
    ['l', 'l'],
    ['large', 'l'],
    ['xl', 'xl'],
    ['xLarge', 'xl'],
  ])('--load %s is %s', (name, model) => {
    expect(loadModelOf(name)).toBe(model);
  });

  it.each(['', 'S', 'xlarge', 'XL', 'huge', 'toString', '__proto__'])('--load %j is none', (n) => {
    expect(loadModelOf(n)).toBeUndefined();
  });

  it("has etcdctl main's thresholds", () => {
    expect(perfModels).toEqual({
      s: { limit: 150, clients: 50, durationS: 60 },
      m: { limit: 1000, clients: 200, durationS: 60 },
      l: { limit: 8000, clients: 500, durationS: 60 },
      xl: { limit: 15000, clients: 1000, durationS: 60 },
    });
    expect(datascaleModels.s).toEqual({ limit: 10000, kvSize: 1024, clients: 50 });
    expect(datascaleModels.xl).toEqual({ limit: 3000000, kvSize: 1024, clients: 1000 });
  });
});

describe('keys', () => {
  it.each([
    [0n, '00'],
    [1n, '02'],
    [-1n, '01'],
    [63n, '7e'],
    [64n, '8001'],
    [9223372036854775806n, 'fcffffffffffffffff01'],
  ])('PutVarint(%s) is %s', (x, hex) => {
    const buf = new Uint8Array(10);
    const n = putVarint(buf, x);
    expect(Buffer.from(buf.subarray(0, n)).toString('hex')).toBe(hex);
  });

  it('are the prefix and a reused buffer: a short varint leaves the longer one behind', () => {
    const randoms = [9223372036854775806n, 1n];
    const next = keyMaker(new TextEncoder().encode('/p/'), 12, () => randoms.shift()!);
    const a = next();
    const b = next();
    expect(Buffer.from(a).toString('hex')).toBe('2f702f' + 'fcffffffffffffffff01' + '0000');
    expect(Buffer.from(b).toString('hex')).toBe('2f702f' + '02ffffffffffffffff01' + '0000');
    // Each key is its own copy.
    expect(a[3]).toBe(0xfc);
  });

  it('are random by default', () => {
    const next = keyMaker(new Uint8Array(0), 256);
    const seen = new Set(Array.from({ length: 1000 }, () => Buffer.from(next()).toString('hex')));
    expect(seen.size).toBe(1000);
    expect(next().length).toBe(256);
  });
});

describe('pkg/report statistics', () => {
  it('throughput over the whole run, slowest, population stddev', () => {
    const s = computeStats([0.1, 0.3, 0.2], new Map(), 1.5);
    expect(s.rps).toBe(2);
    expect(s.slowest).toBe(0.3);
    expect(s.fastest).toBe(0.1);
    expect(s.average).toBeCloseTo(0.2, 12);
    expect(s.stddev).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
    expect(s.succeeded).toBe(3);
  });

  it('without a success: rps 0, slowest 0 and a NaN stddev, as in Go', () => {
    const s = computeStats([], new Map([['context deadline exceeded', 4]]), 2);
    expect(s).toMatchObject({ rps: 0, slowest: 0, fastest: 0, succeeded: 0 });
    expect(s.stddev).toBeNaN();
    expect([...s.errors]).toEqual([['context deadline exceeded', 4]]);
  });
});

describe('the worker pool', () => {
  it('runs N at once, holds N more and makes the N+1th submitter wait', async () => {
    const release: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const pool = new PutPool<number>(2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => release.push(r));
      running--;
      done.push(n);
    });
    const waited: boolean[] = [];
    for (const n of [1, 2, 3, 4]) waited.push(await pool.submit(n));
    expect(waited).toEqual([false, false, false, false]);
    expect(running).toBe(2);
    let fifthTaken = false;
    const fifth = pool.submit(5).then((w) => {
      fifthTaken = true;
      return w;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(fifthTaken).toBe(false);
    release.shift()!();
    expect(await fifth).toBe(true);
    const drained = pool.drained();
    while (done.length < 5) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    await drained;
    expect(done.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('is drained at once when idle', async () => {
    await new PutPool(3, async () => undefined).drained();
  });
});

describe('/metrics', () => {
  it.each([
    ['127.0.0.1:2379', 'http://127.0.0.1:2379/metrics'],
    ['http://h:1', 'http://h:1/metrics'],
    ['https://h:1', 'https://h:1/metrics'],
    ['http://h:1/', 'http://h:1//metrics'],
  ])('the URL of %s is %s', (ep, url) => {
    expect(metricsUrl(ep)).toBe(url);
  });

  const exposition = (value: string) =>
    '# HELP process_resident_memory_bytes Resident memory size in bytes.\n' +
    '# TYPE process_resident_memory_bytes gauge\n' +
    `process_resident_memory_bytes ${value}\n` +
    'process_start_time_seconds 1.7e+09\n';

  it('reads process_resident_memory_bytes', () => {
    expect(residentMemoryOf(exposition('4.5219e+07'))).toEqual({ bytes: 45219000 });
  });

  it.each([
    ['process_virtual_memory_bytes 1\n', 'could not find: process_resident_memory_bytes'],
    [exposition(''), 'could not find: process_resident_memory_bytes'],
    [exposition('lots'), 'parse error: strconv.ParseFloat: parsing "lots": invalid syntax'],
  ])('reports a missing or bad value as etcdctl', (body, problem) => {
    expect(residentMemoryOf(body)).toEqual({ bytes: 0, problem });
  });
});
