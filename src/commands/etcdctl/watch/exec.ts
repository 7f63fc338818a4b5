// watch's exec command: etcdctl runs it once per event with exec.Command semantics and the
// ETCD_WATCH_* variables, reports a failure in os/exec's words and exits 1; Ctrl-C ends ectl at
// once without waiting for it.
import type { Event } from '../../../etcd/proto/gen/messages.js';
import { ExitCode, SilentExitError } from '../../../errors.js';
import type { Io } from '../../../io.js';
import { goQuote, goQuoteString } from '../../../go/format.js';
import { eventTypeName } from '../../../output/watch.js';
import { runCommand } from '../../../exec/exec-command.js';

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
    io.stderr.write(`command ${goQuoteList(argv)} error (${failure.text})\n`);
    throw new SilentExitError(ExitCode.Error);
  }
}
