// lease keep-alive, lock and elect under faults on a 3-member cluster: the etcd leader killed under
// a running keep-alive and a held lock, lock and leadership handed over after their holder is
// SIGKILLed (within TTL + 2 s), and a dead cluster reported as an error rather than a hang.
import { afterAll, describe, expect, it } from 'vitest';
import { useCluster, type EtcdNode } from '../harness/etcd.js';
import { runEctl, spawnEctl } from '../harness/run.js';
import {
  eventually,
  expectRunning,
  keysUnder,
  killAll,
  leaseTtl,
  msUntil,
  sleep,
} from './concurrency-kit.js';
import { refusedEndpoint } from './util.js';

const c = useCluster(3);
/** Every endpoint, with `first` in front: the CLI's streams start on that member. */
const eps = (first?: EtcdNode) =>
  [first, ...c.cluster.nodes.filter((n) => n !== first)]
    .filter((n): n is EtcdNode => n !== undefined && n.isRunning())
    .map((n) => n.endpoint)
    .join(',');

afterAll(async () => {
  // Other suites may share nothing with this cluster, but leave it whole for any later test.
  await Promise.all(c.cluster.nodes.filter((n) => !n.isRunning()).map((n) => n.restart()));
}, 30_000);

describe('holders outlive the death of the etcd leader', () => {
  it('keep-alive keeps its lease and a held lock stays held, 3 TTLs after the leader is killed', async () => {
    const leader = await c.cluster.leader();
    const grant = await runEctl(['--endpoints', eps(leader), 'lease', 'grant', '3']);
    const id = /^lease ([0-9a-f]{16}) granted with TTL\(3s\)\n$/.exec(grant.stdout.toString())![1]!;
    const ka = spawnEctl(['--endpoints', eps(leader), 'lease', 'keep-alive', id]);
    const holder = spawnEctl(['--endpoints', eps(leader), 'lock', '--ttl', '2', 'fault/lock']);
    let waiter;
    try {
      await ka.waitFor(/keepalived with TTL\(3\)\n/);
      await holder.waitFor(/^fault\/lock\/[0-9a-f]+\n\n$/);
      waiter = spawnEctl(['--endpoints', eps(), 'lock', '--ttl', '2', 'fault/lock', 'echo', 'got']);
      await eventually(
        async () => (await keysUnder(leader, 'fault/lock/')).length === 2,
        5000,
        'waiter queued',
      );
      await leader.kill();
      const survivor = c.cluster.nodes.find((n) => n.isRunning())!;
      await sleep(9000);
      expectRunning(ka);
      expectRunning(holder);
      expectRunning(waiter);
      expect(await leaseTtl(survivor, id)).toBeGreaterThan(0);
      expect(waiter.stdout()).toBe('');
      // Renewals go on through the survivors (the leader was the stream's first endpoint).
      const renewals = ka.stdout().split('\n').filter(Boolean).length;
      await sleep(1500);
      expect(ka.stdout().split('\n').filter(Boolean).length).toBeGreaterThan(renewals);
      // Released on SIGINT: the waiter gets the lock at once.
      const holderExit = holder.kill('SIGINT'); // timed from the signal
      expect(await msUntil(waiter, /^got\n$/, 5000)).toBeLessThan(1000);
      await holderExit;
      expect((await waiter.exited).code).toBe(0);
      expect((await holder.exited).code).toBe(0);
      // Revoked: keep-alive reports the expiry (etcdctl's line) and exits 0, as etcdctl.
      await runEctl(['--endpoints', eps(), 'lease', 'revoke', id]);
      expect(await ka.exited).toEqual({ code: 0, signal: null });
      expect(ka.stdout()).toMatch(new RegExp(`\nlease ${id} expired or revoked\\.\n$`));
    } finally {
      await killAll(ka, holder, waiter);
      await leader.restart();
    }
  }, 40_000);
});

describe('a frozen member (SIGSTOP: no error, no answer)', () => {
  it('keep-alive moves its stream to another member and the lease lives on', async () => {
    const leader = await c.cluster.leader();
    const frozen = c.cluster.nodes.find((n) => n !== leader)!;
    const grant = await runEctl(['--endpoints', eps(frozen), 'lease', 'grant', '3']);
    const id = /^lease ([0-9a-f]{16}) /.exec(grant.stdout.toString())![1]!;
    const ka = spawnEctl(['--endpoints', eps(frozen), 'lease', 'keep-alive', id]);
    try {
      await ka.waitFor(/keepalived with TTL\(3\)\n/);
      process.kill(frozen.pid, 'SIGSTOP');
      try {
        const renewals = ka.stdout().length;
        await sleep(6000);
        expect(ka.stdout().length).toBeGreaterThan(renewals);
        expect(await leaseTtl(leader, id)).toBeGreaterThan(0);
        expectRunning(ka);
      } finally {
        process.kill(frozen.pid, 'SIGCONT');
      }
    } finally {
      await killAll(ka);
    }
  }, 20_000);
});

describe('hand-over after a holder is SIGKILLed', () => {
  it('the next waiter holds the lock within TTL + 2 s', async () => {
    const holder = spawnEctl(['--endpoints', eps(), 'lock', '--ttl', '2', 'fault/kill']);
    let waiter;
    try {
      await holder.waitFor(/^fault\/kill\//);
      waiter = spawnEctl(['--endpoints', eps(), 'lock', '--ttl', '2', 'fault/kill']);
      const node = c.cluster.nodes[0]!;
      await eventually(
        async () => (await keysUnder(node, 'fault/kill/')).length === 2,
        5000,
        'queued',
      );
      const holderExit = holder.kill('SIGKILL'); // timed from the signal
      const ms = await msUntil(waiter, /^fault\/kill\/[0-9a-f]+\n\n$/, 6000);
      await holderExit;
      expect(ms).toBeLessThan(4000);
      await waiter.kill('SIGTERM');
      expect((await waiter.exited).code).toBe(0);
      expect(await keysUnder(node, 'fault/kill/')).toEqual([]);
    } finally {
      await killAll(holder, waiter);
    }
  });

  it('a candidate is elected within TTL + 2 s of the leader being SIGKILLed; observers follow', async () => {
    const base = ['--endpoints', eps(), 'elect', '--ttl', '2', 'fault/el'];
    const a = spawnEctl([...base, 'alpha']);
    let b, obs;
    try {
      await a.waitFor(/^fault\/el\/[0-9a-f]+\nalpha\n$/);
      obs = spawnEctl(['--endpoints', eps(), 'elect', '-l', 'fault/el']);
      await obs.waitFor(/alpha\n$/);
      b = spawnEctl([...base, 'beta']);
      const node = c.cluster.nodes[1]!;
      await eventually(
        async () => (await keysUnder(node, 'fault/el/')).length === 2,
        5000,
        'queued',
      );
      const aExit = a.kill('SIGKILL'); // timed from the signal
      expect(await msUntil(b, /^fault\/el\/[0-9a-f]+\nbeta\n$/, 6000)).toBeLessThan(4000);
      await aExit;
      await obs.waitFor(/alpha\nfault\/el\/[0-9a-f]+\nbeta\n$/, { timeoutMs: 2000 });
      await b.kill('SIGINT');
      expect((await b.exited).code).toBe(0);
      expect(await keysUnder(node, 'fault/el/')).toEqual([]);
      await obs.kill('SIGINT');
      expect(await obs.exited).toEqual({ code: 0, signal: null });
    } finally {
      await killAll(a, b, obs);
    }
  });
});

describe('a dead cluster is an error, not a hang nor "expired"', () => {
  const quick = ['--dial-timeout', '1s', '--command-timeout', '1s'];
  it.concurrent.each([
    [['lock', 'dead'], 1],
    [['lock', 'dead', 'true'], 1],
    [['elect', 'dead', 'p'], 1],
    [['elect', '-l', 'dead'], 1],
    [['lease', 'keep-alive', '1234'], 2],
    [['lease', 'keep-alive', '--once', '1234'], 2],
  ])('%j exits %i with context deadline exceeded', async (args, code) => {
    const res = await runEctl(['--endpoints', await refusedEndpoint(), ...quick, ...args]);
    expect(res.stderr).toMatch(
      /^Error: context deadline exceeded \(127\.0\.0\.1:\d+: connection refused\)\n$/,
    );
    expect(res.code).toBe(code);
    expect(res.stdout.toString()).toBe('');
    expect(res.ms).toBeLessThan(4000);
  });
});
