// ectl shell in a real terminal (tmux): prefixes as directories with relative keys, ls with key
// counts, Tab completion of relative keys, watch and lock ended by Ctrl-C without ending the
// shell, Ctrl-C at the prompt, txn -i, the history file without secrets, Ctrl-D ending with 0;
// and on a pipe, the pointer to ectl batch.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { ECTL_BIN, runEctl } from '../harness/run.js';
import { q, useTmux, type TmuxSession } from '../harness/tmux.js';

const terminals = useTmux('shell-tty');
const etcd = useEtcd();

function stateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}shell-`));
  trackDir(dir);
  return dir;
}

/** A shell in tmux; `[ended with N]` follows when it ends. */
function shell(name: string, state: string): TmuxSession {
  const argv = [process.execPath, ECTL_BIN, '--endpoints', etcd.endpoint, 'shell'];
  return terminals.session(
    name,
    `env XDG_STATE_HOME=${q(state)} ${argv.map(q).join(' ')}; echo "[ended with $?]"; sleep 600`,
  );
}

const ectl = (...args: string[]) => runEctl(['--endpoints', etcd.endpoint, ...args]);

/** Types a line and waits for the prompt that follows its output. */
async function enter(s: TmuxSession, line: string, prompt: RegExp): Promise<string> {
  s.type(line);
  return s.waitFor(prompt, 15_000);
}

describe('ectl shell on a terminal', () => {
  it('cd, relative keys, ls, Tab, watch and lock ended by Ctrl-C, history, Ctrl-D', async (t) => {
    if (terminals.skipReason()) return t.skip();
    for (const [k, v] of [
      ['/sh/pods/a', '1'],
      ['/sh/pods/b', '2'],
      ['/sh/cm/x', '3'],
      ['plain', 'top'],
    ])
      await ectl('put', k!, v!);
    const state = stateDir();
    const s = shell('main', state);
    await s.waitFor(/^ectl > $/m, 15_000);
    await enter(s, 'get plain', /^top\nectl > $/m);
    await enter(s, 'cd /sh', /^ectl \/sh\/> $/m);
    expect(await enter(s, 'ls', /pods\/ +2 keys\nectl \/sh\/> $/m)).toMatch(
      /^cm\/ {4}1 key\npods\/ {2}2 keys\n/m,
    );
    await enter(s, 'put pods/cname "three words"', /^OK\nectl \/sh\/> $/m);
    expect((await ectl('get', '/sh/pods/cname', '--print-value-only')).stdout.toString()).toBe(
      'three words\n',
    );
    await enter(s, 'cd pods', /^ectl \/sh\/pods\/> $/m);
    await enter(s, 'pwd', /^\/sh\/pods\/\nectl \/sh\/pods\/> $/m);
    // Tab completes a relative key from the cluster.
    s.keys('-l', 'get cn');
    s.keys('Tab');
    await s.waitFor(/^ectl \/sh\/pods\/> get cname$/m);
    s.keys('Enter');
    await s.waitFor(/^\/sh\/pods\/cname\nthree words\nectl \/sh\/pods\/> $/m);
    // Ctrl-C at the prompt drops the line and prompts again.
    s.keys('-l', 'get never');
    s.keys('C-c');
    await s.waitFor(/get never\^C\nectl \/sh\/pods\/> $/m);
    // watch runs until Ctrl-C, which returns to the prompt.
    s.type('watch --prefix ""');
    await new Promise((r) => setTimeout(r, 1500));
    await ectl('put', '/sh/pods/d', 'watched');
    await s.waitFor(/^PUT\n\/sh\/pods\/d\nwatched\n/m, 15_000);
    s.keys('C-c');
    await s.waitFor(/watched\nectl \/sh\/pods\/> $/m, 15_000);
    // lock holds until Ctrl-C, which releases it.
    await enter(s, 'cd ..', /^ectl \/sh\/> $/m);
    s.type('lock mylock');
    await s.waitFor(/^\/sh\/mylock\/[0-9a-f]+$/m, 15_000);
    expect(
      (await ectl('get', '/sh/mylock/', '--prefix', '--keys-only')).stdout.length,
    ).toBeGreaterThan(0);
    s.keys('C-c');
    await s.waitFor(/^\/sh\/mylock\/[0-9a-f]+\n(?:.*\n)?ectl \/sh\/> $/m, 15_000);
    expect((await ectl('get', '/sh/mylock/', '--prefix', '--keys-only')).stdout.toString()).toBe(
      '',
    );
    // A line with a password runs but is not kept.
    await enter(s, 'get --password=hunter2 plain', /connection flag[^]*ectl \/sh\/> $/m);
    await enter(s, 'cd', /^ectl > $/m);
    s.keys('C-d');
    await s.waitFor(/\[ended with 0\]/);
    const history = readFileSync(join(state, 'ectl', 'history'), 'utf8');
    expect(history).toContain(
      'cd /sh\nls\nput pods/cname "three words"\ncd pods\npwd\nget cname\n',
    );
    expect(history).not.toContain('hunter2');
    expect(statSync(join(state, 'ectl', 'history')).mode & 0o777).toBe(0o600);
  });

  it('txn -i runs its editor and commits; exit ends the shell', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = shell('txn', stateDir());
    await s.waitFor(/^ectl > $/m, 15_000);
    s.type('txn -i');
    await s.waitFor(/compare 1/, 15_000);
    s.type('');
    await s.waitFor(/success 1/);
    s.type('put shtxn/k committed');
    s.type('');
    await s.waitFor(/failure 1/);
    s.type('');
    await s.waitFor(/Send this transaction\?/);
    s.type('');
    await s.waitFor(/SUCCESS\n\nOK\nectl > $/m, 15_000);
    expect((await ectl('get', 'shtxn/k', '--print-value-only')).stdout.toString()).toBe(
      'committed\n',
    );
    s.type('exit');
    await s.waitFor(/\[ended with 0\]/);
  });

  it('ends by SIGTERM when one comes, even at the prompt', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = terminals.run('term', [
      process.execPath,
      ECTL_BIN,
      '--endpoints',
      etcd.endpoint,
      'shell',
    ]);
    await s.waitFor(/^ectl > $/m, 15_000);
    const child = execFileSync('pgrep', ['-P', String(s.pid())], { encoding: 'utf8' }).trim();
    process.kill(Number(child), 'SIGTERM');
    expect(await s.waitForEnd(15_000)).toEqual({ signal: 'SIGTERM' });
  });

  it("names the context in the prompt, and works inside the context's namespace", async (t) => {
    if (terminals.skipReason()) return t.skip();
    const dir = stateDir();
    const config = join(dir, 'config.yaml');
    const env = { ECTL_CONFIG: config };
    const set = await runEctl(
      ['config', 'set-context', 'team', '--endpoints', etcd.endpoint, '--namespace', '/team'],
      { env },
    );
    expect(set.code).toBe(0);
    const s = terminals.session(
      'ctx',
      `env ECTL_CONFIG=${q(config)} XDG_STATE_HOME=${q(dir)} ${[process.execPath, ECTL_BIN, '--context', 'team', 'shell'].map(q).join(' ')}; echo "[ended with $?]"; sleep 600`,
    );
    await s.waitFor(/^ectl \[team\] > $/m, 15_000);
    await enter(s, 'put /k inside', /^OK\nectl \[team\] > $/m);
    expect((await ectl('get', '/team/k', '--print-value-only')).stdout.toString()).toBe('inside\n');
    // ls reads under the namespace too, as the commands do.
    await enter(s, 'ls /', /^ectl \[team\] > ls \/\nk\nectl \[team\] > $/m);
    s.type('exit');
    await s.waitFor(/\[ended with 0\]/);
  });

  it('on a pipe, points to ectl batch', async () => {
    const r = await runEctl(['--endpoints', etcd.endpoint, 'shell'], { stdin: 'get a\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error: ectl shell needs a terminal; to run commands from a file or a pipe, use ectl batch\n',
    );
  });
});
