// Endpoints (host:port, http://, unix://), failover past dead endpoints, a 3-member cluster with a
// member stopped or killed, deadlines on a dead cluster, and gRPC message limits; with etcdctl.
import { describe, expect, it } from 'vitest';
import { useCluster, useEtcd, type EtcdNode } from '../harness/etcd.js';
import { runEctl } from '../harness/run.js';
import {
  QUICK,
  blob,
  both,
  errorLines,
  expectDeadline,
  expectOk as ok,
  expectRefDeadline,
  hangingServer,
  refusedEndpoint,
} from './util.js';

// Server limit 2.4 MB: its gRPC layer then takes up to 2.4 MB + 512 KiB, so 2.5 MB reaches etcd.
const etcd = useEtcd({ unixSocket: true, extraArgs: ['--max-request-bytes', '2400000'] });
const KV: [string[], string][] = [
  [['put', 'k', 'v'], 'OK\n'],
  [['get', 'k', '--print-value-only'], 'v\n'],
  [['del', 'k'], '1\n'],
];

/** put, get, del in turn with `eps`, each fast: no waiting for a deadline (default 5 s). */
async function kvWorks(eps: string[]): Promise<void> {
  for (const [cmd, out] of KV) {
    const res = await runEctl(['--endpoints', eps.join(','), ...cmd]);
    ok(res, out);
    expect(res.ms).toBeLessThan(2500);
  }
}

/** SIGSTOP: the kernel still accepts connections, nobody answers; SIGCONT afterwards. */
async function whileStopped(node: EtcdNode, fn: () => Promise<void>): Promise<void> {
  process.kill(node.pid, 'SIGSTOP');
  try {
    await fn();
  } finally {
    process.kill(node.pid, 'SIGCONT');
  }
}

describe('endpoint forms', () => {
  it('host:port, http://host:port[/] and a spaced list, like etcdctl', async () => {
    const ep = etcd.endpoint;
    ok(await runEctl(['--endpoints', ep, 'put', 'forms', 'v1']), 'OK\n');
    for (const form of [ep, `http://${ep}`, `http://${ep}/`, ` ${ep} , http://${ep}`]) {
      const { ectl, etcdctl } = await both(['--endpoints', form, 'get', 'forms']);
      ok(ectl, 'forms\nv1\n');
      ok(etcdctl, 'forms\nv1\n');
    }
  });

  it('unix://localhost:PORT (etcd’s own form, relative), unix:///abs and unix:path', async () => {
    const { node } = etcd;
    const relative = `unix://localhost:${node.spec.clientPort}`;
    const r = await both(['--endpoints', relative, 'put', 'sock', 'u1'], { cwd: node.dir });
    ok(r.ectl, 'OK\n');
    ok(r.etcdctl, 'OK\n');
    const abs = await both(['--endpoints', `unix://${node.unixSocket}`, 'get', 'sock']);
    ok(abs.ectl, 'sock\nu1\n');
    ok(abs.etcdctl, 'sock\nu1\n');
    // unix:path (no slashes) is main's form; etcdctl 3.4 does not know it.
    ok(await runEctl(['--endpoints', `unix:${node.unixSocket}`, 'del', 'sock']), '1\n');
  });

  it('an empty endpoint list is exit 2, as in etcdctl', async () => {
    const { ectl, etcdctl } = await both(['--endpoints', '', 'get', 'k']);
    expect([ectl.code, ectl.stderr]).toEqual([2, 'Error: etcdclient: no available endpoints\n']);
    if (etcdctl) expect([etcdctl.code, etcdctl.stderr]).toEqual([ectl.code, ectl.stderr]);
  });
});

describe('message limits', () => {
  it('a value above 2 MiB is refused by the client, with etcdctl’s text', async () => {
    const put = ['--endpoints', etcd.endpoint, 'put', 'big'];
    const { ectl, etcdctl } = await both(put, { stdin: blob(2_200_000) });
    const msg = `Error: rpc error: code = ResourceExhausted desc = trying to send message larger than max (2200010 vs. 2097152)`;
    expect([ectl.stderr, ectl.code]).toEqual([`${msg}\n`, 1]);
    if (etcdctl) expect([errorLines(etcdctl), etcdctl.code]).toEqual([msg, 1]);
  });

  it('--max-request-bytes 3000000 lets 2.5 MB through to the server', async () => {
    const args = ['--endpoints', etcd.endpoint, '--max-request-bytes', '3000000', 'put', 'big'];
    const res = await runEctl(args, { stdin: blob(2_500_000) });
    expect([res.stderr, res.code]).toEqual(['Error: etcdserver: request is too large\n', 1]);
  });

  it('--max-request-bytes 10 --max-recv-bytes 5 is a configuration error (exit 2)', async () => {
    const res = await runEctl(['--max-request-bytes', '10', '--max-recv-bytes', '5', 'get', 'k']);
    const msg = 'gRPC message recv limit (5 bytes) must be greater than send limit (10 bytes)';
    expect([res.stderr, res.code]).toEqual([`Error: ${msg}\n`, 2]);
  });

  it('receives a response above 4 MiB (no grpc-js default receive limit)', async () => {
    const ep = ['--endpoints', etcd.endpoint];
    for (const k of ['a', 'b', 'c', 'd']) {
      ok(await runEctl([...ep, 'put', `huge/${k}`], { stdin: blob(1_200_000, k) }), 'OK\n');
    }
    const { ectl, etcdctl } = await both([...ep, 'get', '--prefix', 'huge/', '--print-value-only']);
    ok(ectl);
    expect(ectl.stdout.length).toBe(4 * 1_200_001);
    expect(ectl.stdout.subarray(0, 3).toString()).toBe('aaa');
    if (etcdctl) expect(ectl.stdout.equals(etcdctl.stdout)).toBe(true);
  });
});

describe('failover past a dead first endpoint', () => {
  it('refused, then unresponsive, first endpoints cost little; etcdctl agrees', async () => {
    const hang = await hangingServer();
    try {
      for (const dead of [await refusedEndpoint(), hang.endpoint]) {
        await kvWorks([dead, etcd.endpoint]);
        const ref = await both(['--endpoints', `${dead},${etcd.endpoint}`, 'get', 'nothing']);
        ok(ref.ectl, '');
        ok(ref.etcdctl, '');
      }
    } finally {
      await hang.close();
    }
  });
});

describe('a dead cluster: every command ends within dial + command timeout', () => {
  for (const cmd of KV.map(([c]) => c)) {
    it(`${cmd[0]}: refused, unresponsive, and both (exit 1, cause per endpoint)`, async () => {
      const hang = await hangingServer();
      const refused = await refusedEndpoint();
      const cases: [string, RegExp][][] = [
        [[refused, /connection refused/]],
        [[hang.endpoint, /timed out/]],
        [
          [refused, /connection refused/],
          [hang.endpoint, /timed out/],
        ],
      ];
      try {
        await Promise.all(
          cases.map(async (causes) => {
            const eps = causes.map(([ep]) => ep).join(',');
            const { ectl, etcdctl } = await both(['--endpoints', eps, ...QUICK, ...cmd]);
            expectDeadline(ectl, causes);
            expectRefDeadline(etcdctl);
          }),
        );
      } finally {
        await hang.close();
      }
    });
  }

  it('a stopped etcd (SIGSTOP): put, get and del time out', async () => {
    const ep = etcd.endpoint;
    await whileStopped(etcd.node, async () => {
      await Promise.all(
        KV.map(async ([cmd]) => {
          const { ectl, etcdctl } = await both(['--endpoints', ep, ...QUICK, ...cmd]);
          expectDeadline(ectl, [[ep, /timed out/]]);
          expectRefDeadline(etcdctl);
        }),
      );
    });
  });

  it('honours ETCDCTL_DIAL_TIMEOUT and ETCDCTL_COMMAND_TIMEOUT', async () => {
    const hang = await hangingServer();
    try {
      const env = { ETCDCTL_DIAL_TIMEOUT: '1s', ETCDCTL_COMMAND_TIMEOUT: '1s' };
      const res = await runEctl(['--endpoints', hang.endpoint, 'get', 'k'], { env });
      expectDeadline(res, [[hang.endpoint, /timed out/]]);
    } finally {
      await hang.close();
    }
  });
});

describe('three members', () => {
  const c = useCluster(3);

  it('a stopped (SIGSTOP) follower as first endpoint costs little', async () => {
    const leader = await c.cluster.leader();
    const [paused, other] = c.cluster.nodes.filter((n) => n !== leader) as [EtcdNode, EtcdNode];
    await whileStopped(paused, () => kvWorks([paused, leader, other].map((n) => n.endpoint)));
  });

  it('endpoints are dialled in parallel: a frozen or refused first endpoint costs a few ms', async () => {
    const leader = await c.cluster.leader();
    const [paused, other] = c.cluster.nodes.filter((n) => n !== leader) as [EtcdNode, EtcdNode];
    const healthy = [leader, other].map((n) => n.endpoint);
    const get = async (eps: string[]) => {
      const res = await runEctl(['--debug', '--endpoints', eps.join(','), 'get', 'nothing']);
      expect(res.code).toBe(0);
      const ready = /\[ectl\] (\S+) ready after (\d+) ms/.exec(res.stderr);
      return { ms: res.ms, ep: ready?.[1], dial: Number(ready?.[2]) };
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const runs = { healthy: [] as number[], frozen: [] as number[], refused: [] as number[] };
    const dials: number[] = [];
    const refused = await refusedEndpoint();
    await whileStopped(paused, async () => {
      for (let n = 0; n < 5; n++) {
        runs.healthy.push((await get(healthy)).ms);
        const frozen = await get([paused.endpoint, ...healthy]);
        expect(frozen.ep).not.toBe(paused.endpoint);
        runs.frozen.push(frozen.ms);
        dials.push(frozen.dial);
        runs.refused.push((await get([refused, ...healthy])).ms);
      }
    });
    if (process.env.ECTL_DIAL_DEBUG) console.log(runs, dials);
    // Before: the first endpoint had 300 ms to connect before the next one was tried.
    expect(median(runs.frozen) - median(runs.healthy)).toBeLessThan(100);
    expect(median(runs.refused) - median(runs.healthy)).toBeLessThan(100);
  });

  it('the leader killed: put, get, del work with all three endpoints in any order', async () => {
    const leader = await c.cluster.leader();
    await leader.kill();
    await c.cluster.leader(); // a new one is elected among the two left
    const [a, b] = c.cluster.nodes.filter((n) => n !== leader).map((n) => n.endpoint);
    const dead = leader.endpoint;
    for (const order of [
      [dead, a!, b!],
      [a!, dead, b!],
      [a!, b!, dead],
    ]) {
      await kvWorks(order);
      const eps = ['--endpoints', order.join(',')];
      ok(await runEctl([...eps, 'put', 'ha', order.join()]), 'OK\n');
      const { ectl, etcdctl } = await both([...eps, 'get', 'ha', '--print-value-only']);
      ok(ectl, `${order.join()}\n`);
      ok(etcdctl, `${order.join()}\n`);
    }
  });
});

describe('fixed bugs (kept as regressions)', () => {
  it('--max-recv-bytes: the receive error uses grpc-go’s text', async () => {
    const ep = ['--endpoints', etcd.endpoint];
    ok(await runEctl([...ep, 'put', 'r', blob(2000).toString()]), 'OK\n');
    const res = await runEctl([...ep, '--max-recv-bytes', '1000', 'get', 'r']);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^Error: rpc error: code = ResourceExhausted desc = grpc: received message larger than max \(\d+ vs\. 1000\)\n$/,
    );
  });
});
