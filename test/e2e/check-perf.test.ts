// `check perf` against real etcd: etcdctl's errors for a bad --load and a used prefix (nothing
// written), a short load (ECTL_CHECK_PERF_DURATION) at the model's rate with its clean-up,
// compaction and defragmentation, SIGINT ending the load early but not the clean-up and verdict,
// and bounded failures when the cluster is unreachable or dies during the load.
import { describe, expect, it } from 'vitest';
import { startEtcd, useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl, spawnEctl } from '../harness/run.js';
import { countUnder, expectPerfVerdict, revisionOf } from './check-kit.js';
import { errorLines, refusedEndpoint } from './util.js';

const etcd = useEtcd();
const ep = () => ['--endpoints', etcd.endpoint];
const PREFIX = '/etcdctl-check-perf/';
const short = (d: string) => ({ env: { ECTL_CHECK_PERF_DURATION: d } });

describe('check perf: arguments', () => {
  it('an unknown --load is exit 4 before any connection, as etcdctl', async () => {
    for (const load of ['x', 'XL', 'xlarge', '']) {
      const r = await runEctl(['--endpoints', '127.0.0.1:1', 'check', 'perf', '--load', load]);
      expect({ err: r.stderr, code: r.code, out: r.stdout.toString() }).toEqual({
        err: `Error: unknown load option ${load}\n`,
        code: 4,
        out: '',
      });
      if (hasEtcdctl()) {
        const e = await runEtcdctl(['--endpoints', '127.0.0.1:1', 'check', 'perf', '--load', load]);
        expect({ err: errorLines(e), code: e.code }).toEqual({
          err: `Error: unknown load option ${load}`,
          code: 4,
        });
      }
    }
  });

  it("a prefix with keys is exit 3 with main's text, positional words ignored, nothing written", async () => {
    const put = await runEctl([...ep(), 'put', `${PREFIX}mine`, 'v']);
    expect(put.code).toBe(0);
    const before = await revisionOf(etcd.node);
    for (const extra of [[], ['--load', 'xLarge', 'ignored', 'words']]) {
      const r = await runEctl([...ep(), 'check', 'perf', ...extra]);
      expect({ err: r.stderr, code: r.code, out: r.stdout.toString() }).toEqual({
        err: `Error: prefix "${PREFIX}" has keys. Delete with 'etcdctl del --prefix ${PREFIX}' first\n`,
        code: 3,
        out: '',
      });
    }
    const other = await runEctl([...ep(), 'check', 'perf', '--prefix', '/etcdctl-check-perf']);
    expect(other.stderr).toBe(
      `Error: prefix "/etcdctl-check-perf" has keys. Delete with 'etcdctl del --prefix /etcdctl-check-perf' first\n`,
    );
    // The empty prefix is the whole key space.
    const all = await runEctl([...ep(), 'check', 'perf', '--prefix', '']);
    expect({ err: all.stderr, code: all.code }).toEqual({
      err: `Error: prefix "" has keys. Delete with 'etcdctl del --prefix ' first\n`,
      code: 3,
    });
    if (hasEtcdctl()) {
      // 3.4.23 words it without quotes around the command (main added them).
      const e = await runEtcdctl([...ep(), 'check', 'perf', 'ignored']);
      expect({ err: errorLines(e), code: e.code }).toEqual({
        err: `Error: prefix "${PREFIX}" has keys. Delete with etcdctl del --prefix ${PREFIX} first`,
        code: 3,
      });
    }
    expect(await revisionOf(etcd.node)).toBe(before);
    expect((await runEctl([...ep(), 'del', `${PREFIX}mine`])).code).toBe(0);
  });

  it('a bad ECTL_CHECK_PERF_DURATION is refused before connecting', async () => {
    const r = await runEctl(['--endpoints', '127.0.0.1:1', 'check', 'perf'], short('soon'));
    expect({ err: r.stderr, code: r.code }).toEqual({
      err: 'Error: invalid ECTL_CHECK_PERF_DURATION "soon": want a duration\n',
      code: 128,
    });
  });
});

describe('check perf: the load', () => {
  it('puts at 150/s, deletes its keys, compacts and defragments, then the verdict', async () => {
    const before = await revisionOf(etcd.node);
    const r = await runEctl([...ep(), 'check', 'perf', '--auto-compact', '--auto-defrag'], {
      ...short('3s'),
      timeoutMs: 60_000,
    });
    expect(r.stderr).toBe(''); // no terminal: no progress bar
    const { out, writes } = expectPerfVerdict(r);
    const m = /^Compacting with revision (\d+)\nCompacted with revision \1\n/.exec(out);
    expect(m, out).not.toBeNull();
    expect(out).toContain(`Defragmenting "${etcd.endpoint}"\nDefragmented "${etcd.endpoint}"\n`);
    const rev = BigInt(m![1]!);
    // The puts (one revision each, 451 at most in 3 s), then the deletion.
    const puts = Number(rev - before - 1n);
    expect(puts).toBeGreaterThan(300);
    expect(puts).toBeLessThanOrEqual(451);
    expect(writes).toBeLessThanOrEqual(152);
    expect(rev).toBe(await revisionOf(etcd.node));
    expect(await countUnder(etcd.node, PREFIX)).toBe(0);
    const old = await runEctl([...ep(), 'get', 'x', '--rev', String(before + 1n)]);
    expect(old.stderr).toBe('Error: etcdserver: mvcc: required revision has been compacted\n');
  }, 60_000);

  it('SIGINT ends the load early; the keys are deleted and the verdict decides the exit code', async () => {
    const before = await revisionOf(etcd.node);
    const p = spawnEctl([...ep(), 'check', 'perf', '--prefix', '/int/'], short('60s'));
    // Wait until the load is under way, then interrupt.
    for (let i = 0; i < 100 && (await revisionOf(etcd.node)) - before < 100n; i++)
      await new Promise((res) => setTimeout(res, 100));
    const sent = performance.now();
    const { code, signal } = await p.kill('SIGINT');
    expect(performance.now() - sent).toBeLessThan(8000);
    expect(signal).toBeNull();
    expectPerfVerdict({ stdout: p.stdout(), code });
    expect(p.stdout()).not.toMatch(/Compacting|Cleanup failed/);
    expect(await countUnder(etcd.node, '/int/')).toBe(0);
    // A FAIL after SIGINT is exit 1 (not 130): xl's 15 000 writes/s are out of reach here.
    const xl = spawnEctl(
      [...ep(), 'check', 'perf', '--prefix', '/xl/', '--load', 'xl'],
      short('60s'),
    );
    await new Promise((res) => setTimeout(res, 1500));
    const end = await xl.kill('SIGINT');
    expect(expectPerfVerdict({ stdout: xl.stdout(), code: end.code }).pass).toBe(false);
    expect(await countUnder(etcd.node, '/xl/')).toBe(0);
  }, 40_000);
});

describe('check perf: failures', () => {
  it('an unreachable cluster is an error within --command-timeout, nothing on stdout', async () => {
    const dead = await refusedEndpoint();
    const r = await runEctl(['--endpoints', dead, '--command-timeout', '1s', 'check', 'perf']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: context deadline exceeded \(.*connection refused\)\n$/);
    expect(r.stdout.toString()).toBe('');
    expect(r.ms).toBeLessThan(4000);
  });

  it('a cluster that dies during the load: failed puts and clean-up, FAIL, exit 1, bounded', async () => {
    const node = await startEtcd({ name: 'dying' });
    try {
      const p = spawnEctl(
        [
          ...['--endpoints', node.endpoint, '--command-timeout', '1s', '--dial-timeout', '1s'],
        ].concat(['check', 'perf']),
        short('4s'),
      );
      await new Promise((res) => setTimeout(res, 1500));
      await node.kill();
      const started = performance.now();
      const { code } = await p.exited;
      // Rest of the load (~3 s) + the last puts' deadline (1 s) + the clean-up's 30 s.
      expect(performance.now() - started).toBeLessThan(40_000);
      const out = p.stdout();
      expect(out).toMatch(
        /^FAIL: Cleanup failed during key deletion: ERROR\(context deadline exceeded\)\nFAIL: too many errors\n(FAIL: ERROR\(.+\) -> \d+\n)+/,
      );
      expect(out).toContain('FAIL: ERROR(context deadline exceeded) -> ');
      expectPerfVerdict({ stdout: out, code });
      expect(code).toBe(1);
      expect(p.stderr()).toBe('');
    } finally {
      await node.destroy();
    }
  }, 90_000);
});

describe('check perf with authentication', () => {
  const secured = useEtcd({ auth: true, name: 'auth' });
  const as = (user: string) => ['--endpoints', secured.endpoint, '--user', user];

  it('runs as a user allowed to write the prefix, and defragments as root', async () => {
    const r = await runEctl(
      [...as('root:rootpw'), 'check', 'perf', '--auto-defrag', '--auto-compact'],
      short('1s'),
    );
    const { out } = expectPerfVerdict(r);
    expect(out).toMatch(/^Compacting with revision \d+\n.*\nDefragmenting "/);
    expect(await countUnder(secured.node, PREFIX)).toBe(0);
  });

  it("a user without rights on the prefix gets etcd's error before any put", async () => {
    const r = await runEctl([...as('alice:alicepw'), 'check', 'perf'], short('1s'));
    expect({ err: r.stderr, code: r.code, out: r.stdout.toString() }).toEqual({
      err: 'Error: etcdserver: permission denied\n',
      code: 1,
      out: '',
    });
    const wrong = await runEctl([...as('alice:nope'), 'check', 'perf'], short('1s'));
    expect({ err: wrong.stderr, code: wrong.code }).toEqual({
      err: 'Error: etcdserver: authentication failed, invalid user ID or password\n',
      code: 2,
    });
  });
});
