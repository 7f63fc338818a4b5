// watch through failures: the member the stream is on is killed and restarted while a writer puts
// 200 keys; a single node restarts mid-watch; the connected member loses its leader. Every event
// must arrive exactly once, in order.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  authenticate,
  b64,
  gateway,
  startEtcd,
  useCluster,
  type EtcdNode,
} from '../harness/etcd.js';
import { hasEtcdctl, spawnEctl, spawnEtcdctl, type Spawned } from '../harness/run.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = (p: string, i: number) => `${p}${String(i).padStart(3, '0')}`;

/** Puts key=value on the first running node that takes it; a put that may have been applied
 * before its connection broke is checked before it is sent again (no double writes). */
async function put(nodes: EtcdNode[], k: string, v: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    for (const n of nodes.filter((x) => x.isRunning())) {
      try {
        if (attempt > 0) {
          const got = await gateway<{ kvs?: unknown[] }>(n, '/v3/kv/range', { key: b64(k) });
          if (got.kvs?.length) return;
        }
        await gateway(n, '/v3/kv/put', { key: b64(k), value: b64(v) });
        return;
      } catch {
        // This member is down or without leader: the next one, or the next round.
      }
    }
    if (attempt > 300) throw new Error(`could not put ${k}`);
    await sleep(50);
  }
}

async function revision(nodes: EtcdNode[]): Promise<bigint> {
  const n = nodes.find((x) => x.isRunning())!;
  const r = await gateway<{ header: { revision: string } }>(n, '/v3/kv/range', { key: b64('x') });
  return BigInt(r.header.revision);
}

/** The keys of the PUT events in simple output (PUT, key, value per event). */
function putKeys(out: string): string[] {
  const lines = out.split('\n');
  const keys: string[] = [];
  for (let i = 0; i + 2 < lines.length; i += 3) {
    if (lines[i] !== 'PUT') throw new Error(`unexpected line ${i}: ${lines[i]}\n${out}`);
    keys.push(lines[i + 1]!);
  }
  return keys;
}

/** The endpoint ectl's watch stream is on now (from --debug). */
function connectedTo(w: Spawned): string {
  const opens = [...w.stderr().matchAll(/watch: stream open on (\S+)/g)];
  return opens[opens.length - 1]![1]!;
}

async function stopWatch(w: Spawned, expectCount: number, prefix: string): Promise<string[]> {
  const last = key(prefix, expectCount - 1).replace(/\//g, '\\/');
  await w.waitFor(new RegExp(`PUT\\n${last}\\n`), { timeoutMs: 30_000 });
  expect(await w.kill('SIGINT')).toEqual({ code: null, signal: 'SIGINT' });
  return putKeys(w.stdout());
}

describe('watch fault tolerance', () => {
  const c = useCluster(3);

  it('the connected member is killed and restarted mid-stream: 200 events, once, in order', async () => {
    const nodes = c.cluster.nodes;
    const from = (await revision(nodes)) + 1n;
    const w = spawnEctl(
      ['--debug', '--endpoints', c.endpoints.join(','), 'watch'].concat([
        '--prefix',
        'f/',
        '--rev',
        String(from),
      ]),
    );
    await w.waitFor(/watch: stream open on/, { stream: 'stderr' });
    let victim: EtcdNode | undefined;
    for (let i = 0; i < 200; i++) {
      if (i === 60) {
        victim = nodes.find((n) => n.endpoint === connectedTo(w))!;
        await victim.kill();
      }
      if (i === 140) await victim!.restart();
      await put(nodes, key('f/', i), `v${i}`);
    }
    const keys = await stopWatch(w, 200, 'f/');
    expect(keys).toEqual(Array.from({ length: 200 }, (_, i) => key('f/', i)));
    // It moved to another member at once: no outage, so no warning and no error.
    expect(connectedTo(w)).not.toBe(victim!.endpoint);
    expect(w.stderr()).toMatch(/stream on \S+ ended: .*\n.*stream open on/);
    if (process.env.ECTL_WATCH_DEBUG) console.log(w.stderr());
    expect(w.stderr()).not.toMatch(/^(Warning|Error)/m);
  }, 60_000);

  it('the connected member freezes (SIGSTOP): a from-now watch moves on and keeps running', async () => {
    const nodes = c.cluster.nodes;
    await Promise.all(nodes.map((n) => n.waitHealthy()));
    const w = spawnEctl([
      '--debug',
      '--endpoints',
      c.endpoints.join(','),
      'watch',
      '--prefix',
      'z/',
    ]);
    await w.waitFor(/watch: stream open on/, { stream: 'stderr' });
    const frozen = nodes.find((n) => n.endpoint === connectedTo(w))!;
    const others = nodes.filter((n) => n !== frozen);
    // A from-now watch: write a marker until the watch shows it, then the real keys.
    for (let i = 0; !/^z\/ready$/m.test(w.stdout()); i++) {
      await put(others, 'z/ready', String(i));
      await sleep(100);
    }
    const before = putKeys(w.stdout()).length;
    process.kill(frozen.pid, 'SIGSTOP');
    const stoppedAt = Date.now();
    try {
      const moved = w
        .waitFor(/stream open on[\s\S]*stream open on/, { stream: 'stderr', timeoutMs: 30_000 })
        .then(() => Date.now() - stoppedAt);
      moved.catch(() => undefined);
      // Puts go through the other members (the frozen one may have been the leader).
      for (let i = 0; i < 20; i++) await put(others, key('z/', i), `v${i}`);
      const keys = (await stopWatch(w, 20, 'z/')).slice(before);
      expect(keys).toEqual(Array.from({ length: 20 }, (_, i) => key('z/', i)));
      expect(connectedTo(w)).not.toBe(frozen.endpoint);
      const ms = await moved;
      if (process.env.ECTL_WATCH_DEBUG) console.log(`moved after ${ms} ms\n${w.stderr()}`);
      // Noticed by probing the silent member (--keepalive-time 2s, then --keepalive-timeout 6s),
      // before grpc's keepalive would drop the connection (10 s + 6 s).
      expect(w.stderr()).toMatch(/ended: member not answering/);
      expect(ms).toBeLessThan(12_000);
      expect(w.stderr()).not.toMatch(/^(Error|watch was canceled)/m);
    } finally {
      process.kill(frozen.pid, 'SIGCONT');
    }
  }, 60_000);

  it('the member loses its leader: the stream moves on instead of ending (etcdctl: exit 5)', async () => {
    const nodes = c.cluster.nodes;
    await Promise.all(nodes.map((n) => n.waitHealthy()));
    const [first, ...others] = nodes as [EtcdNode, EtcdNode, EtcdNode];
    const eps = ['--endpoints', nodes.map((n) => n.endpoint).join(',')];
    const from = String((await revision(nodes)) + 1n);
    await put(nodes, 'l/000', 'v0');
    const w = spawnEctl(['--debug', ...eps, 'watch', '--prefix', 'l/', '--rev', from]);
    const ctl = hasEtcdctl()
      ? spawnEtcdctl([...eps, 'watch', '--prefix', 'l/', '--rev', from])
      : undefined;
    await w.waitFor(/^l\/000$/m);
    await ctl?.waitFor(/^l\/000$/m);
    expect(connectedTo(w)).toBe(first.endpoint);
    await Promise.all(others.map((n) => n.kill()));
    // The lone member notices it has no leader and ends hasleader streams.
    await w.waitFor(/no leader/, { stream: 'stderr', timeoutMs: 20_000 });
    await others[0].restart();
    for (let i = 1; i < 20; i++) await put(nodes, key('l/', i), `v${i}`);
    expect(await stopWatch(w, 20, 'l/')).toEqual(
      Array.from({ length: 20 }, (_, i) => key('l/', i)),
    );
    expect(w.stderr()).toMatch(/^Warning: watch stream lost \(.*no leader\)/m);
    if (ctl) {
      const { code } = await ctl.exited;
      expect(ctl.stderr()).toContain('watch was canceled (etcdserver: no leader)');
      expect(code).toBe(5);
    }
    await others[1].restart();
  }, 60_000);
});

describe('watch on a single node that restarts', () => {
  it('resumes a from-now watch after the restart: every event once, in order', async () => {
    const node = await startEtcd();
    try {
      const w = spawnEctl(['--endpoints', node.endpoint, 'watch', '--prefix', 's/']);
      // A from-now watch: write a marker until the watch shows it, then the real keys.
      for (let i = 0; !/^s\/ready$/m.test(w.stdout()); i++) {
        await put([node], 's/ready', String(i));
        await sleep(100);
      }
      const before = putKeys(w.stdout()).length;
      for (let i = 0; i < 100; i++) {
        if (i === 30) {
          // Down for longer than one reconnect attempt (--dial-timeout 2s): ectl says so, once.
          await node.kill();
          await sleep(2500);
          await node.restart();
        }
        await put([node], key('s/', i), `v${i}`);
      }
      const keys = (await stopWatch(w, 100, 's/')).slice(before);
      // Markers may still arrive after the first one was seen; the keys must follow, once each.
      expect(keys.filter((k) => k !== 's/ready')).toEqual(
        Array.from({ length: 100 }, (_, i) => key('s/', i)),
      );
      expect(keys.slice(keys.lastIndexOf('s/ready') + 1)).toHaveLength(100);
      expect(w.stderr()).toMatch(
        /^Warning: watch stream lost .*reconnecting to resume at revision \d+\n$/,
      );
    } finally {
      await node.destroy();
    }
  }, 60_000);
});

/** A TCP proxy to a member whose connections can be cut, refusing new ones for a while. */
async function cuttableProxy(target: EtcdNode) {
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return void client.destroy();
    const upstream = net.connect(Number(target.endpoint.split(':')[1]), '127.0.0.1');
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(a);
      a.pipe(b);
      a.on('error', () => b.destroy());
      a.on('close', () => (b.destroy(), sockets.delete(a)));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut(ms: number) {
      down = true;
      for (const sock of sockets) sock.destroy();
      setTimeout(() => (down = false), ms);
    },
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('watch with authentication', () => {
  it('the token expired while the stream was up: on resume it authenticates again', async () => {
    // Tokens live 1 s after their last use; an open watch stream does not use its token.
    const node = await startEtcd({ auth: true, extraArgs: ['--auth-token-ttl', '1'] });
    const proxy = await cuttableProxy(node);
    try {
      let token = await authenticate(node, 'root', 'rootpw');
      const putAs = async (k: string) => {
        try {
          await gateway(node, '/v3/kv/put', { key: b64(k), value: b64('v') }, token);
        } catch {
          token = await authenticate(node, 'root', 'rootpw');
          await gateway(node, '/v3/kv/put', { key: b64(k), value: b64('v') }, token);
        }
      };
      await putAs('alice/000');
      const w = spawnEctl(
        ['--debug', '--endpoints', proxy.endpoint, '--user', 'alice:alicepw'].concat([
          'watch',
          '--prefix',
          'alice/',
          '--rev',
          '2',
        ]),
      );
      await w.waitFor(/^alice\/000$/m);
      proxy.cut(2500);
      await sleep(3000);
      for (let i = 1; i < 10; i++) await putAs(key('alice/', i));
      expect(await stopWatch(w, 10, 'alice/')).toEqual(
        Array.from({ length: 10 }, (_, i) => key('alice/', i)),
      );
      expect(w.stderr()).toMatch(/stream on \S+ ended: token expired\n/);
      expect(w.stderr()).not.toMatch(/^(Error|watch was canceled)/m);
    } finally {
      await proxy.close();
      await node.destroy();
    }
  }, 60_000);
});
