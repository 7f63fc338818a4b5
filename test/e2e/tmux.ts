// Commands in a real pseudo-terminal, driven through tmux: one private tmux server per test file,
// a session per command line, the screen read back with capture-pane. tmux is installed like etcd
// (apt-get, when root) if missing; without it ensureTmux() says why and the tests skip.
// (The same helpers as txn-tty.test.ts, for commands given as argv.)
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { onTestFinished } from 'vitest';
import { cleanEnv, which } from '../harness/bins.js';
import { trackPid } from '../harness/pids.js';

/** Installs tmux when possible; returns why the tests must be skipped, or undefined. */
export function ensureTmux(): string | undefined {
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
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** One terminal: what it shows, and keys typed into it. */
export interface Terminal {
  screen(): string;
  /** Types `text` literally, then Enter. */
  type(text: string): void;
  keys(...keys: string[]): void;
  /** The screen once it matches `re`. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
}

/** A private tmux server (its own socket); stop() ends it and every session in it. */
export class TmuxServer {
  private started = false;
  private socketPath: string | undefined;
  private serverPid: number | undefined;

  constructor(private readonly socket: string) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
  }

  /** Runs argv in a new 200×60 session; `[exit N]` is printed when it ends. */
  session(name: string, argv: string[]): Terminal {
    const cmd = argv.map(q).join(' ');
    // A session that outlives the tests': a server left without sessions exits, and a session
    // started while it does so fails.
    if (!this.started) this.tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
    this.tmux(
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
    if (!this.started) {
      this.started = true;
      const [pid, path] = this.tmux('display-message', '-p', '-t', 'keep', '#{pid} #{socket_path}')
        .trim()
        .split(' ');
      this.serverPid = Number(pid);
      trackPid(this.serverPid, false);
      this.socketPath = path;
    }
    // Each test ends its session (and the command in it), whatever the outcome.
    onTestFinished(() => void spawnSync('tmux', ['-L', this.socket, 'kill-session', '-t', name]));
    const screen = () => this.tmux('capture-pane', '-p', '-J', '-S', '-300', '-t', name);
    return {
      screen,
      type: (text) => {
        if (text) this.tmux('send-keys', '-t', name, '-l', text);
        this.tmux('send-keys', '-t', name, 'Enter');
      },
      keys: (...keys) => void this.tmux('send-keys', '-t', name, ...keys),
      async waitFor(re, timeoutMs = 8000) {
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

  /** Ends the server and removes its socket. */
  stop(): void {
    if (!this.started) return;
    spawnSync('tmux', ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    try {
      if (this.serverPid) process.kill(this.serverPid, 'SIGTERM');
    } catch {
      // already gone: kill-server ended it
    }
    if (this.socketPath) rmSync(this.socketPath, { force: true });
  }
}
