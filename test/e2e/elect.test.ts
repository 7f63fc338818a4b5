// elect against etcdctl: the elected key and value and the observed leaders printed in every format
// (ectl on twin A, etcdctl on twin B, lease IDs normalised); resigning at once on a signal, ectl and
// etcdctl candidates succeeding each other, SIGINT while campaigning, the loss of the session,
// --ttl, and etcdctl's argument errors.
import { describe, expect, it } from 'vitest';
import { useTwins, type EtcdNode } from '../harness/etcd.js';
import {
  hasEtcdctl,
  runEtcdctl,
  spawnEtcdctl,
  type Spawned,
  runEctl,
  spawnEctl,
} from '../harness/run.js';
import {
  eventually,
  expectRunning,
  keysUnder,
  killAll,
  leaseTtl,
  msUntil,
  normaliseLease,
  revokeLease,
  sleep,
} from './concurrency-kit.js';

const HAS_ETCDCTL = hasEtcdctl();
const twins = useTwins('elect');
const ep = (n: EtcdNode) => ['--endpoints', n.endpoint];

async function elect(tool: 'ectl' | 'etcdctl', node: EtcdNode, args: string[]): Promise<Spawned> {
  const argv = [...ep(node), 'elect', ...args];
  return tool === 'ectl' ? spawnEctl(argv) : spawnEtcdctl(argv);
}

const queued = (node: EtcdNode, name: string, n: number) =>
  eventually(async () => (await keysUnder(node, `${name}/`)).length === n, 5000, `${n} queued`);

describe('campaign and observe, as etcdctl prints them', () => {
  for (const format of ['simple', 'json', 'fields', 'protobuf']) {
    it.skipIf(!HAS_ETCDCTL)(
      `-w ${format}: the elected key and value, the observed leader`,
      async () => {
        const name = `fmt-${format}`;
        const w = ['-w', format];
        const obs = await Promise.all([
          elect('ectl', twins.a, ['-l', name, ...w]),
          elect('etcdctl', twins.b, ['-l', name, ...w]),
        ]);
        await sleep(300); // the observers wait for a first leader
        const cand = await Promise.all([
          elect('ectl', twins.a, [name, 'p1', ...w]),
          elect('etcdctl', twins.b, [name, 'p1', ...w]),
        ]);
        try {
          await Promise.all([queued(twins.a, name, 1), queued(twins.b, name, 1)]);
          const [[ka], [kb]] = await Promise.all([
            keysUnder(twins.a, `${name}/`),
            keysUnder(twins.b, `${name}/`),
          ]);
          await eventually(() => cand.every((p) => p.stdout().length > 0), 5000, 'elected');
          await eventually(() => obs.every((p) => p.stdout().length > 0), 5000, 'observed');
          await sleep(150);
          const norm = (p: Spawned, lease: string) =>
            normaliseLease(p.stdoutBuffer(), lease, `${name}/`);
          expect(norm(cand[0], ka!.lease)).toBe(norm(cand[1], kb!.lease));
          expect(norm(obs[0], ka!.lease)).toBe(norm(obs[1], kb!.lease));
          if (format === 'simple') expect(cand[0].stdout()).toBe(`${name}/${ka!.lease}\np1\n`);
          for (const p of [...cand, ...obs])
            expect(await p.kill('SIGINT')).toEqual({ code: 0, signal: null });
          expect(await keysUnder(twins.a, `${name}/`)).toEqual([]);
        } finally {
          await killAll(...obs, ...cand);
        }
      },
    );
  }
});

describe('succession', () => {
  it.each([
    ['ectl', 'ectl'],
    ['ectl', 'etcdctl'],
    ['etcdctl', 'ectl'],
  ] as const)(
    '%s leads, %s waits; SIGINT resigns and the next is elected in under 1 s',
    async (first, second) => {
      if ((first === 'etcdctl' || second === 'etcdctl') && !HAS_ETCDCTL) return;
      const name = `succ-${first}-${second}`;
      const a = await elect(first, twins.a, [name, 'one']);
      let b, obs;
      try {
        await a.waitFor(/one\n$/);
        b = await elect(second, twins.a, [name, 'two']);
        obs = await elect('ectl', twins.a, ['-l', name]);
        await queued(twins.a, name, 2);
        await obs.waitFor(/\none\n$/);
        expect(b.stdout()).toBe('');
        const aExit = a.kill('SIGINT'); // timed from the signal
        expect(await msUntil(b, /\ntwo\n$/, 3000)).toBeLessThan(1000);
        await aExit;
        await obs.waitFor(/\none\n[^\n]+\ntwo\n$/, { timeoutMs: 2000 });
        await b.kill('SIGTERM');
        await obs.kill('SIGINT');
        expect(await keysUnder(twins.a, `${name}/`)).toEqual([]);
      } finally {
        await killAll(a, b, obs);
      }
    },
  );

  it('SIGINT while campaigning leaves at once (exit 1, context canceled); the leader stays', async () => {
    const a = await elect('ectl', twins.a, ['camp', 'one']);
    let b;
    try {
      await a.waitFor(/one\n$/);
      b = await elect('ectl', twins.a, ['camp', 'two']);
      await queued(twins.a, 'camp', 2);
      // etcdctl: a wait cut short by a signal is `Error: context canceled`, exit 1.
      expect(await b.kill('SIGINT')).toEqual({ code: 1, signal: null });
      expect(b.stderr()).toContain('Error: context canceled\n');
      expect((await keysUnder(twins.a, 'camp/')).map((k) => k.value)).toEqual(['one']);
      expectRunning(a);
    } finally {
      await killAll(a, b);
    }
  });

  it('--ttl sets the session lease; losing it prints "elect: session expired", exit 1', async () => {
    const a = await elect('ectl', twins.a, ['--ttl', '2', 'lost', 'one']);
    try {
      await a.waitFor(/one\n$/);
      const [k] = await keysUnder(twins.a, 'lost/');
      expect(await leaseTtl(twins.a, k!.lease)).toBeLessThanOrEqual(2);
      await revokeLease(twins.a, k!.lease);
      expect(await a.exited).toEqual({ code: 1, signal: null });
      expect(a.stderr()).toBe('Error: elect: session expired\n');
    } finally {
      await killAll(a);
    }
  });
});

describe('arguments', () => {
  it.each([
    [[], 'elect takes one election name argument and an optional proposal argument'],
    [['a', 'b', 'c'], 'elect takes one election name argument and an optional proposal argument'],
    [['a'], 'no proposal argument but -l not set'],
    [['-l', 'a', 'b'], 'proposal given but -l is set'],
  ])('elect %j: %s (128), as etcdctl', async (args, message) => {
    const res = await runEctl([...ep(twins.a), 'elect', ...args]);
    expect([res.code, res.stderr]).toEqual([128, `Error: ${message}\n`]);
    if (!HAS_ETCDCTL) return;
    const ref = await runEtcdctl([...ep(twins.b), 'elect', ...args]);
    expect([ref.code, ref.stderr]).toEqual([128, `Error: ${message}\n`]);
  });
});
