// `check datascale` against real etcd, side by side with etcdctl 3.4.23 where main did not change
// it (everything but the progress bar, which 3.4 writes to stdout): the 10 000 puts, the memory
// read from /metrics, the clean-up lines; the failures to read /metrics (through a proxy that
// passes gRPC but answers HTTP itself) with etcdctl's exact lines and nothing written; and an
// unreachable cluster ending within the timeouts.
import { afterAll, describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl, spawnEctl, type RunResult } from '../harness/run.js';
import { countUnder, metricsProxy, revisionOf } from './check-kit.js';
import { errorLines, hangingServer, refusedEndpoint } from './util.js';

const etcd = useEtcd();
const PREFIX = '/etcdctl-check-datascale/';
const proxies: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
});

// etcdctl 3.4.23 writes pb v1's frames to stdout: `\r  123 / 10000    1.23% 00m05s` and the like.
const withoutBar = (out: string) =>
  out
    .replace(/\r? *\d+ \/ 10000 +\d+\.\d\d%( \S+)?/g, '')
    .replace(/\r/g, '')
    .replace(/^[ \t]*\n/gm, '');
// The numbers that differ from run to run.
const shape = (out: string) =>
  out.replace(/revision \d+/g, 'revision N').replace(/: -?\d+\.\d\d MB\./, ': X.XX MB.');

const START =
  'Start data scale check for work load [10000 key-value pairs, 1024 bytes per key-value, 50 concurrent clients].\n';

describe('check datascale', () => {
  it('puts 10 000 pairs, reads the memory used, deletes, compacts and defragments as etcdctl', async () => {
    const args = ['--endpoints', etcd.endpoint, 'check', 'datascale'];
    const flags = ['--auto-compact', '--auto-defrag'];
    const before = await revisionOf(etcd.node);
    const r = await runEctl([...args, ...flags], { timeoutMs: 120_000 });
    expect({ err: r.stderr, code: r.code }).toEqual({ err: '', code: 0 });
    const out = r.stdout.toString();
    const ep = etcd.endpoint;
    expect(shape(out)).toBe(
      START +
        'Compacting with revision N\nCompacted with revision N\n' +
        `Defragmenting "${ep}"\nDefragmented "${ep}"\n` +
        'PASS: Approximate system memory used : X.XX MB.\n',
    );
    // Every pair was written (a random key may repeat: still one revision each), then deleted.
    const rev = BigInt(/Compacting with revision (\d+)/.exec(out)![1]!);
    expect(rev - before).toBe(10_001n);
    expect(await countUnder(etcd.node, PREFIX)).toBe(0);
    if (hasEtcdctl()) {
      const e = await runEtcdctl([...args, ...flags], { timeoutMs: 120_000 });
      expect(e.code).toBe(0);
      expect(shape(withoutBar(e.stdout.toString()))).toBe(shape(out));
    }
  }, 240_000);

  it('a prefix with keys is exit 3 (text without quotes, as etcdctl), nothing written', async () => {
    expect((await runEctl(['--endpoints', etcd.endpoint, 'put', `${PREFIX}k`, 'v'])).code).toBe(0);
    const before = await revisionOf(etcd.node);
    const args = ['--endpoints', etcd.endpoint, 'check', 'datascale', 'ignored'];
    const want = `Error: prefix "${PREFIX}" has keys. Delete with etcdctl del --prefix ${PREFIX} first`;
    const r = await runEctl(args);
    expect({ err: r.stderr, code: r.code, out: r.stdout.toString() }).toEqual({
      err: `${want}\n`,
      code: 3,
      out: '',
    });
    if (hasEtcdctl()) {
      const e = await runEtcdctl(args);
      expect({ err: errorLines(e), code: e.code }).toEqual({ err: want, code: 3 });
    }
    expect(await revisionOf(etcd.node)).toBe(before);
    expect((await runEctl(['--endpoints', etcd.endpoint, 'del', `${PREFIX}k`])).code).toBe(0);
  });

  it.each([
    ['no such metric', 'go_goroutines 12\n', 'could not find: process_resident_memory_bytes\n'],
    [
      'a bad value',
      'process_resident_memory_bytes lots\n',
      'parse error: strconv.ParseFloat: parsing "lots": invalid syntax\n',
    ],
    ['a value of 0', 'process_resident_memory_bytes 0\n', ''],
    ['a closed connection', undefined, 'fetch error: Get "http://EP/metrics": EOF\n'],
  ])('/metrics with %s: etcdctl lines, exit 1, nothing written', async (_, body, problem) => {
    const proxy = await metricsProxy(etcd.node.spec.clientPort, body);
    proxies.push(proxy);
    const before = await revisionOf(etcd.node);
    const want =
      problem.replace('EP', proxy.endpoint) +
      'FAIL: Could not read process_resident_memory_bytes before the put operations.\n';
    const args = ['--endpoints', proxy.endpoint, 'check', 'datascale'];
    const runs: RunResult[] = [await runEctl(args)];
    if (hasEtcdctl()) runs.push(await runEtcdctl(args));
    for (const r of runs) {
      expect({ out: r.stdout.toString(), code: r.code }).toEqual({ out: want, code: 1 });
    }
    expect(runs[0]!.stderr).toBe('');
    expect(await revisionOf(etcd.node)).toBe(before);
  });

  it('/metrics of a first endpoint that refuses: the fetch error as Go words it', async () => {
    // The gRPC calls fail over to the second endpoint; /metrics is read from the first only.
    const dead = await refusedEndpoint();
    const args = ['--endpoints', `${dead},${etcd.endpoint}`, 'check', 'datascale'];
    const want =
      `fetch error: Get "http://${dead}/metrics": dial tcp ${dead}: connect: connection refused\n` +
      'FAIL: Could not read process_resident_memory_bytes before the put operations.\n';
    const runs: RunResult[] = [await runEctl(args)];
    if (hasEtcdctl()) runs.push(await runEtcdctl(args));
    for (const r of runs) {
      expect({ out: r.stdout.toString(), code: r.code }).toEqual({ out: want, code: 1 });
    }
  });

  it('a first endpoint that never answers /metrics: a fetch error within --command-timeout', async () => {
    const hanging = await hangingServer();
    proxies.push(hanging);
    const args = ['--endpoints', `${hanging.endpoint},${etcd.endpoint}`, '--command-timeout', '1s'];
    const r = await runEctl([...args, 'check', 'datascale']);
    expect({ out: r.stdout.toString(), code: r.code }).toEqual({
      out:
        `fetch error: Get "http://${hanging.endpoint}/metrics": context deadline exceeded (Client.Timeout exceeded while awaiting headers)\n` +
        'FAIL: Could not read process_resident_memory_bytes before the put operations.\n',
      code: 1,
    });
    expect(r.ms).toBeLessThan(4000);
  });

  it('SIGINT ends it at once, by the signal, as it ends etcdctl (no handler there): no clean-up', async () => {
    const p = spawnEctl([
      '--endpoints',
      etcd.endpoint,
      'check',
      'datascale',
      '--prefix',
      '/ds-int/',
    ]);
    await p.waitFor(/Start data scale check/);
    await new Promise((res) => setTimeout(res, 500));
    const sent = performance.now();
    expect(await p.kill('SIGINT')).toEqual({ code: null, signal: 'SIGINT' });
    expect(performance.now() - sent).toBeLessThan(2000);
    expect(p.stdout()).toBe(START);
    expect(await countUnder(etcd.node, '/ds-int/')).toBeGreaterThan(0);
    expect(
      (await runEctl(['--endpoints', etcd.endpoint, 'del', '--prefix', '/ds-int/'])).code,
    ).toBe(0);
  });

  it('an unreachable cluster is an error within --command-timeout, nothing on stdout', async () => {
    const dead = await refusedEndpoint();
    const r = await runEctl(['--endpoints', dead, '--command-timeout', '1s', 'check', 'datascale']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: context deadline exceeded \(.*connection refused\)\n$/);
    expect(r.stdout.toString()).toBe('');
    expect(r.ms).toBeLessThan(4000);
  });
});

describe('check datascale over TLS', () => {
  const secure = useEtcd({ tls: true, name: 'tls' });
  const ep = () => `https://${secure.endpoint}`;
  const withCa = () => ['--endpoints', ep(), '--cacert', secure.node.tls!.caFile];
  const withCert = () => [
    ...withCa(),
    ...['--cert', secure.node.tls!.clientCert, '--key', secure.node.tls!.clientKey],
  ];
  const fail = 'FAIL: Could not read process_resident_memory_bytes before the put operations.\n';

  it('https /metrics: client certificate required, system roots only, as etcdctl main', async () => {
    // etcdctl loads --cert/--key for an https endpoint even when the server does not ask for them.
    const noCert = await runEctl([...withCa(), 'check', 'datascale']);
    expect({ out: noCert.stdout.toString(), code: noCert.code }).toEqual({
      out: 'client certificate error: open : no such file or directory\n' + fail,
      code: 1,
    });
    // The test CA is no system root: main's Go client refuses it, --cacert notwithstanding.
    const r = await runEctl([...withCert(), 'check', 'datascale']);
    expect({ out: r.stdout.toString(), code: r.code }).toEqual({
      out:
        `fetch error: Get "${ep()}/metrics": tls: failed to verify certificate: x509: certificate signed by unknown authority\n` +
        fail,
      code: 1,
    });
    const skip = await runEctl(
      [...withCert(), '--insecure-skip-tls-verify', 'check', 'datascale'],
      {
        timeoutMs: 120_000,
      },
    );
    expect({ err: skip.stderr, code: skip.code }).toEqual({ err: '', code: 0 });
    const start = START.replace(/[[\].]/g, '\\$&');
    expect(skip.stdout.toString()).toMatch(
      new RegExp(`^${start}PASS: Approximate system memory used : -?\\d+\\.\\d\\d MB\\.\\n$`),
    );
    expect(await countUnder(secure.node, PREFIX)).toBe(0);
  }, 120_000);
});
