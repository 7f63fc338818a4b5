// The user commands of `watch ... -- cmd` and `lock NAME cmd`, run as etcdctl's exec.Command runs
// them (PATH lookup, stdin not connected, stdout and stderr shared), their failures in os/exec's
// words.
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { canceled } from '../etcd/errors.js';
import type { Io, Sink, Source } from '../io.js';
import { goQuoteString } from '../go/format.js';

/** How a command failed: os/exec's text, and its exit status or signal when it did run. */
export interface CommandFailure {
  text: string;
  status?: number;
  signal?: NodeJS.Signals;
}

const errnoText: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  ENOEXEC: 'exec format error',
  ENOTDIR: 'not a directory',
  E2BIG: 'argument list too long',
  ELOOP: 'too many levels of symbolic links',
};

// Go's names of the signals a command may die of (syscall.Signal.String on Linux).
const signalText: Record<string, string> = {
  SIGHUP: 'hangup',
  SIGINT: 'interrupt',
  SIGQUIT: 'quit',
  SIGILL: 'illegal instruction',
  SIGTRAP: 'trace/breakpoint trap',
  SIGABRT: 'aborted',
  SIGBUS: 'bus error',
  SIGFPE: 'floating point exception',
  SIGKILL: 'killed',
  SIGUSR1: 'user defined signal 1',
  SIGSEGV: 'segmentation fault',
  SIGUSR2: 'user defined signal 2',
  SIGPIPE: 'broken pipe',
  SIGALRM: 'alarm clock',
  SIGTERM: 'terminated',
};

function executable(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** exec.Command's resolution of the program: a name with a slash as is, else a PATH lookup. */
export function lookPath(
  file: string,
  pathVar: string | undefined,
): { path: string } | { error: string } {
  if (file.includes('/')) return { path: file };
  for (const entry of (pathVar ?? '').split(':')) {
    const path = join(entry === '' ? '.' : entry, file);
    if (!executable(path)) continue;
    if (!isAbsolute(path)) {
      return {
        error: `exec: ${goQuoteString(file)}: cannot run executable found relative to current directory`,
      };
    }
    return { path };
  }
  return { error: `exec: ${goQuoteString(file)}: executable file not found in $PATH` };
}

/** The file descriptor behind a process stream (undefined for a test's buffer). */
export function fdOf(sink: Sink | Source): number | undefined {
  const fd = (sink as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : undefined;
}

/** Resolves once what was written to a process stream before has reached the OS. */
export function flushed(sink: Sink): Promise<void> {
  const w = sink as { write(chunk: string, cb: () => void): unknown };
  return new Promise((resolve) => w.write('', () => resolve()));
}

/** ectl's environment plus `extraEnv` (whose values win). */
export function commandEnv(io: Io, extraEnv: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(io.env)) if (v !== undefined) env[k] = v;
  return Object.assign(env, extraEnv);
}

/** How a started command ended, in os/exec's words; undefined for exit status 0. */
export function endingOf(
  code: number | null,
  sig: NodeJS.Signals | null,
): CommandFailure | undefined {
  if (sig) return { text: `signal: ${signalText[sig] ?? sig}`, signal: sig };
  if (code === 0) return undefined;
  return { text: `exit status ${code}`, status: code ?? undefined };
}

/** The exit status a shell gives a failed command: its own, or 128 + the signal's number. */
export function exitStatusOf(failure: CommandFailure): number {
  if (failure.signal === undefined) return failure.status ?? 1;
  return 128 + ((osConstants.signals as Record<string, number>)[failure.signal] ?? 127);
}

/** os/exec's text of a failed start. */
export function startFailure(
  path: string,
  code: string | undefined,
  message: string,
): CommandFailure {
  return { text: `fork/exec ${path}: ${errnoText[code ?? ''] ?? message}` };
}

/** A command ready to start: found on PATH, its environment, and ectl's output flushed first. */
export interface PreparedCommand {
  path: string;
  env: Record<string, string>;
  /** ectl's stdout and stderr descriptors, when the child can write to them directly. */
  outFd: number | undefined;
  errFd: number | undefined;
}

/** Finds the command and flushes ectl's output, so what ectl printed before comes first. */
export async function prepareCommand(
  argv: readonly string[],
  extraEnv: Record<string, string>,
  io: Io,
  signal?: AbortSignal,
): Promise<PreparedCommand | CommandFailure> {
  const env = commandEnv(io, extraEnv);
  const found = lookPath(argv[0]!, env.PATH);
  if ('error' in found) return { text: found.error };
  const [outFd, errFd] = [fdOf(io.stdout), fdOf(io.stderr)];
  if (outFd !== undefined) await flushed(io.stdout);
  if (errFd !== undefined) await flushed(io.stderr);
  if (signal?.aborted) throw canceled();
  return { path: found.path, env, outFd, errFd };
}

/**
 * Runs the command with ectl's environment plus `extraEnv` and waits for it; resolves with how it
 * failed when it could not start or did not exit with 0, undefined on success. With a `signal`,
 * its abort rejects at once with `canceled()` without waiting for the command; without one, the
 * command is waited for whatever signals ectl receives meanwhile.
 */
export async function runCommand(
  argv: readonly string[],
  extraEnv: Record<string, string>,
  io: Io,
  signal?: AbortSignal,
): Promise<CommandFailure | undefined> {
  const prepared = await prepareCommand(argv, extraEnv, io, signal);
  if ('text' in prepared) return prepared;
  const { path, env, outFd, errFd } = prepared;
  return new Promise((resolve, reject) => {
    const child = spawn(path, argv.slice(1), {
      argv0: argv[0]!,
      env,
      stdio: ['ignore', outFd ?? 'pipe', errFd ?? 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => io.stdout.write(c));
    child.stderr?.on('data', (c: Buffer) => io.stderr.write(c));
    // The terminal signals the command's process group too, so it need not be killed here.
    const onAbort = () => reject(canceled());
    signal?.addEventListener('abort', onAbort, { once: true });
    let started = true;
    child.once('error', (e: NodeJS.ErrnoException) => {
      started = false;
      signal?.removeEventListener('abort', onAbort);
      resolve(startFailure(path, e.code, e.message));
    });
    child.once('close', (code, sig) => {
      signal?.removeEventListener('abort', onAbort);
      if (!started) return;
      resolve(endingOf(code, sig));
    });
  });
}
