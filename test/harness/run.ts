// Runs ectl (the run's private build, see build.ts) and the reference etcdctl as subprocesses,
// from a clean environment and never with the test runner's stdin.
import { spawn, type ChildProcess } from 'node:child_process';
import { cleanEnv, etcdctlBin } from './bins.js';
import { builtEctl } from './build.js';
import { trackPid, untrackPid } from './pids.js';

export { REPO_ROOT } from './build.js';
/** bin/ectl of the build made once for this run, never the shared tree's dist/. */
export const ECTL_BIN = builtEctl();

export interface RunOptions {
  /** Added to the clean environment (which has no ETCDCTL_* at all). */
  env?: Record<string, string>;
  /** Written to stdin, which is then closed; without it stdin is an empty, closed pipe. */
  stdin?: string | Buffer;
  /** Working directory of the process (default: the test runner's). */
  cwd?: string;
  /** SIGKILL after this long (default 20 s); the result then has signal 'SIGKILL'. */
  timeoutMs?: number;
}

export interface RunResult {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  signal: string | null;
  ms: number;
  timedOut: boolean;
}

function launch(
  bin: string,
  argv: string[],
  env: Record<string, string>,
  cwd?: string,
): ChildProcess {
  const stdio: ['pipe', 'pipe', 'pipe'] = ['pipe', 'pipe', 'pipe'];
  const child = spawn(bin, argv, { env: cleanEnv(env), stdio, ...(cwd ? { cwd } : {}) });
  // A CLI that exits without reading stdin makes our write fail with EPIPE: not a test failure.
  child.stdin?.on('error', () => {});
  if (child.pid) {
    trackPid(child.pid, false);
    child.once('exit', () => untrackPid(child.pid as number));
  }
  return child;
}

function run(bin: string, argv: string[], opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const child = launch(bin, argv, opts.env ?? {}, opts.cwd);
  child.stdin?.end(opts.stdin ?? '');
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => out.push(c));
  child.stderr?.on('data', (c: Buffer) => err.push(c));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, opts.timeoutMs ?? 20_000);
  return new Promise((resolve, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    // 'close', not 'exit': it fires after stdout/stderr have been read to the end.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        signal,
        ms: Math.round(performance.now() - started),
        timedOut,
      });
    });
  });
}

/** Runs `node bin/ectl ...args`. */
export function runEctl(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(process.execPath, [ECTL_BIN, ...args], opts);
}

export function hasEtcdctl(): boolean {
  return etcdctlBin() !== undefined;
}

/** Why a comparison with etcdctl is skipped: the note for `skip(!hasEtcdctl(), NO_ETCDCTL)`. */
export const NO_ETCDCTL = 'etcdctl not found: install etcd-client or set ECTL_TEST_ETCDCTL';

function requireEtcdctl(): string {
  const bin = etcdctlBin();
  if (!bin) throw new Error(NO_ETCDCTL);
  return bin;
}

/** Runs the reference etcdctl with ETCDCTL_API=3 (skip such tests when !hasEtcdctl()). */
export function runEtcdctl(args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return run(requireEtcdctl(), args, { ...opts, env: { ETCDCTL_API: '3', ...opts.env } });
}

export interface Spawned {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stdoutBuffer(): Buffer;
  stderr(): string;
  /** Resolves with the first match of `re` in the stream's output so far or to come. */
  waitFor(
    re: RegExp,
    opts?: { stream?: 'stdout' | 'stderr'; timeoutMs?: number },
  ): Promise<RegExpMatchArray>;
  /** Resolves when the process has exited and its output has been read. */
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Sends `signal` (default SIGTERM) and waits for the exit. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: string | null }>;
}

export interface SpawnOptions extends Omit<RunOptions, 'timeoutMs'> {
  /** Leave stdin open for the test to write to (`child.stdin`), e.g. for watch -i. */
  keepStdinOpen?: boolean;
}

function spawnTool(bin: string, argv: string[], opts: SpawnOptions): Spawned {
  const child = launch(bin, argv, opts.env ?? {}, opts.cwd);
  if (!opts.keepStdinOpen) child.stdin?.end(opts.stdin ?? '');
  else if (opts.stdin !== undefined) child.stdin?.write(opts.stdin);
  const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const listeners = new Set<() => void>();
  let closed = false;
  for (const stream of ['stdout', 'stderr'] as const) {
    child[stream]?.on('data', (c: Buffer) => {
      chunks[stream].push(c);
      for (const l of listeners) l();
    });
  }
  const text = (stream: 'stdout' | 'stderr') => Buffer.concat(chunks[stream]).toString('utf8');
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    child.once('close', (code, signal) => {
      closed = true;
      for (const l of listeners) l();
      resolve({ code, signal });
    });
  });
  const waitFor: Spawned['waitFor'] = (re, o = {}) => {
    const stream = o.stream ?? 'stdout';
    return new Promise((resolve, reject) => {
      const done = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      const fail = (why: string) =>
        done(() =>
          reject(
            new Error(
              `${why} ${re} on ${stream}; stdout:\n${text('stdout')}\nstderr:\n${text('stderr')}`,
            ),
          ),
        );
      const check = () => {
        const m = text(stream).match(re);
        if (m) done(() => resolve(m));
        else if (closed) fail('exited before matching');
      };
      const timer = setTimeout(() => fail('timed out waiting for'), o.timeoutMs ?? 10_000);
      listeners.add(check);
      check();
    });
  };
  return {
    child,
    stdout: () => text('stdout'),
    stdoutBuffer: () => Buffer.concat(chunks.stdout),
    stderr: () => text('stderr'),
    waitFor,
    exited,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Starts a long-running ectl (watch, lock, elect) and returns helpers to follow its output. */
export function spawnEctl(args: string[], opts: SpawnOptions = {}): Spawned {
  return spawnTool(process.execPath, [ECTL_BIN, ...args], opts);
}

/** Starts a long-running etcdctl with ETCDCTL_API=3, for side-by-side comparisons. */
export function spawnEtcdctl(args: string[], opts: SpawnOptions = {}): Spawned {
  return spawnTool(requireEtcdctl(), args, { ...opts, env: { ETCDCTL_API: '3', ...opts.env } });
}
