// `txn -i` on a terminal, driven through tmux (a real pseudo-terminal): lines are checked as they
// are entered and a bad one is asked again with its reason, `?` prints the grammar, the summary is
// confirmed before the commit; discarding or Ctrl-C sends nothing. tmux is installed like etcd
// (apt-get, when root) if missing; without it the file is skipped with a message.
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { cleanEnv, which } from '../harness/bins.js';
import { gateway, useEtcd } from '../harness/etcd.js';
import { trackPid } from '../harness/pids.js';
import { ECTL_BIN } from '../harness/run.js';

function ensureTmux(): string | undefined {
  if (which('tmux')) return undefined;
  if (process.getuid?.() !== 0 || !which('apt-get'))
    return 'tmux is not installed (apt-get install tmux) and cannot be installed without root';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'tmux']]) {
    const res = spawnSync('apt-get', args, { env, stdio: 'ignore', timeout: 150_000 });
    if (res.status !== 0) return `apt-get ${args.join(' ')} failed: tmux is not available`;
  }
  return which('tmux') ? undefined : 'tmux could not be installed';
}

const SOCKET = `ectl-txn-tty-${process.pid}`;
let skipReason: string | undefined;
let serverStarted = false;
let socketPath: string | undefined;
let serverPid: number | undefined;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', env: cleanEnv() });
}

/** A shell-quoted word. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** One tmux session running `ectl txn -i` in a 200×60 terminal. */
function session(name: string, endpoint: string) {
  const cmd = [process.execPath, ECTL_BIN, '--endpoints', endpoint, 'txn', '-i'].map(q).join(' ');
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    '200',
    '-y',
    '60',
    `${cmd}; echo "[exit $?]"; sleep 600`,
  );
  if (!serverStarted) {
    serverStarted = true;
    const [pid, path] = tmux('display-message', '-p', '-t', name, '#{pid} #{socket_path}')
      .trim()
      .split(' ');
    serverPid = Number(pid);
    trackPid(serverPid, false);
    socketPath = path;
  }
  // Each test ends its session (and the ectl in it), whatever the outcome.
  onTestFinished(() => void spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', name]));
  const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name);
  return {
    screen,
    type(text: string) {
      if (text) tmux('send-keys', '-t', name, '-l', text);
      tmux('send-keys', '-t', name, 'Enter');
    },
    keys: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
    async waitFor(re: RegExp, timeoutMs = 8000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const s = screen();
        if (re.test(s)) return s;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; screen:\n${s}`);
        await new Promise((r) => setTimeout(r, 80));
      }
    },
  };
}

const etcd = useEtcd();

async function valueOf(key: string): Promise<string | undefined> {
  const res = await gateway<{ kvs?: { value?: string }[] }>(etcd.node, '/v3/kv/range', {
    key: Buffer.from(key).toString('base64'),
  });
  const v = res?.kvs?.[0]?.value;
  return v === undefined ? undefined : Buffer.from(v, 'base64').toString();
}

beforeAll(() => {
  skipReason = ensureTmux();
  if (skipReason) console.warn(`txn-tty: skipped: ${skipReason}`);
}, 180_000);

afterAll(() => {
  if (!serverStarted) return;
  spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
  try {
    if (serverPid) process.kill(serverPid, 'SIGTERM');
  } catch {
    // already gone: kill-server ended it
  }
  if (socketPath) rmSync(socketPath, { force: true });
});

describe('txn -i on a terminal', () => {
  it('re-asks a bad line with its reason, shows help and a summary, then commits', async (t) => {
    if (skipReason) return t.skip();
    const s = session('commit', etcd.endpoint);
    await s.waitFor(/Transaction editor[^]*compare 1/);
    s.type('mod(tty/k) > "0"');
    await s.waitFor(/the key must be a quoted string/);
    s.keys('C-a', 'C-k');
    s.type('?');
    await s.waitFor(/Compare lines:[^]*Request lines:/);
    s.type('ver("tty/k") = "0"');
    await s.waitFor(/= ver\("tty\/k"\) = 0/);
    s.type('');
    await s.waitFor(/success 1/);
    s.type('get --foo k');
    await s.waitFor(/unknown flag: --foo \(invalid txn request: get --foo k\)/);
    s.keys('C-a', 'C-k');
    s.type('put tty/k "hello world" --prev-kv');
    await s.waitFor(/= put "tty\/k" = "hello world" \(returning the previous value\)/);
    s.type('');
    await s.waitFor(/failure 1/);
    s.type("put tty/k 'other value'");
    s.type('');
    const summary = await s.waitFor(/Send this transaction\?/);
    expect(summary).toMatch(
      /Transaction:\n {2}if all of:\n {4}ver\("tty\/k"\) = 0\n {2}then:\n {4}put "tty\/k" = "hello world" \(returning the previous value\)\n {2}else:\n {4}put "tty\/k" = "other value"\n/,
    );
    expect(await valueOf('tty/k')).toBeUndefined();
    s.type('');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/SUCCESS\n\nOK\n\[exit 0\]/);
    expect(await valueOf('tty/k')).toBe('hello world');
  });

  it('keeps every line of a transaction pasted at once', async (t) => {
    if (skipReason) return t.skip();
    const s = session('paste', etcd.endpoint);
    await s.waitFor(/compare 1/);
    const lines = [
      'ver("tty/p1") = "0"',
      '',
      'put tty/p1 one',
      'put tty/p2 two',
      '',
      'get tty/p1',
      '',
    ];
    for (const l of lines) {
      if (l) tmux('send-keys', '-t', 'paste', '-l', l);
      tmux('send-keys', '-t', 'paste', 'Enter');
    }
    const summary = await s.waitFor(/Send this transaction\?/);
    expect(summary).toContain(
      'then:\n    put "tty/p1" = "one"\n    put "tty/p2" = "two"\n  else:\n    get "tty/p1"\n',
    );
    s.type('');
    expect(await s.waitFor(/\[exit \d+\]/)).toMatch(/SUCCESS\n\nOK\n\nOK\n\[exit 0\]/);
    expect([await valueOf('tty/p1'), await valueOf('tty/p2')]).toEqual(['one', 'two']);
  });

  it('discarding sends nothing (exit 1)', async (t) => {
    if (skipReason) return t.skip();
    const s = session('discard', etcd.endpoint);
    await s.waitFor(/compare 1/);
    s.type('');
    await s.waitFor(/success 1/);
    s.type('put tty/discarded x');
    s.type('');
    await s.waitFor(/failure 1/);
    s.type('');
    await s.waitFor(/Send this transaction\?/);
    s.keys('Down', 'Down');
    s.type('');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/Error: transaction discarded: nothing was sent\n\[exit 1\]/);
    expect(await valueOf('tty/discarded')).toBeUndefined();
  });

  it('Ctrl-C quits without sending anything (exit 130)', async (t) => {
    if (skipReason) return t.skip();
    const s = session('interrupt', etcd.endpoint);
    await s.waitFor(/compare 1/);
    s.type('');
    await s.waitFor(/success 1/);
    s.type('put tty/interrupted x');
    await s.waitFor(/success 2/);
    s.keys('C-c');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/\[exit 130\]/);
    expect(done).not.toMatch(/Error:/);
    expect(await valueOf('tty/interrupted')).toBeUndefined();
  });
});
