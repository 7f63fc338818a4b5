// The command `lock NAME cmd args...` runs while it holds the lock: exec.Command semantics as in
// etcdctl (PATH lookup, stdin not connected, stdout and stderr shared) and os/exec's words for its
// failures, from which the lock's exit status follows (the child's own, as etcdctl 3.5+).
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import type { Io, Sink } from '../io.js';
import { goQuoteString } from '../output/goformat.js';

/** How the command ended: `failure` is os/exec's text, `code` the exit status ectl takes. */
export type CommandResult = { ok: true } | { ok: false; failure: string; code: number };

const errnoText: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOEXEC: 'exec format error',
  ENOTDIR: 'not a directory',
};

// Go's names of signals (syscall.Signal.String on Linux), for `signal: interrupt`.
const signalText: Record<string, string> = {
  SIGHUP: 'hangup',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGABRT: 'aborted',
  SIGKILL: 'killed',
  SIGSEGV: 'segmentation fault',
  SIGPIPE: 'broken pipe',
  SIGALRM: 'alarm clock',
  SIGTERM: 'terminated',
  SIGUSR1: 'user defined signal 1',
  SIGUSR2: 'user defined signal 2',
};

function isExecutableFile(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** exec.LookPath: a name with a slash is used as is, any other is searched in $PATH. */
export function findProgram(name: string, pathVar: string | undefined): string | undefined {
  if (name.includes('/')) return name;
  for (const dir of (pathVar ?? '').split(':')) {
    const candidate = join(dir === '' ? '.' : dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

function fdOf(sink: Sink): number | undefined {
  const fd = (sink as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : undefined;
}

function flushed(sink: Sink): Promise<void> {
  const w = sink as { write(chunk: string, cb: () => void): unknown };
  return new Promise((resolve) => w.write('', () => resolve()));
}

/**
 * Runs `argv` with `env` and waits for it to end, whatever signals ectl receives meanwhile (as
 * etcdctl: a terminal's Ctrl-C reaches the command's process group by itself).
 */
export async function runCommand(
  argv: readonly string[],
  env: Record<string, string>,
  io: Io,
): Promise<CommandResult> {
  const name = argv[0]!;
  const path = findProgram(name, env.PATH);
  if (path === undefined) {
    const failure = `exec: ${goQuoteString(name)}: executable file not found in $PATH`;
    return { ok: false, failure, code: 1 };
  }
  const [outFd, errFd] = [fdOf(io.stdout), fdOf(io.stderr)];
  if (outFd !== undefined) await flushed(io.stdout);
  if (errFd !== undefined) await flushed(io.stderr);
  return new Promise((resolve) => {
    const child = spawn(path, argv.slice(1), {
      argv0: name,
      env,
      stdio: ['ignore', outFd ?? 'pipe', errFd ?? 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => io.stdout.write(c));
    child.stderr?.on('data', (c: Buffer) => io.stderr.write(c));
    let started = true;
    child.once('error', (e: NodeJS.ErrnoException) => {
      started = false;
      const why = errnoText[e.code ?? ''] ?? e.message;
      resolve({ ok: false, failure: `fork/exec ${path}: ${why}`, code: 1 });
    });
    child.once('close', (code, sig) => {
      if (!started) return;
      if (sig) {
        // etcdctl passes Go's -1 on (exit 255); ectl keeps the shell's 128 + signal number.
        const n = (osConstants.signals as Record<string, number>)[sig] ?? 127;
        resolve({ ok: false, failure: `signal: ${signalText[sig] ?? sig}`, code: 128 + n });
      } else if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, failure: `exit status ${code}`, code: code ?? 1 });
    });
  });
}
