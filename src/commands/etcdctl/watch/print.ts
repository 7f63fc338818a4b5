// etcdctl's printWatchCh: for every response the cancellation line, the progress line, the
// response in the chosen format and the exec command per event.
import { millis } from '../../../etcd/client-config.js';
import type { CommandContext } from '../../../cli/context.js';
import { clientWatchDeps } from '../../../etcd/watch/stream.js';
import { type Watch, Watcher } from '../../../etcd/watch/watcher.js';
import { isProgressNotify, watchPrinters } from '../../../output/watch.js';
import { printerOf } from '../../../output/print.js';
import { execForEvents } from './exec.js';
import { watchScript } from '../../../output/script/watch.js';

/**
 * How a Watcher of this invocation behaves, from the global flags: its signal, dial timeout,
 * `initialTimeoutMs` to get the watch created, liveness probing, and its warning and debug lines.
 */
export function watcherSettings(ctx: CommandContext, initialTimeoutMs: number) {
  const config = ctx.config();
  const { io } = ctx;
  return {
    signal: ctx.signal,
    dialTimeoutMs: millis(config.dialTimeoutNs),
    initialTimeoutMs,
    // A silent stream's member is probed as often as grpc would ping it (never below 1 s).
    liveness:
      config.keepaliveTimeNs > 0n
        ? {
            idleMs: Math.max(millis(config.keepaliveTimeNs), 1000),
            timeoutMs: millis(config.keepaliveTimeoutNs),
          }
        : undefined,
    warn: (line: string) => io.stderr.write(`${line}\n`),
    debug: config.debug ? (line: string) => io.stderr.write(`[ectl] ${line}\n`) : undefined,
  };
}

/** A Watcher printing every response as etcdctl's printWatchCh does (and running execArgs). */
export async function startWatcher(
  ctx: CommandContext,
  execFor: (watch: Watch) => readonly string[],
): Promise<Watcher> {
  const config = ctx.config();
  const client = await ctx.client();
  const opts = { hex: config.hex };
  const script = config.output === 'wide' ? undefined : config.output;
  const { io, signal } = ctx;
  return new Watcher(clientWatchDeps(client), {
    ...watcherSettings(ctx, millis(config.dialTimeoutNs + config.commandTimeoutNs)),
    deliver(watch, d) {
      const { resp } = d;
      if (resp.canceled) io.stderr.write(`watch was canceled (${d.error ?? ''})\n`);
      if (script) {
        for (const part of watchScript(script, resp, isProgressNotify(resp))) ctx.write(part);
      } else {
        if (isProgressNotify(resp)) ctx.write(`progress notify: ${resp.header!.revision}\n`);
        // The format is checked when the first response arrives, as etcdctl does.
        ctx.write(printerOf(watchPrinters, config.writeOut)(resp, opts));
      }
      const execArgs = execFor(watch);
      if (execArgs.length === 0 || resp.events.length === 0) return;
      return execForEvents(execArgs, resp.header?.revision ?? 0n, resp.events, io, signal);
    },
  });
}
