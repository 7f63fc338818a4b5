// Contexts against a real etcd: a namespaced context reads, watches, locks and deletes only under
// its prefix and sees its keys without it; a read-only context writes nothing; a confirm-writes
// context asks on a real terminal (tmux) and names itself before each write.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { ECTL_BIN, runEctl, spawnEctl } from '../harness/run.js';
import { q, useTmux } from '../harness/tmux.js';

const etcd = useEtcd();
const tmux = useTmux('contexts');
let env: Record<string, string>;

/** ectl with the test's config file; `raw` runs see the whole key space (no context). */
const ectl = (args: string[], stdin?: string) => runEctl(args, { env, stdin });
const raw = (args: string[]) => runEctl(['--endpoints', etcd.endpoint, ...args]);
const out = async (args: string[], stdin?: string) => {
  const r = await ectl(args, stdin);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r.stdout.toString();
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}contexts-`));
  trackDir(dir);
  env = { ECTL_CONFIG: join(dir, 'config.yaml') };
  const ep = etcd.endpoint;
  await out(['config', 'set-context', 'team', '--endpoints', ep, '--namespace', '/team/']);
  await out(['config', 'set-context', 'ro', '--endpoints', ep, '--read-only']);
  await out(['config', 'set-context', 'careful', '--endpoints', ep, '--confirm-writes']);
});

describe('a namespaced context', () => {
  it('cannot read or delete outside its prefix, and sees its keys without it', async () => {
    for (const k of ['/other/secret', '/teamless', 'top']) await raw(['put', k, 'outside']);
    await out(['--context', 'team', 'put', 'a', '1']);
    await out(['--context', 'team', 'put', 'b', '2']);
    expect((await raw(['get', '--prefix', '/team/', '--keys-only'])).stdout.toString()).toBe(
      '/team/a\n\n/team/b\n\n',
    );
    // Every key, from the start of the key space: only the namespace's, stripped.
    expect(await out(['--context', 'team', 'get', '--from-key', ''])).toBe('a\n1\nb\n2\n');
    expect(await out(['--context', 'team', 'get', '--prefix', '', '--keys-only'])).toBe(
      'a\n\nb\n\n',
    );
    expect(await out(['--context', 'team', 'get', '/other/secret'])).toBe('');
    const json = JSON.parse(await out(['--context', 'team', 'get', 'a', '-w', 'json']));
    expect(Buffer.from(json.kvs[0].key, 'base64').toString()).toBe('a');
    // Deleting everything it can see deletes its own keys only.
    expect(await out(['--context', 'team', 'del', '--prefix', '', '--prev-kv'])).toBe(
      '2\na\n1\nb\n2\n',
    );
    expect((await raw(['get', '--prefix', '', '--keys-only'])).stdout.toString()).toBe(
      '/other/secret\n\n/teamless\n\ntop\n\n',
    );
  });

  it('txn compares and ops, and watch events, are in the namespace', async () => {
    await out(['--context', 'team', 'put', 'flag', 'on']);
    const watch = spawnEctl(['--context', 'team', 'watch', '--prefix', ''], { env });
    await new Promise((r) => setTimeout(r, 1500));
    const txn = await out(['--context', 'team', 'txn'], 'value("flag") = "on"\n\nput t ok\n\n\n');
    expect(txn).toBe('SUCCESS\n\nOK\n');
    await raw(['put', '/elsewhere', 'x']);
    await watch.waitFor(/PUT\nt\nok\n/);
    await watch.kill();
    expect(watch.stdout()).toBe('PUT\nt\nok\n');
    expect((await raw(['get', '/team/t'])).stdout.toString()).toBe('/team/t\nok\n');
  });

  it('lock names are in the namespace', async () => {
    const held = spawnEctl(['--context', 'team', 'lock', 'L'], { env });
    const [name] = await held.waitFor(/^L\/[0-9a-f]+$/m, { timeoutMs: 15_000 });
    const keys = (await raw(['get', '--prefix', '/team/L/', '--keys-only'])).stdout.toString();
    expect(keys).toBe(`/team/${name}\n\n`);
    await held.kill('SIGINT');
  });
});

describe('a read-only context', () => {
  it('refuses writes before connecting and reads', async () => {
    await raw(['put', 'ro-key', 'before']);
    for (const [args, what] of [
      [['put', 'ro-key', 'after'], 'put'],
      [['del', 'ro-key'], 'del'],
      [['lease', 'grant', '30'], 'lease grant'],
      [['defrag'], 'defrag'],
    ] as const) {
      const r = await ectl(['--context', 'ro', ...args]);
      expect([r.code, r.stderr, r.stdout.toString()]).toEqual([
        1,
        `Error: context "ro" is read-only: ${what} would write\n`,
        '',
      ]);
    }
    const txn = await ectl(['--context', 'ro', 'txn'], '\nput ro-key txn\n\n\n');
    expect(txn.stderr).toBe('Error: context "ro" is read-only: txn would write\n');
    expect(await out(['--context', 'ro', 'get', 'ro-key'])).toBe('ro-key\nbefore\n');
  });
});

describe('a confirm-writes context on a terminal', () => {
  const session = (name: string, args: string[]) => {
    const argv = [process.execPath, ECTL_BIN, '--context', 'careful', ...args];
    return tmux.session(
      name,
      `ECTL_CONFIG=${q(env.ECTL_CONFIG!)} ${argv.map(q).join(' ')}; echo "[exit $?]"; sleep 600`,
    );
  };

  it('del counts the keys, asks [y/N] naming the context; no keeps them', async (t) => {
    if (tmux.skipReason()) return t.skip();
    for (const k of ['c/1', 'c/2', 'c/3']) await raw(['put', k, 'v']);
    const s = session('no', ['del', '--prefix', 'c/']);
    await s.waitFor(/Delete 3 keys in context "careful"\? \[y\/N\]/);
    s.type('n');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toContain('Error: del not confirmed; nothing written');
    expect(done).toContain('[exit 1]');
    expect((await raw(['get', '--prefix', 'c/', '--keys-only'])).stdout.toString()).toBe(
      'c/1\n\nc/2\n\nc/3\n\n',
    );
  });

  it('yes deletes; the write is named on stderr in dim', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = session('yes', ['del', '--prefix', 'c/']);
    await s.waitFor(/\[y\/N\]/);
    expect(s.styledScreen()).toMatch(/\x1b\[2mectl: del writes to context "careful"/);
    s.type('y');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/\n3\n\[exit 0\]/);
    expect((await raw(['get', '--prefix', 'c/'])).stdout.toString()).toBe('');
  });

  it('txn with writes asks after reading its ops, before sending them', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = session('txn', ['txn']);
    await new Promise((r) => setTimeout(r, 500));
    for (const line of ['', 'put tx 1', '', '']) s.type(line);
    await s.waitFor(/Run a txn with 1 write op in context "careful"\? \[y\/N\]/);
    expect((await raw(['get', 'tx'])).stdout.toString()).toBe('');
    s.type('y');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/SUCCESS\n\nOK\n\[exit 0\]/);
    expect((await raw(['get', 'tx'])).stdout.toString()).toBe('tx\n1\n');
  });

  it('a plain put is not asked about but named', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = session('put', ['put', 'p', 'v']);
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/ectl: put writes to context "careful"\nOK\n\[exit 0\]/);
  });
});
