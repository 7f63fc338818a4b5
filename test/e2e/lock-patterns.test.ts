// lock's ectl opt-ins against a real etcd: --try (fails at once naming the holder), --timeout
// (gives up, its waiter key removed), and a command under the lock that is terminated when the
// lock is lost (lease revoked, key deleted, ectl killed).
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, spawnEctl } from '../harness/run.js';
import { eventually, hold, keysUnder, killAll, revokeLease } from './concurrency-kit.js';

const etcd = useEtcd();
const ep = () => ['--endpoints', etcd.endpoint];
/** A command that says it runs, then ignores SIGTERM until killed (grace is what ends it). */
const STUBBORN = 'trap "echo TERM" TERM; echo up; while :; do sleep 0.1; done';
/** A command that says it runs and ends on SIGTERM. */
const POLITE = 'trap "echo TERM; exit 0" TERM; echo up; echo $$; while :; do sleep 0.1; done';

describe('--try', () => {
  it('fails at once when the lock is held, naming the holder’s key; its own key is gone', async () => {
    const holder = await hold('ectl', etcd.node, ['try/l']);
    try {
      const [held] = await keysUnder(etcd.node, 'try/l/');
      const res = await runEctl([...ep(), 'lock', '--try', 'try/l', '--', 'echo', 'ran']);
      expect(res.stderr).toBe(`Error: lock "try/l" is held by "${held!.key}"\n`);
      expect(res.code).toBe(1);
      expect(res.stdout.toString()).toBe('');
      expect(res.ms).toBeLessThan(3000);
      expect((await keysUnder(etcd.node, 'try/l/')).map((k) => k.key)).toEqual([held!.key]);
    } finally {
      await killAll(holder);
    }
  });

  it.skipIf(!hasEtcdctl())('names a holder that is etcdctl (the same key layout)', async () => {
    const holder = await hold('etcdctl', etcd.node, ['try/ref']);
    try {
      const [held] = await keysUnder(etcd.node, 'try/ref/');
      const res = await runEctl([...ep(), 'lock', '--try', 'try/ref']);
      expect(res.stderr).toBe(`Error: lock "try/ref" is held by "${held!.key}"\n`);
      expect(res.code).toBe(1);
    } finally {
      await killAll(holder);
    }
  });

  it('takes a free lock and runs the command', async () => {
    const res = await runEctl([
      ...ep(),
      'lock',
      '--try',
      'try/free',
      '--',
      'sh',
      '-c',
      'echo $ETCD_LOCK_KEY',
    ]);
    expect(res.stdout.toString()).toMatch(/^try\/free\/[0-9a-f]+\n$/);
    expect(res.code).toBe(0);
    expect(await keysUnder(etcd.node, 'try/free/')).toEqual([]);
  });
});

describe('--timeout', () => {
  it('gives up after the timeout: exit 1, one Error line, the waiter key removed', async () => {
    const holder = await hold('ectl', etcd.node, ['to/l']);
    try {
      const res = await runEctl([
        ...ep(),
        'lock',
        '--timeout',
        '1500ms',
        'to/l',
        '--',
        'echo',
        'ran',
      ]);
      expect(res.stderr).toBe('Error: timed out waiting for lock "to/l"\n');
      expect(res.code).toBe(1);
      expect(res.stdout.toString()).toBe('');
      expect(res.ms).toBeGreaterThan(1400);
      expect(res.ms).toBeLessThan(5000);
      expect(await keysUnder(etcd.node, 'to/l/')).toHaveLength(1);
    } finally {
      await killAll(holder);
    }
  });

  it('does not matter when the lock comes in time', async () => {
    const holder = await hold('ectl', etcd.node, ['to/ok']);
    const waiter = spawnEctl([...ep(), 'lock', '--timeout', '20s', 'to/ok', 'echo', 'got']);
    try {
      await eventually(
        async () => (await keysUnder(etcd.node, 'to/ok/')).length === 2,
        5000,
        'queued',
      );
      await holder.kill('SIGINT');
      expect(await waiter.exited).toEqual({ code: 0, signal: null });
      expect(waiter.stdout()).toBe('got\n');
    } finally {
      await killAll(holder, waiter);
    }
  });
});

describe('the lock lost while the command runs', () => {
  it('lease revoked: SIGTERM to the command, exit 1 "lock lost"', async () => {
    const p = spawnEctl([...ep(), 'lock', 'lost/l', '--', 'sh', '-c', POLITE]);
    try {
      await p.waitFor(/^up\n\d+\n$/);
      const [k] = await keysUnder(etcd.node, 'lost/l/');
      await revokeLease(etcd.node, k!.lease);
      expect(await p.exited).toEqual({ code: 1, signal: null });
      expect(p.stdout()).toMatch(/^up\n\d+\nTERM\n$/);
      expect(p.stderr()).toBe('Error: lock lost\n');
    } finally {
      await killAll(p);
    }
  });

  it('key deleted, command ignoring SIGTERM: SIGKILL after --grace', async () => {
    const p = spawnEctl([...ep(), 'lock', '--grace', '1s', 'lost/d', '--', 'sh', '-c', STUBBORN]);
    try {
      await p.waitFor(/^up\n$/);
      const t0 = Date.now();
      await runEctl([...ep(), 'del', '--prefix', 'lost/d/']);
      expect(await p.exited).toEqual({ code: 1, signal: null });
      expect(Date.now() - t0).toBeGreaterThan(900);
      expect(p.stdout()).toBe('up\nTERM\n');
      expect(p.stderr()).toBe('Error: lock lost\n');
    } finally {
      await killAll(p);
    }
  });

  it('ectl SIGKILLed: the command is terminated, the next waiter runs after the TTL', async () => {
    const p = spawnEctl([...ep(), 'lock', '--ttl', '2', 'lost/k', '--', 'sh', '-c', POLITE]);
    let waiter;
    try {
      const [, pid] = (await p.waitFor(/^up\n(\d+)\n$/)) as RegExpMatchArray;
      waiter = spawnEctl([...ep(), 'lock', '--ttl', '2', 'lost/k', 'echo', 'next']);
      await eventually(
        async () => (await keysUnder(etcd.node, 'lost/k/')).length === 2,
        5000,
        'queued',
      );
      process.kill(p.child.pid!, 'SIGKILL');
      await eventually(
        () => {
          try {
            process.kill(Number(pid), 0);
            return false;
          } catch {
            return true;
          }
        },
        2000,
        'the command is gone',
      );
      expect(await waiter.exited).toEqual({ code: 0, signal: null });
      expect(waiter.stdout()).toBe('next\n');
    } finally {
      await killAll(p, waiter);
    }
  });

  it('a command that ends normally keeps etcdctl’s behaviour: its status, the lock released', async () => {
    const res = await runEctl([...ep(), 'lock', 'norm/l', '--', 'sh', '-c', 'sleep 0.3; exit 4']);
    expect(res.stderr).toBe('Error: exit status 4\n');
    expect(res.code).toBe(4);
    expect(await keysUnder(etcd.node, 'norm/l/')).toEqual([]);
  });
});
