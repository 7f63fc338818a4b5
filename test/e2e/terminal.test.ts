// Terminal manners, in a real pty (tmux): no colour under NO_COLOR or FORCE_COLOR=0, and on
// TERM=dumb txn -i prompts as etcdctl does (a dumb terminal cannot redraw an editor); the
// password prompt is etcdctl's `Password: ` with nothing echoed; readline's editing keys work in
// the txn editor; SIGTERM during the editor ends ectl by SIGTERM with the cursor shown again.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { ECTL_BIN, hasEtcdctl } from '../harness/run.js';
import { etcdctlBin } from '../harness/bins.js';
import { useTmux, type TmuxSession } from '../harness/tmux.js';

const etcd = useEtcd();
const terminals = useTmux('terminal');
const SGR = /\x1b\[[0-9;]*m/;

/** ectl with `env` in a terminal, under a parent that reports how it ended. */
function ectl(name: string, env: string[], args: string[]): TmuxSession {
  const argv = [process.execPath, ECTL_BIN, '--endpoints', etcd.endpoint, ...args];
  return terminals.run(name, ['env', ...env, ...argv]);
}

/** The pid of the command a `run` session runs (the reporting parent's only child). */
function childOf(s: TmuxSession): number {
  const pid = s.pid();
  return Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim());
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lastLine = (screen: string) => screen.trimEnd().split('\n').pop() ?? '';

describe('colour', () => {
  it.for(['NO_COLOR=1', 'FORCE_COLOR=0'])('%s: the txn editor draws no colour', async (env, t) => {
    if (terminals.skipReason()) return t.skip();
    const s = ectl(`plain-${env.split('=')[0]}`, [env], ['txn', '-i']);
    await s.waitFor(/\? compare 1/);
    s.keys('-l', 'ver("a") = "0"');
    await s.waitFor(/ver\("a"\) = "0"/);
    expect(s.styledScreen()).not.toMatch(SGR);
  });

  it('control: without them, it does colour', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = ectl('coloured', [], ['txn', '-i']);
    await s.waitFor(/\? compare 1/);
    expect(s.styledScreen()).toMatch(SGR);
  });

  it('TERM=dumb: txn -i prompts as etcdctl does, without escapes', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = ectl('dumb', ['TERM=dumb'], ['txn', '-i']);
    await s.waitFor(/^compares:$/m);
    s.type('');
    await s.waitFor(/^success requests/m);
    s.type('put term/dumb v');
    s.type('');
    await s.waitFor(/^failure requests/m);
    s.type('');
    expect(await s.waitForEnd()).toEqual({ status: 0 });
    expect(s.screen()).toMatch(
      /^compares:\n\nsuccess requests \(get, put, del\):\nput term\/dumb v\n\nfailure requests \(get, put, del\):\n\nSUCCESS\n\nOK\n/m,
    );
    expect(s.styledScreen()).not.toMatch(SGR);
  });
});

describe('the password prompt', () => {
  it('is `Password: ` and echoes nothing, as etcdctl', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = ectl('password', [], ['--user', 'root', 'get', 'term/pw']);
    // Both print the question before they turn the echo off: type once that is done.
    await s.waitFor(/Password:/);
    await sleep(300);
    s.keys('-l', 'secret');
    await sleep(300);
    expect(lastLine(s.screen())).toBe('Password:');
    expect(s.styledScreen()).not.toMatch(SGR);
    if (!hasEtcdctl()) return;
    const ref = terminals.run('password-etcdctl', [
      etcdctlBin()!,
      '--endpoints',
      etcd.endpoint,
      '--user',
      'root',
      'get',
      'term/pw',
    ]);
    await ref.waitFor(/Password:/);
    await sleep(300);
    ref.keys('-l', 'secret');
    await sleep(300);
    expect(lastLine(s.screen())).toBe(lastLine(ref.screen()));
  });

  it('takes Backspace and Ctrl-U, and Ctrl-C ends ectl by SIGINT', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = ectl('password-keys', [], ['--user', 'root', 'get', 'term/pw']);
    await s.waitFor(/Password:/);
    s.keys('-l', 'typo');
    s.keys('C-u', 'BSpace');
    s.keys('C-c');
    expect(await s.waitForEnd()).toEqual({ signal: 'SIGINT' });
  });
});

describe('the txn editor', () => {
  it('edits the line with readline keys: Ctrl-U, Ctrl-W, Ctrl-Y, Alt-B, Ctrl-E, Ctrl-A, Ctrl-K', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = ectl('readline', ['NO_COLOR=1'], ['txn', '-i']);
    await s.waitFor(/\? compare 1/);
    s.keys('-l', 'garbage here');
    s.keys('C-u');
    s.keys('-l', 'ver("a") = "0"');
    s.keys('C-w');
    await s.waitFor(/compare 1 ‣ ver\("a"\) = *$/m);
    s.keys('C-y', 'M-b', 'M-b');
    s.keys('-l', 'X');
    s.keys('C-e');
    s.keys('-l', 'Z');
    await s.waitFor(/compare 1 ‣ ver\("Xa"\) = "0"Z *$/m);
    s.keys('C-a', 'C-k');
    s.type('mod("term/k") > "0"');
    await s.waitFor(/= mod\("term\/k"\) > 0\n/);
  });

  it('SIGTERM while it is open: ends by SIGTERM, the cursor shown again', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = ectl('sigterm', [], ['txn', '-i']);
    await s.waitFor(/\? compare 1/);
    process.kill(childOf(s), 'SIGTERM');
    expect(await s.waitForEnd()).toEqual({ signal: 'SIGTERM' });
    expect(s.cursorVisible()).toBe(true);
  });
});
