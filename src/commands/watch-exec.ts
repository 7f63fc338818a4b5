// watch's exec command: etcdctl runs it once per event with exec.Command semantics (PATH lookup,
// stdin not connected, stdout and stderr shared) and the ETCD_WATCH_* variables, and reports a
// failure in os/exec's words.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Event } from '../etcd/gen/messages.js';
import { canceled } from '../etcd/errors.js';
import { ExitCode, SilentExitError } from '../errors.js';
import type { Io, Sink } from '../io.js';
import { goQuote, goQuoteString } from '../output/goformat.js';
import { eventTypeName } from '../output/watch.js';

const empty = new Uint8Array(0);

/** The variables etcdctl adds for one event; values are Go-quoted (quotes included). */
export function eventEnv(revision: bigint, ev: Event): Record<string, string> {
  return {
    ETCD_WATCH_REVISION: String(revision),
    ETCD_WATCH_EVENT_TYPE: goQuoteString(eventTypeName(ev.type)),
    ETCD_WATCH_KEY: goQuote(ev.kv?.key ?? empty),
    ETCD_WATCH_VALUE: goQuote(ev.kv?.value ?? empty),
  };
}

/** Go's `%q` of a []string: `["sh" "-c" "exit 7"]`. */
export function goQuoteList(list: readonly string[]): string {
  return `[${list.map(goQuoteString).join(' ')}]`;
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

function fdOf(sink: Sink): number | undefined {
  const fd = (sink as { fd?: unknown }).fd;
  return typeof fd === 'number' ? fd : undefined;
}

/** Resolves once what was written to a process stream before has reached the OS. */
function flushed(sink: Sink): Promise<void> {
  const w = sink as { write(chunk: string, cb: () => void): unknown };
  return new Promise((resolve) => w.write('', () => resolve()));
}

/**
 * Runs the command with `extraEnv` and waits for it; resolves with os/exec's error text when it
 * could not start or did not exit with 0, undefined on success.
 */
export async function runCommand(
  argv: readonly string[],
  extraEnv: Record<string, string>,
  io: Io,
  signal: AbortSignal,
): Promise<string | undefined> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(io.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, extraEnv);
  const found = lookPath(argv[0]!, env.PATH);
  if ('error' in found) return found.error;
  const [outFd, errFd] = [fdOf(io.stdout), fdOf(io.stderr)];
  // The child writes straight to ectl's stdout: what ectl printed before must be there first.
  if (outFd !== undefined) await flushed(io.stdout);
  if (errFd !== undefined) await flushed(io.stderr);
  if (signal.aborted) throw canceled();
  return new Promise((resolve, reject) => {
    const child = spawn(found.path, argv.slice(1), {
      argv0: argv[0]!,
      env,
      stdio: ['ignore', outFd ?? 'pipe', errFd ?? 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => io.stdout.write(c));
    child.stderr?.on('data', (c: Buffer) => io.stderr.write(c));
    // Interrupted: etcdctl dies at once without waiting; so does ectl (the terminal signals the
    // command's process group too).
    const onAbort = () => reject(canceled());
    signal.addEventListener('abort', onAbort, { once: true });
    let started = true;
    child.once('error', (e: NodeJS.ErrnoException) => {
      started = false;
      signal.removeEventListener('abort', onAbort);
      resolve(`fork/exec ${found.path}: ${errnoText[e.code ?? ''] ?? e.message}`);
    });
    child.once('close', (code, sig) => {
      signal.removeEventListener('abort', onAbort);
      if (!started) return;
      if (sig) resolve(`signal: ${signalText[sig] ?? sig}`);
      else resolve(code === 0 ? undefined : `exit status ${code}`);
    });
  });
}

/** Runs the exec command for every event of a response; a failure ends ectl with exit 1. */
export async function execForEvents(
  argv: readonly string[],
  revision: bigint,
  events: readonly Event[],
  io: Io,
  signal: AbortSignal,
): Promise<void> {
  for (const ev of events) {
    const failure = await runCommand(argv, eventEnv(revision, ev), io, signal);
    if (failure === undefined) continue;
    io.stderr.write(`command ${goQuoteList(argv)} error (${failure})\n`);
    throw new SilentExitError(ExitCode.Error);
  }
}
