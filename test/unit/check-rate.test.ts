// check perf's rate-limited load and datascale's counted one, against a stand-in client whose puts
// take a chosen time: the rate holds, a slow server slows the load down instead of being
// flooded, an abort stops generating, and datascale stops at its first failed put.
import { describe, expect, it } from 'vitest';
import type { EtcdClient } from '../../src/etcd/client.js';
import { runCountLoad, runRateLoad } from '../../src/etcd/recipes/check-load.js';
import { EtcdError } from '../../src/etcd/errors.js';

function standIn(putMs: number | (() => number), fail?: (n: number) => boolean) {
  const state = { puts: 0, running: 0, most: 0, keys: new Set<string>() };
  const client = {
    async unary(method: string, req: { key: Uint8Array; value: Uint8Array }) {
      expect(method).toBe('KV.Put');
      const n = ++state.puts;
      state.keys.add(Buffer.from(req.key).toString('hex'));
      state.running++;
      state.most = Math.max(state.most, state.running);
      await new Promise((r) => setTimeout(r, typeof putMs === 'number' ? putMs : putMs()));
      state.running--;
      if (fail?.(n)) throw new EtcdError('etcdserver: too many requests', 8, 'x');
      return {};
    },
  } as unknown as EtcdClient;
  return { client, state };
}

const base = {
  prefix: new TextEncoder().encode('/t/'),
  keySize: 16,
  valueSize: 8,
  putTimeoutMs: 1000,
};

describe('runRateLoad', () => {
  it('puts at the rate for the duration (a burst of one: one put at t=0, then each 1/rate)', async () => {
    const { client, state } = standIn(2);
    const s = await runRateLoad(client, { ...base, clients: 10, limit: 200, durationMs: 1000 });
    // 201 in an ideal world; a loaded machine may lose a few to late timers.
    expect(state.puts).toBeGreaterThanOrEqual(185);
    expect(state.puts).toBeLessThanOrEqual(201);
    expect(s.succeeded).toBe(state.puts);
    expect(s.errors.size).toBe(0);
    expect(s.rps).toBeGreaterThan(170);
    expect(s.rps).toBeLessThanOrEqual(202);
    expect(state.keys.size).toBe(state.puts);
  });

  it('a slow server slows the load: N workers + N waiting, no catching up afterwards', async () => {
    // 2 workers of 100 ms each: at most 20 puts a second, whatever the rate asked.
    const { client, state } = standIn(100);
    const s = await runRateLoad(client, { ...base, clients: 2, limit: 1000, durationMs: 1000 });
    expect(state.most).toBe(2);
    expect(state.puts).toBeGreaterThanOrEqual(15);
    expect(state.puts).toBeLessThanOrEqual(24);
    expect(s.rps).toBeLessThan(25);
  });

  it('after a slow spell the rate goes on from now: the puts missed are not made up', async () => {
    // 100 ms puts for the first half second, 1 ms after: one worker manages ~6, then 100/s.
    const t0 = performance.now();
    const { client, state } = standIn(() => (performance.now() - t0 < 500 ? 100 : 1));
    await runRateLoad(client, { ...base, clients: 1, limit: 100, durationMs: 1500 });
    // Catching up would add the ~45 puts the slow spell missed (~150 in all).
    expect(state.puts).toBeGreaterThan(80);
    expect(state.puts).toBeLessThanOrEqual(115);
  });

  it('stops generating when the signal aborts, and waits for the puts under way', async () => {
    const { client, state } = standIn(50);
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 300);
    const t0 = performance.now();
    const s = await runRateLoad(client, {
      ...base,
      clients: 5,
      limit: 100,
      durationMs: 10_000,
      signal: stop.signal,
    });
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(state.running).toBe(0);
    expect(state.puts).toBeGreaterThan(20);
    expect(state.puts).toBeLessThan(40);
    expect(s.succeeded).toBe(state.puts);
  });
});

describe('runCountLoad', () => {
  it('puts exactly the count, N at a time, and calls onPut for each', async () => {
    const { client, state } = standIn(1);
    let seen = 0;
    const s = await runCountLoad(client, { ...base, clients: 7, count: 300, onPut: () => seen++ });
    expect(state.puts).toBe(300);
    expect(seen).toBe(300);
    expect(state.most).toBe(7);
    expect(s.succeeded).toBe(300);
  });

  it('stops at the first failed put, counting the failures of the puts under way', async () => {
    const { client, state } = standIn(5, (n) => n >= 20);
    const s = await runCountLoad(client, { ...base, clients: 4, count: 10_000 });
    expect(state.puts).toBeLessThan(40);
    expect(s.errors.get('etcdserver: too many requests')).toBeGreaterThanOrEqual(1);
    expect(s.succeeded + (s.errors.get('etcdserver: too many requests') ?? 0)).toBe(state.puts);
  });
});
