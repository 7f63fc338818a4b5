// elect -- CMD and lock CMD on a 3-member cluster: the etcd leader killed under a running job. The
// session's renewals move to a surviving member, so the guardian's deadline keeps moving and the
// job is not terminated; the standby does not start meanwhile.
import { afterAll, describe, expect, it } from 'vitest';
import { useCluster } from '../harness/etcd.js';
import { spawnEctl } from '../harness/run.js';
import { eventually, expectRunning, keysUnder, killAll, sleep } from './concurrency-kit.js';

const c = useCluster(3);
afterAll(async () => {
  await Promise.all(c.cluster.nodes.filter((n) => !n.isRunning()).map((n) => n.restart()));
}, 30_000);

const TICKS = 'echo up; while :; do echo tick; sleep 0.2; done';

describe('the etcd leader killed under a running job', () => {
  it('the leader’s CMD and a locked CMD go on; the standby keeps waiting', async () => {
    const leader = await c.cluster.leader();
    // The dead member first: the CLIs' streams start on it.
    const order = [leader, ...c.cluster.nodes.filter((n) => n !== leader)].map((n) => n.endpoint);
    const base = ['--endpoints', order.join(','), 'elect', '--ttl', '5', 'cl/el'];
    const a = spawnEctl([...base, 'a', '--', 'sh', '-c', TICKS]);
    const l = spawnEctl([
      '--endpoints',
      order.join(','),
      'lock',
      '--ttl',
      '5',
      'cl/lk',
      '--',
      'sh',
      '-c',
      TICKS,
    ]);
    let b;
    try {
      await a.waitFor(/^up\n/);
      b = spawnEctl([...base, 'b', '--', 'sh', '-c', TICKS]);
      await l.waitFor(/^up\n/);
      const survivor = c.cluster.nodes.find((n) => n !== leader)!;
      await eventually(
        async () => (await keysUnder(survivor, 'cl/el/')).length === 2,
        10_000,
        'queued',
      );
      await leader.kill();
      await sleep(12_000); // more than two TTLs
      for (const p of [a, b, l]) expectRunning(p);
      expect(b.stderr()).toBe('');
      expect(b.stdout()).toBe('');
      const [ta, tl] = [a.stdout().length, l.stdout().length];
      await sleep(1000);
      expect(a.stdout().length).toBeGreaterThan(ta);
      expect(l.stdout().length).toBeGreaterThan(tl);
      expect(a.stderr()).toBe('');
      // Then the leader's CMD ends: the standby runs at once.
      await a.kill('SIGTERM');
      await b.waitFor(/^up\n/, { timeoutMs: 5000 });
    } finally {
      await killAll(a, b, l);
      await leader.restart();
    }
  }, 60_000);
});
