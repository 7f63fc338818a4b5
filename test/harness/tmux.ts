// Real terminals for the tests of interactive behaviour: one tmux server per test file (its own
// socket), a session per test running a shell command in a pseudo-terminal, its screen read back
// and keys sent to it. tmux is installed like etcd (apt-get, when root) if missing; without it
// useTmux() gives a reason to skip.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { cleanEnv, which } from './bins.js';
import { TEMP_PREFIX, trackDir, trackPid } from './pids.js';

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

/** A shell-quoted word. */
export const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** How a command run by `Tmux.run` ended, as its parent's wait() saw it. */
export interface Ending {
  signal?: string;
  status?: number;
}

// The parent of a command run with `Tmux.run`: it ignores SIGINT (a terminal's Ctrl-C reaches the
// whole foreground group), waits, prints how its child ended and stays, so the terminal's state
// (the cursor) is still the one the command left. tmux's own record of a dead pane misses some
// exits (zombies it never reaps), so the tests do not rely on it.
const REPORTER = `process.on('SIGINT', () => {});
const [cmd, ...args] = process.argv.slice(1);
const r = require('node:child_process').spawnSync(cmd, args, { stdio: 'inherit' });
console.log(r.signal ? '[ended by ' + r.signal + ']' : '[ended with ' + r.status + ']');
setInterval(() => {}, 1 << 30);`;

export interface TmuxSession {
  /** The visible screen and up to 300 lines of history, wrapped lines joined. */
  screen(): string;
  /** The same with the escape sequences of colours and attributes kept (capture-pane -e). */
  styledScreen(): string;
  /** The pid of the pane's process (for `run`: the reporting parent). */
  pid(): number;
  /** Whether the terminal's cursor is shown (a prompt may hide it while it draws its own). */
  cursorVisible(): boolean;
  /** Types `text` literally, then Enter. */
  type(text: string): void;
  /** Sends tmux key names (`C-c`, `C-u`, `Enter`, `Down`). */
  keys(...keys: string[]): void;
  /** Resolves with the screen once it matches `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with how the command ended (only for sessions started by `Tmux.run`). */
  waitForEnd(timeoutMs?: number): Promise<Ending>;
}

export interface Tmux {
  /** Why the tests must be skipped (no tmux), or undefined. */
  skipReason(): string | undefined;
  /** A new session running `command` (through sh) in a 200×60 terminal, ended after the test. */
  session(name: string, command: string): TmuxSession;
  /** A new session running `argv` (no shell) under a parent that reports how it ended. */
  run(name: string, argv: string[]): TmuxSession;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One tmux server for the calling test file, stopped after it. */
export function useTmux(label: string): Tmux {
  const socket = `ectl-${label}-${process.pid}`;
  let skip: string | undefined;
  let config: string | undefined;
  let serverPid: number | undefined;
  let socketPath: string | undefined;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, ...(config ? ['-f', config] : []), ...args], {
      encoding: 'utf8',
      env: cleanEnv(),
    });

  beforeAll(() => {
    skip = ensureTmux();
    if (skip) {
      console.warn(`${label}: skipped: ${skip}`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}tmux-`));
    trackDir(dir);
    config = join(dir, 'tmux.conf');
    // Dead panes stay, so a test can read the last screen; the server stays up between tests
    // (exit-empty off) until afterAll ends it.
    writeFileSync(config, 'set -g remain-on-exit on\nset -s exit-empty off\n');
  }, 180_000);

  afterAll(() => {
    if (serverPid === undefined) return;
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    try {
      process.kill(serverPid, 'SIGTERM');
    } catch {
      // already gone: kill-server ended it
    }
    if (socketPath) rmSync(socketPath, { force: true });
  });

  const session = (name: string, command: string): TmuxSession => {
    tmux('new-session', '-d', '-s', name, '-x', '200', '-y', '60', command);
    if (serverPid === undefined) {
      const [pid, path] = tmux('display-message', '-p', '-t', name, '#{pid} #{socket_path}')
        .trim()
        .split(' ');
      serverPid = Number(pid);
      trackPid(serverPid, false);
      socketPath = path;
    }
    // Each test ends its session (and what runs in it), whatever the outcome.
    onTestFinished(() => void spawnSync('tmux', ['-L', socket, 'kill-session', '-t', name]));
    const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name);
    return {
      screen,
      styledScreen: () => tmux('capture-pane', '-p', '-e', '-J', '-S', '-300', '-t', name),
      pid: () => Number(tmux('display-message', '-p', '-t', name, '#{pane_pid}').trim()),
      cursorVisible: () =>
        tmux('display-message', '-p', '-t', name, '#{cursor_flag}').trim() === '1',
      type(text) {
        if (text) tmux('send-keys', '-t', name, '-l', text);
        tmux('send-keys', '-t', name, 'Enter');
      },
      keys: (...keys) => void tmux('send-keys', '-t', name, ...keys),
      async waitFor(re, timeoutMs = 8000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const s = screen();
          if (re.test(s)) return s;
          if (Date.now() > deadline) throw new Error(`timed out waiting for ${re}; screen:\n${s}`);
          await sleep(80);
        }
      },
      async waitForEnd(timeoutMs = 8000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const m = /\[ended (?:by (\w+)|with (\d+))\]/.exec(screen());
          if (m) return m[1] ? { signal: m[1] } : { status: Number(m[2]) };
          if (Date.now() > deadline)
            throw new Error(`the command did not end; screen:\n${screen()}`);
          await sleep(80);
        }
      },
    };
  };

  const run = (name: string, argv: string[]) =>
    session(name, `exec ${[process.execPath, '-e', REPORTER, ...argv].map(q).join(' ')}`);

  return { skipReason: () => skip, session, run };
}
