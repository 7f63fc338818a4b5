// `snapshot save` against real etcd: the file and stdout are etcdctl's byte for byte (a single node
// and a member of a 3-member cluster), argument and endpoint errors are etcdctl's and write nothing,
// a dead endpoint fails within the timeouts, a server killed mid-stream leaves neither the file nor
// its `.part`, and a terminal shows the progress. main's changes (the argument error's text,
// status/restore gone to etcdutl) are golden files.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { b64, gateway, startCluster, startEtcd, useEtcd } from '../harness/etcd.js';
import type { HttpTarget } from '../harness/gateway.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import {
  ECTL_BIN,
  hasEtcdctl,
  runEctl,
  runEtcdctl,
  spawnEctl,
  type RunResult,
} from '../harness/run.js';
import { expectGolden } from '../helpers/golden.js';
import { slowProxy } from '../helpers/slow-proxy.js';
import { q, useTmux } from '../harness/tmux.js';
import { both, errorLines, expectRefDeadline, refusedEndpoint } from './util.js';

const etcd = useEtcd();
const secured = useEtcd({ name: 'snapauth', auth: true });
const tmux = useTmux('snapshot-tty');
const ep = () => ['--endpoints', etcd.endpoint];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}snapshot-`));
  trackDir(dir);
  return dir;
}

async function fill(target: HttpTarget, prefix: string, n: number, size = 16): Promise<void> {
  for (let i = 0; i < n; i++) {
    const value = Buffer.alloc(size, 97 + (i % 26)).toString('base64');
    await gateway(target, '/v3/kv/put', { key: b64(`${prefix}${i}`), value });
  }
}

function saved(r: RunResult, file: string): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout.toString()).toBe(`Snapshot saved at ${file}\n`);
}

beforeAll(() => fill(etcd.node, 'snap/k', 50));

describe('snapshot save', () => {
  it('writes the same file and line as etcdctl: mode 0600, no .part left', async () => {
    const dir = tempDir();
    const ectl = await runEctl([...ep(), 'snapshot', 'save', 'e.db'], { cwd: dir });
    saved(ectl, 'e.db');
    expect(statSync(join(dir, 'e.db')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['e.db']);
    const size = statSync(join(dir, 'e.db')).size;
    expect(size % 512).toBe(32);
    if (!hasEtcdctl()) return;
    const ref = await runEtcdctl([...ep(), 'snapshot', 'save', 'c.db'], { cwd: dir });
    expect(ref.code).toBe(0);
    expect(ref.stdout.toString()).toBe('Snapshot saved at c.db\n');
    expect(readFileSync(join(dir, 'e.db')).equals(readFileSync(join(dir, 'c.db')))).toBe(true);
  });

  it('bad arguments: etcdctl main’s text, exit 128, nothing written', async () => {
    const dir = tempDir();
    for (const args of [[], ['a.db', 'b.db']]) {
      const { ectl, etcdctl } = await both([...ep(), 'snapshot', 'save', ...args], { cwd: dir });
      expect({ code: ectl.code, out: ectl.stdout.toString() }).toEqual({ code: 128, out: '' });
      expectGolden('snapshot/save-args.stderr', ectl.stderr);
      // 3.4 says only "snapshot save expects one argument".
      if (etcdctl) expect(etcdctl.code).toBe(128);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('several endpoints, none, an unopenable path: exit 5 with etcdctl’s error, nothing written', async () => {
    const dir = tempDir();
    const other = await refusedEndpoint();
    const cases = [
      ['--endpoints', `${etcd.endpoint},${other}`, 'snapshot', 'save', 'x.db'],
      ['--endpoints', '', 'snapshot', 'save', 'x.db'],
      [...ep(), 'snapshot', 'save', join(dir, 'nodir', 'x.db')],
    ];
    for (const args of cases) {
      const { ectl, etcdctl } = await both(args, { cwd: dir });
      expect(ectl.code, ectl.stderr).toBe(5);
      expect(ectl.stdout.toString()).toBe('');
      expect(ectl.stderr).toMatch(/^Error: [^\n]+\n$/);
      if (etcdctl) {
        expect(etcdctl.code).toBe(5);
        expect(ectl.stderr).toBe(`${errorLines(etcdctl)}\n`);
      }
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('unreadable TLS files are exit 128, as etcdctl', async () => {
    const args = [...ep(), '--cacert', '/nonexistent/ca.pem', 'snapshot', 'save', 'x.db'];
    const { ectl, etcdctl } = await both(args, { cwd: tempDir() });
    expect({ code: ectl.code, err: ectl.stderr }).toEqual({
      code: 128,
      err: 'Error: open /nonexistent/ca.pem: no such file or directory\n',
    });
    if (etcdctl) expect(`${errorLines(etcdctl)}\n`).toBe(ectl.stderr);
  });

  it('a dead endpoint fails within the dial timeout (etcdctl hangs), .part removed', async () => {
    const dir = tempDir();
    const dead = ['--endpoints', await refusedEndpoint(), '--dial-timeout', '1s'];
    const r = await runEctl([...dead, 'snapshot', 'save', 'x.db'], { cwd: dir });
    expect(r.code).toBe(5);
    expect(r.ms).toBeLessThan(3500);
    expect(r.stderr).toMatch(
      /^Error: context deadline exceeded \(127\.0\.0\.1:\d+: connection refused\)\n$/,
    );
    // ETCDCTL_COMMAND_TIMEOUT counts as given: etcdctl then fails too.
    const env = { ETCDCTL_COMMAND_TIMEOUT: '1s' };
    const { ectl, etcdctl } = await both([...dead, 'snapshot', 'save', 'y.db'], { cwd: dir, env });
    expect(ectl.code).toBe(5);
    expect(ectl.ms).toBeLessThan(3500);
    expectRefDeadline(etcdctl, 5);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('-w and --hex change nothing, as in etcdctl', async () => {
    const dir = tempDir();
    for (const [i, flags] of [['-w', 'json'], ['-w', 'fields'], ['--hex']].entries()) {
      const file = `f${i}.db`;
      const { ectl, etcdctl } = await both([...ep(), ...flags, 'snapshot', 'save', file], {
        cwd: dir,
      });
      saved(ectl, file);
      if (etcdctl) expect(etcdctl.stdout.toString()).toBe(ectl.stdout.toString());
    }
  });

  it('with auth: root saves; alice is refused and a wrong password fails, exit 5 as etcdctl', async () => {
    const dir = tempDir();
    const at = ['--endpoints', secured.endpoint];
    saved(
      await runEctl([...at, '--user', 'root:rootpw', 'snapshot', 'save', 'r.db'], { cwd: dir }),
      'r.db',
    );
    const refused = [
      ['--user', 'alice:alicepw'],
      ['--user', 'root:wrong'],
    ];
    for (const user of refused) {
      const { ectl, etcdctl } = await both([...at, ...user, 'snapshot', 'save', 'x.db'], {
        cwd: dir,
      });
      expect(ectl.code, ectl.stderr).toBe(5);
      expect(ectl.stderr).toMatch(/^Error: [^\n]+\n$/);
      if (etcdctl) {
        expect(etcdctl.code).toBe(5);
        expect(ectl.stderr).toBe(`${errorLines(etcdctl)}\n`);
      }
    }
    expect(readdirSync(dir)).toEqual(['r.db']);
  });

  it('snapshot status and restore moved to etcdutl: main’s help, exit 0, and where they went', async () => {
    const help = await runEctl(['snapshot', '--help']);
    expect(help.code).toBe(0);
    for (const word of ['status', 'restore']) {
      const r = await runEctl(['snapshot', word, 'x.db'], { cwd: tempDir() });
      expect(r.code).toBe(0);
      expect(r.stdout.toString()).toBe(help.stdout.toString());
      expectGolden(`snapshot/${word}.stderr`, r.stderr);
    }
  });
});

describe('snapshot save, failures while streaming and on a terminal', () => {
  it('a server killed mid-stream: exit 5, neither the file nor its .part is left', async () => {
    const node = await startEtcd({ name: 'snapkill' });
    const proxy = await slowProxy(node.spec.clientPort, 1_000_000);
    try {
      await fill(node, 'big/', 6, 1_000_000);
      const dir = tempDir();
      const run = spawnEctl(['--endpoints', proxy.endpoint, 'snapshot', 'save', 'k.db'], {
        cwd: dir,
      });
      const part = join(dir, 'k.db.part');
      const until = Date.now() + 10_000;
      while (!(existsSync(part) && statSync(part).size > 0) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(statSync(part).size).toBeGreaterThan(0);
      await node.kill();
      const { code } = await run.exited;
      expect(code).toBe(5);
      expect(run.stdout()).toBe('');
      expect(run.stderr()).toMatch(/^Error: could not write snapshot: [^\n]+\n$/);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await proxy.close();
      await node.destroy();
    }
  });

  it('interrupted (SIGINT) mid-stream: neither the file nor its .part is left', async () => {
    await fill(etcd.node, 'int/', 3, 1_000_000);
    const proxy = await slowProxy(etcd.node.spec.clientPort, 1_000_000);
    try {
      const dir = tempDir();
      const run = spawnEctl(['--endpoints', proxy.endpoint, 'snapshot', 'save', 'i.db'], {
        cwd: dir,
      });
      const part = join(dir, 'i.db.part');
      const until = Date.now() + 10_000;
      while (!(existsSync(part) && statSync(part).size > 0) && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      const { code, signal } = await run.kill('SIGINT');
      // Whether ectl exits 130 or dies by the signal is the process edge's business.
      expect(code === 130 || signal === 'SIGINT').toBe(true);
      expect(run.stdout()).toBe('');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('shows bytes, percentage and rate on a terminal’s stderr, then the result', async (t) => {
    if (tmux.skipReason()) return t.skip();
    await fill(etcd.node, 'tty/', 4, 1_000_000);
    const proxy = await slowProxy(etcd.node.spec.clientPort, 2_000_000);
    try {
      const dir = tempDir();
      const argv = [process.execPath, ECTL_BIN, '--endpoints', proxy.endpoint];
      const line = [...argv, 'snapshot', 'save', 'tty.db'].map(q).join(' ');
      const s = tmux.session('save', `cd ${q(dir)} && ${line}; echo "[exit $?]"; sleep 600`);
      await s.waitFor(/Fetching snapshot: \d[\d.]* [kM]?B \/ [\d.]+ MB \(\d+%\), [\d.]+ [kM]?B\/s/);
      const done = await s.waitFor(/\[exit \d+\]/, 20_000);
      expect(done).toMatch(
        /(^|\n)Fetched snapshot: [\d.]+ MB in [\d.]+m?s \([\d.]+ [kM]B\/s\) *\nSnapshot saved at tty\.db\n\[exit 0\]/,
      );
      expect(existsSync(join(dir, 'tty.db'))).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});

describe('snapshot save on a 3-member cluster', () => {
  it('one member: the same file as etcdctl; all three: etcdctl’s error, exit 5', async () => {
    const cluster = await startCluster(3, { name: 'snapc' });
    try {
      await fill(cluster.nodes[0]!, 'c/', 20);
      const dir = tempDir();
      const one = ['--endpoints', cluster.endpoints[1]!, 'snapshot', 'save'];
      saved(await runEctl([...one, 'e.db'], { cwd: dir }), 'e.db');
      const ref = hasEtcdctl() ? await runEtcdctl([...one, 'c.db'], { cwd: dir }) : undefined;
      if (ref)
        expect(readFileSync(join(dir, 'e.db')).equals(readFileSync(join(dir, 'c.db')))).toBe(true);
      const all = ['--endpoints', cluster.endpoints.join(','), 'snapshot', 'save', 'all.db'];
      const { ectl, etcdctl } = await both(all, { cwd: dir });
      expect(ectl.code).toBe(5);
      expect(ectl.stderr).toBe(
        `Error: snapshot must be requested to one selected node, not multiple [${cluster.endpoints.join(' ')}]\n`,
      );
      if (etcdctl) expect(`${errorLines(etcdctl)}\n`).toBe(ectl.stderr);
      expect(existsSync(join(dir, 'all.db'))).toBe(false);
    } finally {
      await cluster.destroy();
    }
  });
});
