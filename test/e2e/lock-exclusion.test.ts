// Mutual exclusion of lock: ten contenders (ectl alone, then ectl and etcdctl mixed) increment a
// shared counter under the lock with no overlap, and ectl and etcdctl waiting for each other's lock
// in both orders: the Go client's recipe and key layout, so they exclude each other.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, spawnEtcdctl, type Spawned, spawnEctl } from '../harness/run.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { eventually, hold, keysUnder, killAll, msUntil, sleep } from './concurrency-kit.js';

const HAS_ETCDCTL = hasEtcdctl();
const etcd = useEtcd();

// The critical section: flags an overlap when another holder is inside, then a read-sleep-write
// increment that loses updates unless the lock excludes.
const critical = [
  'mkdir "$D/inside" 2>/dev/null || echo overlap >> "$D/overlaps"',
  'n=$(cat "$D/count"); sleep 0.05; echo $((n + 1)) > "$D/count"',
  'echo "$ETCD_LOCK_KEY" >> "$D/holders"',
  'rmdir "$D/inside"',
].join('; ');

async function contend(name: string, tools: ('ectl' | 'etcdctl')[]): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}counter-`));
  trackDir(dir);
  writeFileSync(join(dir, 'count'), '0\n');
  const argv = ['--endpoints', etcd.node.endpoint, 'lock', '--ttl', '5', name, '--'];
  const cmd = ['sh', '-c', critical];
  const env = { D: dir, PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const ps: Spawned[] = [];
  try {
    for (const tool of tools) {
      ps.push(
        tool === 'ectl'
          ? spawnEctl([...argv, ...cmd], { env })
          : spawnEtcdctl([...argv, ...cmd], { env }),
      );
    }
    const exits = await Promise.all(ps.map((p) => p.exited));
    expect(exits, ps.map((p) => p.stderr()).join('')).toEqual(
      tools.map(() => ({ code: 0, signal: null })),
    );
  } finally {
    await killAll(...ps);
  }
  return dir;
}

describe('ten contenders increment a counter under the lock', () => {
  const cases: [string, ('ectl' | 'etcdctl')[]][] = [
    ['ectl', Array(10).fill('ectl')],
    ['ectl+etcdctl', [...Array(5).fill('ectl'), ...Array(5).fill('etcdctl')]],
  ];
  for (const [label, tools] of cases) {
    it.skipIf(tools.includes('etcdctl') && !HAS_ETCDCTL)(
      `${label}: count 10, no overlap`,
      async () => {
        const name = `counter-${label}`;
        const dir = await contend(name, tools);
        expect(readFileSync(join(dir, 'count'), 'utf8')).toBe('10\n');
        expect(existsSync(join(dir, 'overlaps'))).toBe(false);
        const holders = readFileSync(join(dir, 'holders'), 'utf8').trim().split('\n');
        expect(new Set(holders).size).toBe(10);
        expect(await keysUnder(etcd.node, `${name}/`)).toEqual([]);
      },
      30_000,
    );
  }
});

describe('ectl and etcdctl exclude each other', () => {
  for (const [first, second] of [
    ['etcdctl', 'ectl'],
    ['ectl', 'etcdctl'],
  ] as const) {
    it.skipIf(!HAS_ETCDCTL)(
      `${first} holds, ${second} waits, then acquires on release`,
      async () => {
        const name = `mixed-${first}`;
        const holder = await hold(first, etcd.node, [name]);
        const argv = ['--endpoints', etcd.node.endpoint, 'lock', name, 'echo', 'got'];
        const waiter = second === 'ectl' ? spawnEctl(argv) : spawnEtcdctl(argv);
        try {
          await eventually(
            async () => (await keysUnder(etcd.node, `${name}/`)).length === 2,
            5000,
            'queued',
          );
          await sleep(500);
          expect(waiter.stdout()).toBe('');
          const holderExit = holder.kill('SIGINT'); // timed from the signal
          expect(await msUntil(waiter, /^got\n$/, 3000)).toBeLessThan(1000);
          await holderExit;
        } finally {
          await killAll(holder, waiter);
        }
      },
    );
  }
});
