// Running a command while a lock or a leadership is held (`lock NAME CMD`, `elect N P -- CMD`): the
// command runs under the guardian (exec/supervise.ts), whose deadline follows the session's
// confirmed renewals; losing the session or the key terminates it (SIGTERM, SIGKILL after the
// grace) and is an error; otherwise the lock or leadership is given up as soon as it ends.
import type { CommandContext } from '../../cli/context.js';
import type { Timing } from '../../etcd/concurrency/calls.js';
import type { Session } from '../../etcd/concurrency/session.js';
import { untilKeyGone } from '../../etcd/concurrency/wait.js';
import { CliError, SilentExitError } from '../../errors.js';
import { exitStatusOf } from '../../exec/exec-command.js';
import { superviseCommand } from '../../exec/supervise.js';

/** `--grace`: the time between SIGTERM and SIGKILL when the command must stop (ectl only). */
export function graceFlag(): { kind: 'duration'; default: bigint; usage: string } {
  return {
    kind: 'duration',
    default: 10_000_000_000n,
    usage: 'time the command gets between SIGTERM and SIGKILL when it must stop (ectl only)',
  };
}

/** What runWhileHeld needs to know about the held lock or leadership. */
export interface HeldRun {
  session: Session;
  /** The held key and its create revision: its deletion ends the hold. */
  key: Uint8Array;
  createRev: bigint;
  command: readonly string[];
  env: Record<string, string>;
  graceMs: number;
  timing: Timing;
  /** Gives the lock or leadership up (deletes the key). */
  release(): Promise<void>;
  /** The error when the hold is lost while the command runs. */
  lostText: string;
  /** Pass SIGINT/SIGTERM received by ectl on to the command (elect) or not (lock, as etcdctl). */
  forwardSignals: boolean;
  /** A failed command is reported as `Error: exit status N` (lock, as etcdctl) or silently. */
  reportFailure: boolean;
}

/**
 * How long before the lease could expire on the server the guardian terminates the command when no
 * renewal was confirmed: time for SIGTERM to take effect before another holder may start.
 */
export function marginMs(ttl: bigint): number {
  return Math.min(1000, (Number(ttl) * 1000) / 4);
}

/** Runs the command while the hold lasts; ends as the command did, or with `lostText`. */
export async function runWhileHeld(ctx: CommandContext, h: HeldRun): Promise<void> {
  let started;
  try {
    started = await superviseCommand(h.command, h.env, ctx.io, h.graceMs);
  } catch (err) {
    await h.release().catch(() => undefined);
    throw err;
  }
  if ('text' in started) {
    await h.release().catch(() => undefined);
    throw new CliError(started.text, exitStatusOf(started));
  }
  const sup = started;
  const margin = marginMs(h.session.ttl);
  const follow = (safeUntil: number) => sup.deadline(safeUntil - margin);
  follow(h.session.safeUntil);
  h.session.onRenew(follow);

  let lost = false;
  const onLoss = () => {
    lost = true;
    sup.stop();
  };
  const onSignal = () => sup.signal(ctx.signal.reason === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
  const watching = new AbortController();
  const { session } = h;
  void untilKeyGone(session.client, h.key, h.createRev, watching.signal, h.timing).then(
    onLoss,
    () => undefined, // stopped below
  );
  session.lost.addEventListener('abort', onLoss, { once: true });
  if (session.lost.aborted) onLoss();
  if (h.forwardSignals) {
    ctx.signal.addEventListener('abort', onSignal, { once: true });
    if (ctx.signal.aborted) onSignal();
  }
  let end;
  try {
    end = await sup.done;
  } finally {
    watching.abort();
    session.lost.removeEventListener('abort', onLoss);
    ctx.signal.removeEventListener('abort', onSignal);
  }
  if (lost || end.why === 'deadline') {
    await h.release().catch(() => undefined);
    throw new CliError(h.lostText);
  }
  if (end.failure === undefined) return h.release();
  await h.release().catch(() => undefined);
  const code = exitStatusOf(end.failure);
  throw h.reportFailure ? new CliError(end.failure.text, code) : new SilentExitError(code);
}
