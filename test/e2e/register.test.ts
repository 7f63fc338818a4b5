// register and discover against a real etcd: the key appears with its lease and disappears at once
// on SIGINT/SIGTERM; a lease lost while the server is frozen (SIGSTOP) or down (killed, restarted)
// is replaced by a new one, or ends the command with --exit-on-loss; discover's table and script
// formats, and --watch's lines for keys that come, change and go.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { runEctl, spawnEctl, type Spawned } from '../harness/run.js';
import { eventually, keysUnder, killAll, leaseTtl, sleep } from './concurrency-kit.js';
import { QUICK, QUICK_BOUND_MS, refusedEndpoint } from './util.js';

const etcd = useEtcd();
const ep = () => ['--endpoints', etcd.endpoint];
const present = (key: string) => async () =>
  (await keysUnder(etcd.node, key)).some((k) => k.key === key);

async function registered(args: string[], key: string, opts = {}): Promise<Spawned> {
  const p = spawnEctl([...ep(), 'register', ...args], opts);
  await eventually(present(key), 10_000, `${key} registered`);
  return p;
}

describe('register', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`puts the key with a lease; ${signal} revokes it at once, exit 0, nothing printed`, async () => {
      const key = `reg/${signal}`;
      const p = await registered(['--ttl', '30s', key, 'host:80'], key);
      try {
        const [kv] = await keysUnder(etcd.node, key);
        expect(kv!.value).toBe('host:80');
        expect(await leaseTtl(etcd.node, kv!.lease)).toBeGreaterThan(25);
        const t0 = Date.now();
        expect(await p.kill(signal)).toEqual({ code: 0, signal: null });
        expect(await keysUnder(etcd.node, key)).toEqual([]);
        expect(Date.now() - t0).toBeLessThan(2000); // not the 30 s TTL
        expect(await leaseTtl(etcd.node, kv!.lease)).toBe(-1);
        expect(p.stdout()).toBe('');
        expect(p.stderr()).toBe('');
      } finally {
        await killAll(p);
      }
    });
  }

  it('reads the value from stdin, byte for byte', async () => {
    const p = await registered(['reg/stdin'], 'reg/stdin', { stdin: '{"port": 80}\n' });
    try {
      expect((await keysUnder(etcd.node, 'reg/stdin'))[0]!.value).toBe('{"port": 80}\n');
    } finally {
      await p.kill('SIGINT');
    }
  });

  it('-o ndjson prints a record with the lease; -w simple the lease ID', async () => {
    const p = await registered(['-o', 'ndjson', '--ttl', '5s', 'reg/nd', 'v'], 'reg/nd');
    const q = await registered(['-w', 'simple', 'reg/w', 'v'], 'reg/w');
    try {
      await p.waitFor(/\n$/);
      await q.waitFor(/\n$/);
      const lease = (await keysUnder(etcd.node, 'reg/nd'))[0]!.lease.padStart(16, '0');
      expect(p.stdout()).toMatch(
        new RegExp(`^\\{"key":"reg/nd","lease":"${lease}","ttl":5,"revision":\\d+\\}\\n$`),
      );
      const leaseW = (await keysUnder(etcd.node, 'reg/w'))[0]!.lease.padStart(16, '0');
      expect(q.stdout()).toBe(`${leaseW}\n`);
    } finally {
      await killAll(p, q);
    }
  });

  it('bad arguments: exit 128 before connecting', async () => {
    for (const [args, text] of [
      [[], 'register takes a key and an optional value (else read from stdin)'],
      [['a', 'b', 'c'], 'register takes a key and an optional value (else read from stdin)'],
      [['--ttl', '500ms', 'k', 'v'], '--ttl must be at least 1s'],
    ] as const) {
      const res = await runEctl(['--endpoints', await refusedEndpoint(), 'register', ...args]);
      expect(res.stderr).toBe(`Error: ${text}\n`);
      expect(res.code).toBe(128);
    }
  });

  it('an unreachable cluster is an error within the timeouts', async () => {
    const res = await runEctl([
      '--endpoints',
      await refusedEndpoint(),
      ...QUICK,
      'register',
      'k',
      'v',
    ]);
    expect(res.stderr).toMatch(
      /^Error: context deadline exceeded \(127\.0\.0\.1:\d+: connection refused\)\n$/,
    );
    expect(res.code).not.toBe(0);
    expect(res.ms).toBeLessThan(QUICK_BOUND_MS);
  });
});

describe('register when the lease is lost', () => {
  const again =
    /^register: lease ([0-9a-f]{16}) was lost; (\S+) registered again with lease ([0-9a-f]{16})\n$/;

  it('server frozen (SIGSTOP) past the TTL: registered again with a new lease, one stderr line', async () => {
    const p = await registered(['--ttl', '2s', ...QUICK, 'reg/frozen', 'v'], 'reg/frozen');
    try {
      const old = (await keysUnder(etcd.node, 'reg/frozen'))[0]!.lease;
      process.kill(etcd.node.pid, 'SIGSTOP');
      await sleep(5000);
      process.kill(etcd.node.pid, 'SIGCONT');
      const [, lost, key, lease] = (await p.waitFor(again, {
        stream: 'stderr',
        timeoutMs: 15_000,
      }))!;
      expect(lost).toBe(old.padStart(16, '0'));
      expect(key).toBe('reg/frozen');
      await eventually(
        async () =>
          (await keysUnder(etcd.node, 'reg/frozen'))[0]?.lease.padStart(16, '0') === lease,
        5000,
        'the key on the new lease',
      );
      // It stays registered: kept alive on the new lease.
      await sleep(3000);
      expect(await keysUnder(etcd.node, 'reg/frozen')).toHaveLength(1);
      expect(await p.kill('SIGINT')).toEqual({ code: 0, signal: null });
      expect(await keysUnder(etcd.node, 'reg/frozen')).toEqual([]);
    } finally {
      process.kill(etcd.node.pid, 'SIGCONT');
      await killAll(p);
    }
  }, 40_000);

  it('server killed and restarted after the TTL: registered again', async () => {
    const p = await registered(['--ttl', '2s', ...QUICK, 'reg/restart', 'v'], 'reg/restart');
    try {
      await etcd.node.kill();
      await sleep(3500);
      await etcd.node.restart();
      await p.waitFor(again, { stream: 'stderr', timeoutMs: 15_000 });
      await sleep(500);
      expect(await keysUnder(etcd.node, 'reg/restart')).toHaveLength(1);
      expect(await p.kill('SIGINT')).toEqual({ code: 0, signal: null });
      expect(await keysUnder(etcd.node, 'reg/restart')).toEqual([]);
    } finally {
      await killAll(p);
    }
  }, 40_000);

  it('--exit-on-loss: exit 1 with one Error line instead', async () => {
    const args = ['--ttl', '2s', '--exit-on-loss', ...QUICK, 'reg/exit', 'v'];
    const p = await registered(args, 'reg/exit');
    try {
      process.kill(etcd.node.pid, 'SIGSTOP');
      try {
        expect(await p.exited).toEqual({ code: 1, signal: null });
      } finally {
        process.kill(etcd.node.pid, 'SIGCONT');
      }
      expect(p.stderr()).toMatch(
        /^Error: lease [0-9a-f]{16} lost \(unreachable\); reg\/exit is unregistered\n$/,
      );
    } finally {
      process.kill(etcd.node.pid, 'SIGCONT');
      await killAll(p);
    }
  }, 30_000);
});
