// A real terminal for tests of TTY behaviour: commands run in tmux sessions (a pseudo-terminal for
// stdin, stdout and stderr alike) on a private tmux server per test file; the screen is read back
// with capture-pane. tmux is installed with apt-get (as root) when missing; `skipReason()` says why a
// file's tests cannot run otherwise. (txn-tty.test.ts has an older copy of this logic.)
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { cleanEnv, which } from '../harness/bins.js';
import { trackPid } from '../harness/pids.js';

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
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** One terminal running a command line. */
export interface TmuxSession {
  /** The screen and its scrollback as text. */
  screen(): string;
  /** Resolves with the screen once `re` matches it. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
}

/** In a test file: a private tmux server, set up in beforeAll and killed in afterAll. */
export function useTmux(label: string): {
  skipReason(): string | undefined;
  session(name: string, argv: readonly string[], cwd?: string): TmuxSession;
} {
  const socket = `ectl-${label}-${process.pid}`;
  let skip: string | undefined;
  let server: { pid: number; path: string } | undefined;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env: cleanEnv() });
  beforeAll(() => {
    skip = ensureTmux();
    if (skip) console.warn(`${label}: skipped: ${skip}`);
  }, 180_000);
  afterAll(() => {
    if (!server) return;
    spawnSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
    try {
      process.kill(server.pid, 'SIGTERM');
    } catch {
      // already gone: kill-server ended it
    }
    rmSync(server.path, { force: true });
  });
  return {
    skipReason: () => skip,
    session(name, argv, cwd) {
      const cmd = argv.map(shellQuote).join(' ');
      const where = cwd ? ['-c', cwd] : [];
      // The pane stays open after the command so that its last screen can be read.
      const line = `${cmd}; echo "[exit $?]"; sleep 600`;
      tmux('new-session', '-d', '-s', name, ...where, '-x', '200', '-y', '60', line);
      if (!server) {
        const [pid, path] = tmux('display-message', '-p', '-t', name, '#{pid} #{socket_path}')
          .trim()
          .split(' ');
        server = { pid: Number(pid), path: path! };
        trackPid(server.pid, false);
      }
      onTestFinished(() => void spawnSync('tmux', ['-L', socket, 'kill-session', '-t', name]));
      const screen = () => tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name);
      return {
        screen,
        async waitFor(re, timeoutMs = 8000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const s = screen();
            if (re.test(s)) return s;
            if (Date.now() > deadline)
              throw new Error(`timed out waiting for ${re}; screen:\n${s}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
      };
    },
  };
}
