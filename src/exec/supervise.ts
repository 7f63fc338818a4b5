// Running a command that may run only while a lock or leadership is held (`elect ... -- CMD`,
// `lock NAME CMD`): started through the guardian (guardian.ts), which terminates it when ectl dies
// or stops confirming its lease in time, and on request (SIGTERM, then SIGKILL after a grace).
import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Io } from '../io.js';
import { type CommandFailure, endingOf, prepareCommand, startFailure } from './exec-command.js';
import { GUARDIAN_SCRIPT } from './guardian.js';

/** How a supervised command ended; `why` says when ectl's side (or its deadline) ended it. */
export interface SupervisedEnd {
  failure: CommandFailure | undefined;
  why?: 'deadline' | 'stop';
}

/** A running supervised command. */
export interface Supervised {
  readonly done: Promise<SupervisedEnd>;
  /** The command must be terminated at `epochMs` unless moved later again. */
  deadline(epochMs: number): void;
  /** Passes a signal on to the command. */
  signal(name: NodeJS.Signals): void;
  /** SIGTERM now, SIGKILL after the grace. */
  stop(): void;
}

/**
 * Starts `argv` with ectl's environment plus `extraEnv` under a guardian; returns how it failed
 * instead when it cannot be found. `graceMs` is the time between SIGTERM and SIGKILL.
 */
export async function superviseCommand(
  argv: readonly string[],
  extraEnv: Record<string, string>,
  io: Io,
  graceMs: number,
  signal?: AbortSignal,
): Promise<Supervised | CommandFailure> {
  const prepared = await prepareCommand(argv, extraEnv, io, signal);
  if ('text' in prepared) return prepared;
  const { path, env, outFd, errFd } = prepared;
  const config = JSON.stringify({ path, argv, env, graceMs });
  const guardian = spawn(io.nodePath ?? 'node', ['-e', GUARDIAN_SCRIPT], {
    stdio: ['pipe', outFd ?? 'pipe', errFd ?? 'pipe', 'pipe'],
    // Not ectl's env: the guardian must not load NODE_OPTIONS' preloads meant for the command.
    env: { PATH: env.PATH ?? '' },
  });
  guardian.stdout?.on('data', (c: Buffer) => io.stdout.write(c));
  guardian.stderr?.on('data', (c: Buffer) => io.stderr.write(c));
  const control = guardian.stdin as Writable;
  control.on('error', () => undefined); // the guardian is gone: its report says how
  const send = (line: string) => {
    if (control.writable) control.write(`${line}\n`);
  };
  send(config);
  const done = new Promise<SupervisedEnd>((resolve) => {
    let text = '';
    const reports = guardian.stdio[3] as Readable;
    reports.setEncoding('utf8');
    reports.on('data', (c: string) => (text += c));
    guardian.once('error', (e) => resolve({ failure: { text: `guardian: ${e.message}` } }));
    guardian.once('close', (code, sig) => {
      control.destroy();
      resolve(endOf(text, path, code, sig));
    });
  });
  return {
    done,
    deadline: (ms) => send(`deadline ${Math.round(ms)}`),
    signal: (name) => send(`signal ${name}`),
    stop: () => send('stop'),
  };
}

function endOf(
  text: string,
  path: string,
  code: number | null,
  sig: NodeJS.Signals | null,
): SupervisedEnd {
  let r: { code?: number | null; signal?: NodeJS.Signals | null; why?: string; error?: string };
  try {
    r = JSON.parse(text) as typeof r;
  } catch {
    // The guardian died without a report (killed): the command may still run, say so.
    const how = sig ? `signal ${sig}` : `status ${code}`;
    return { failure: { text: `the command's guardian ended with ${how}` } };
  }
  if (r.error !== undefined) return { failure: startFailure(path, r.error, r.error) };
  const failure = endingOf(r.code ?? null, r.signal ?? null);
  return r.why === 'deadline' || r.why === 'stop' ? { failure, why: r.why } : { failure };
}
