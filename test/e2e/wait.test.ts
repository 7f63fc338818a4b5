// ectl wait against real etcd: each condition at once and after a change, the timeout's error,
// the race between the read and the watch (a change held between them is not missed), and a
// 3-member cluster whose member the watch is on is killed and restarted.
import { describe, expect, it } from 'vitest';
import { b64, gateway, useCluster, useEtcd, type EtcdNode } from '../harness/etcd.js';
import { runEctl, spawnEctl, type RunResult } from '../harness/run.js';
import { QUICK, QUICK_BOUND_MS, delayingProxy, refusedEndpoint } from './util.js';

const etcd = useEtcd();
const ectl = (...args: string[]) => runEctl(['--endpoints', etcd.endpoint, ...args]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ok(r: RunResult, out = ''): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout.toString()).toBe(out);
}

/** Retries a gateway write while the cluster elects a new leader. */
async function retry(fn: () => Promise<unknown>): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await fn();
      return;
    } catch (e) {
      if (i > 100) throw e;
      await sleep(100);
    }
  }
}

async function revision(): Promise<number> {
  const r = await ectl('get', 'nothing', '-w', 'json');
  return Number(
    (JSON.parse(r.stdout.toString()) as { header: { revision: number } }).header.revision,
  );
}

describe('ectl wait', () => {
  it('returns at once when the condition already holds, printing nothing', async () => {
    await ectl('put', 'w/now', '{"status":{"phase":"Ready"},"items":[{"name":"a"}]}');
    ok(await ectl('wait', 'w/now', '--exists'));
    ok(await ectl('wait', 'w/absent', '--deleted'));
    ok(await ectl('wait', 'w/now', '--json-path', '.status.phase=Ready'));
    ok(await ectl('wait', 'w/now', '--json-path', '.items.0.name=a'));
    ok(await ectl('wait', 'w/', '--prefix', '--exists'));
    ok(await ectl('wait', 'w/none/', '--prefix', '--deleted'));
  });

  it('waits for a change; -o json prints the key-value that matched', async () => {
    const w = spawnEctl([
      '--endpoints',
      etcd.endpoint,
      'wait',
      'w/v',
      '--value',
      'go',
      '-o',
      'json',
    ]);
    await sleep(1500);
    await ectl('put', 'w/v', 'wait');
    await sleep(300);
    expect(w.child.exitCode).toBeNull();
    await ectl('put', 'w/v', 'go');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    const rec = JSON.parse(w.stdout()) as Record<string, unknown>;
    expect(rec).toMatchObject({ key: 'w/v', value: 'go', version: 2 });
    expect(w.stderr()).toBe('');
  });

  it('--prefix --deleted: returns when the last key under the prefix is gone', async () => {
    await ectl('put', 'w/p/1', 'a');
    await ectl('put', 'w/p/2', 'b');
    const w = spawnEctl(['--endpoints', etcd.endpoint, 'wait', 'w/p/', '--prefix', '--deleted']);
    await sleep(1500);
    await ectl('del', 'w/p/1');
    await ectl('put', 'w/p/3', 'c'); // a new key counts too
    await ectl('del', 'w/p/2');
    await sleep(500);
    expect(w.child.exitCode).toBeNull();
    await ectl('del', 'w/p/3');
    expect(await w.exited).toEqual({ code: 0, signal: null });
  });

  it('--prefix with a value condition: any key under the prefix, at once or later', async () => {
    await ectl('put', 'w/q/1', '{"s":"a"}');
    await ectl('put', 'w/q/2', '{"s":"b"}');
    const now = await ectl('wait', 'w/q/', '--prefix', '--json-path', '.s=b', '-o', 'value');
    ok(now, '{"s":"b"}\n');
    const w = spawnEctl(
      ['--endpoints', etcd.endpoint, 'wait', 'w/q/', '--prefix'].concat([
        '--value',
        'c',
        '-o',
        'key',
      ]),
    );
    await sleep(1500);
    await ectl('put', 'w/q/1', 'x');
    await ectl('put', 'w/q/3', 'c');
    expect(await w.exited).toEqual({ code: 0, signal: null });
    expect(w.stdout()).toBe('w/q/3\n');
  });

  it('--timeout: exit 1 with the condition in the error', async () => {
    const r = await ectl('wait', 'w/never', '--exists', '--timeout', '1500ms');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: timed out after 1.5s waiting for "w/never" to exist\n');
    expect(r.ms).toBeGreaterThanOrEqual(1500);
    expect(r.ms).toBeLessThan(6000);
    const p = await ectl('wait', 'w/', '--prefix', '--value', 'nowhere', '--timeout', '1s');
    expect(p.stderr).toBe(
      'Error: timed out after 1s waiting for a key under "w/" to have value "nowhere"\n',
    );
  });

  it('argument errors: one Error line, exit 128, nothing waited for', async () => {
    const cases: [string[], string][] = [
      [['wait', 'k'], 'exactly one of --exists, --deleted, --value or --json-path must be given'],
      [
        ['wait', 'k', '--exists', '--value', 'v'],
        'exactly one of --exists, --deleted, --value or --json-path must be given',
      ],
      [['wait', '--exists'], 'wait command needs 1 argument'],
      [
        ['wait', 'k', '--json-path', 'a=b'],
        'invalid --json-path "a=b": the path must start with "."',
      ],
    ];
    for (const [args, text] of cases) {
      const r = await ectl(...args);
      expect([r.code, r.stderr]).toEqual([128, `Error: ${text}\n`]);
    }
  });

  it('is race-free: a change made between its read and its watch is not missed', async () => {
    await ectl('put', 'w/race', 'old');
    const next = (await revision()) + 1;
    // The watch's create request holds the key, then start_revision (field 3) = R + 1; the read's
    // Range has limit (also field 3) = 1. Hold the create request for 3 s.
    const marker = `w/race\x18${String.fromCharCode(next)}`;
    expect(next).toBeLessThan(128);
    const proxy = await delayingProxy(etcd.node.spec.clientPort, marker, 3000);
    try {
      const w = spawnEctl(['--endpoints', proxy.endpoint, 'wait', 'w/race', '--value', 'new']);
      await sleep(1500);
      expect(proxy.delayed).toBe(true);
      // Written after the read, before the watch exists: then changed again.
      await ectl('put', 'w/race', 'new');
      await ectl('put', 'w/race', 'newer');
      expect(await w.exited).toEqual({ code: 0, signal: null });
    } finally {
      await proxy.close();
    }
  });
});

describe('ectl wait on a 3-member cluster', () => {
  const c = useCluster(3);

  it('the member its watch is on is killed: it goes on on another and sees the change', async () => {
    const nodes = c.cluster.nodes;
    const eps = c.endpoints.join(',');
    const w = spawnEctl([
      '--debug',
      '--endpoints',
      eps,
      'wait',
      'r/k',
      '--exists',
      '--timeout',
      '60s',
    ]);
    const m = await w.waitFor(/watch: stream open on (\S+)/, {
      stream: 'stderr',
      timeoutMs: 15_000,
    });
    const victim = nodes.find((n) => n.endpoint === m[1])!;
    await victim.kill();
    await sleep(500);
    const others = nodes.filter((n) => n !== victim) as [EtcdNode, EtcdNode];
    await retry(() => gateway(others[0], '/v3/kv/put', { key: b64('r/k'), value: b64('v') }));
    expect(await w.exited).toEqual({ code: 0, signal: null });
    const opens = [...w.stderr().matchAll(/watch: stream open on (\S+)/g)].map((x) => x[1]);
    expect(opens.length).toBeGreaterThanOrEqual(2);
    expect(opens[opens.length - 1]).not.toBe(victim.endpoint);
    expect(w.stderr()).not.toMatch(/^Error/m);
    await victim.restart();
  }, 60_000);

  it('a member restart while waiting: the change made while it was down is seen', async () => {
    const nodes = c.cluster.nodes;
    await Promise.all(nodes.map((n) => n.waitHealthy()));
    const eps = nodes.map((n) => n.endpoint);
    // Only the first member is given: the wait must ride out its restart on the same endpoint.
    const first = nodes[0]!;
    await retry(() => gateway(nodes[1]!, '/v3/kv/put', { key: b64('r/d'), value: b64('v') }));
    const w = spawnEctl(
      ['--debug', '--endpoints', eps[0]!, 'wait', 'r/d', '--deleted'].concat(['--timeout', '60s']),
    );
    await sleep(1500);
    expect(w.child.exitCode).toBeNull();
    await first.kill();
    await retry(() => gateway(nodes[1]!, '/v3/kv/deleterange', { key: b64('r/d') }));
    await first.restart();
    expect(await w.exited).toEqual({ code: 0, signal: null });
    // The stream ended with the member and was opened again on the same endpoint.
    expect(w.stderr()).toMatch(/watch: stream on \S+ ended: [\s\S]*watch: stream open on/);
    expect(w.stderr()).not.toMatch(/^Error/m);
  }, 60_000);
});

describe('an unreachable cluster', () => {
  it('wait, edit, history and diff end with the deadline error instead of hanging', async () => {
    const ep = await refusedEndpoint();
    const cmds = [
      ['wait', 'k', '--exists'],
      ['edit', 'k'],
      ['history', 'k'],
      ['diff', 'k', '--rev', '1'],
    ];
    for (const args of cmds) {
      const r = await runEctl(['--endpoints', ep, ...QUICK, ...args], { env: { EDITOR: 'false' } });
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr).toMatch(
        /^Error: context deadline exceeded \(127\.0\.0\.1:\d+: connection refused\)\n$/,
      );
      expect(r.ms).toBeLessThan(QUICK_BOUND_MS);
    }
  });
});
