// What lease keep-alive, lock and elect share: the recipes' timing from the global flags, the
// session TTL flag, and holding a lock or a leadership until a signal or the loss of the session.
import { millis } from '../../etcd/client-config.js';
import type { CommandContext } from '../../cli/context.js';
import type { Timing } from '../../etcd/concurrency/calls.js';
import type { Session } from '../../etcd/concurrency/session.js';
import { readRange } from '../../etcd/concurrency/wait.js';
import { CliError } from '../../errors.js';
import { getPrinters } from '../../output/get.js';

/** The recipes' bounds: --dial-timeout per connection, --command-timeout per request. */
export function timingOf(ctx: CommandContext): Timing {
  const config = ctx.config();
  return {
    dialMs: millis(config.dialTimeoutNs),
    requestMs: millis(config.commandTimeoutNs),
    debug: config.debug ? (line) => ctx.io.stderr.write(`[ectl] ${line}\n`) : undefined,
  };
}

/** `--ttl`: the session's lease TTL in seconds (<= 0 means 60, as the Go session). */
export function ttlFlag(
  defaultTtl: bigint,
  usage = 'timeout for session',
): { kind: 'int'; default: bigint; usage: string } {
  return { kind: 'int', default: defaultTtl, usage };
}

/** What lock and elect hold once acquired: the key they print, and how to give it up. */
export interface Held {
  key: Uint8Array;
  release(): Promise<void>;
}

/**
 * Prints the held key with the get printer, then holds it until a signal (released, exit 0) or the
 * session's loss (`texts.lost` is the error). `texts.missing` is the error when the key is already
 * gone (lock's check; elect has none).
 */
export async function holdUntilSignal(
  ctx: CommandContext,
  session: Session,
  held: Held,
  timing: Timing,
  texts: { lost: string; missing?: string },
): Promise<void> {
  let released = false;
  try {
    const opts = { signal: ctx.signal, stop: session.lost };
    const resp = await readRange(session.client, { key: held.key }, opts, timing);
    if (texts.missing !== undefined && resp.kvs.length === 0) throw new CliError(texts.missing);
    const { hex } = ctx.config();
    ctx.print(getPrinters, resp, { hex });
    if ((await signalOrLoss(ctx.signal, session.lost)) === 'lost') throw new CliError(texts.lost);
    await held.release();
    released = true;
  } finally {
    // Whatever went wrong, the next waiter should not have to wait for the lease to expire.
    if (!released) await held.release().catch(() => undefined);
  }
}

/** Resolves with what happened first: the command's signal, or the session's loss. */
function signalOrLoss(signal: AbortSignal, lost: AbortSignal): Promise<'signal' | 'lost'> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve('signal');
    if (lost.aborted) return resolve('lost');
    const onSignal = () => done('signal');
    const onLost = () => done('lost');
    const done = (what: 'signal' | 'lost') => {
      signal.removeEventListener('abort', onSignal);
      lost.removeEventListener('abort', onLost);
      resolve(what);
    };
    signal.addEventListener('abort', onSignal, { once: true });
    lost.addEventListener('abort', onLost, { once: true });
  });
}
