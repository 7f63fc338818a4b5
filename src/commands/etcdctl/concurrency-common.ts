// What lease keep-alive, lock and elect share: the recipes' timing from the global flags, the
// session TTL flag, and the wait of a holder for a signal or the loss of its session.
import { millis } from '../../etcd/client-config.js';
import type { CommandContext } from '../../cli/context.js';
import type { Timing } from '../../etcd/concurrency/calls.js';

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

/** Resolves with what happened first: the command's signal, or the session's loss. */
export function signalOrLoss(signal: AbortSignal, lost: AbortSignal): Promise<'signal' | 'lost'> {
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
