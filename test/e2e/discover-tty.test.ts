// discover on a real terminal (tmux): the header bold and each change coloured by its kind (green
// +, yellow ~, red -), and no colour at all under NO_COLOR; in a pipe (discover.test.ts) the same
// text comes without escapes.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { ECTL_BIN, runEctl } from '../harness/run.js';
import { useTmux, type TmuxSession } from '../harness/tmux.js';

const etcd = useEtcd();
const terminals = useTmux('discover');
const SGR = /\x1b\[[0-9;]*m/;

function discover(name: string, env: string[], prefix: string): TmuxSession {
  const argv = [process.execPath, ECTL_BIN, '--endpoints', etcd.endpoint, 'discover', '--watch'];
  return terminals.run(name, ['env', ...env, ...argv, prefix]);
}

async function changes(prefix: string): Promise<void> {
  const put = (k: string, v: string) => runEctl(['--endpoints', etcd.endpoint, 'put', k, v]);
  await put(`${prefix}a`, '1');
  await put(`${prefix}a`, '2');
  await runEctl(['--endpoints', etcd.endpoint, 'del', `${prefix}a`]);
}

describe('discover --watch on a terminal', () => {
  it('colours each change by its kind and the header bold', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = discover('colour', [], 'tty/c/');
    await s.waitFor(/KEY\s+VALUE\s+TTL/);
    await changes('tty/c/');
    await s.waitFor(/- tty\/c\/a/);
    const styled = s.styledScreen();
    expect(styled).toMatch(/\x1b\[1mKEY/);
    // tmux re-renders the attributes: a colour code, maybe others, then the line.
    const sgr = '(?:\\x1b\\[[0-9;]*m)*';
    expect(styled).toMatch(new RegExp(`\\x1b\\[32m${sgr}\\+ tty/c/a 1\\n`));
    expect(styled).toMatch(new RegExp(`\\x1b\\[33m${sgr}~ tty/c/a 2\\n`));
    expect(styled).toMatch(new RegExp(`\\x1b\\[31m${sgr}- tty/c/a\\n`));
  });

  it('NO_COLOR: the same lines without escapes', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = discover('plain', ['NO_COLOR=1'], 'tty/p/');
    await s.waitFor(/KEY\s+VALUE\s+TTL/);
    await changes('tty/p/');
    await s.waitFor(/- tty\/p\/a/);
    expect(s.screen()).toMatch(/\+ tty\/p\/a 1\n~ tty\/p\/a 2\n- tty\/p\/a\n/);
    expect(s.styledScreen()).not.toMatch(SGR);
  });
});
