// `make-mirror` from a 3-member cluster into a single node while each source member in turn is
// killed and restarted under a steady stream of writes: the destination must end equal to the
// source (values and versions) with exactly one destination write per source revision — no key
// lost, none applied twice — and the mirror must still be running (its --debug lines show the
// watch moving between members).
import { describe, expect, it } from 'vitest';
import { GatewayError, useCluster, useEtcd, type EtcdNode } from '../harness/etcd.js';
import { spawnEctl } from '../harness/run.js';
import { dump, put, until, type Dump } from './mirror-kit.js';

const source = useCluster(3, { name: 'mmc' });
const dest = useEtcd({ name: 'mmcdst' });

const running = () => source.cluster.nodes.filter((n) => n.isRunning());

/** Puts through a running member, retrying what an election refuses; returns nothing. */
async function write(key: string, value: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await put(running()[attempt % running().length]!, { [key]: value });
      return;
    } catch (err) {
      const transient =
        err instanceof GatewayError || /ECONNREFUSED|ECONNRESET|socket|timed out/.test(String(err));
      if (!transient || attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const view = (d: Dump) => d.kvs.map((kv) => `${kv.key}=${kv.value}@${kv.version}`);

describe('make-mirror from a 3-member cluster', () => {
  it('survives every source member being killed and restarted: nothing lost or doubled', async () => {
    const first = source.cluster.nodes[0]!;
    await put(first, { 's/base1': 'b1', 's/base2': 'b2', elsewhere: 'x' });
    const srcStart = BigInt((await dump(first)).revision);
    const eps = source.endpoints.join(',');
    const run = spawnEctl([
      '--debug',
      '--endpoints',
      eps,
      'make-mirror',
      '--prefix',
      's/',
      dest.endpoint,
    ]);
    try {
      await until(
        () => dump(dest.node),
        (d) => d.kvs.length === 2,
      );
      const destStart = BigInt((await dump(dest.node)).revision);
      let n = 0;
      const some = async (count: number) => {
        for (let i = 0; i < count; i++, n++) await write(`s/k${n}`, `v${n}`);
      };
      for (const node of source.cluster.nodes as EtcdNode[]) {
        await some(15);
        await node.kill();
        await some(15);
        node.spawn('existing');
        await node.waitHealthy();
        await some(5);
      }
      await write('s/k3', 'rewritten');
      const srcEnd = await dump(running()[0]!);
      const want = view({ ...srcEnd, kvs: srcEnd.kvs.filter((kv) => kv.key.startsWith('s/')) });
      const got = await until(
        () => dump(dest.node),
        (d) => view(d).join() === want.join(),
        30_000,
      );
      // One destination write per source revision since the copy: none lost, none repeated.
      expect(BigInt(got.revision) - destStart).toBe(BigInt(srcEnd.revision) - srcStart);
      expect(n).toBe(105);
      expect(run.child.exitCode).toBeNull();
      // --debug shows the watch moving to another member at least once.
      expect(run.stderr().match(/watch: stream open on/g)?.length).toBeGreaterThanOrEqual(2);
      expect(run.stderr()).not.toMatch(/Error:/);
    } finally {
      await run.kill();
    }
  }, 120_000);
});
