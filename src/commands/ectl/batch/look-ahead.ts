// Starting a batch line while the line before it waits for etcd. Between one answer and the next
// request a batch did the next line's CLI work (parsing its words, flags and configuration,
// building the request): about 165 µs a put, against 6 µs for a bare HTTP/2 loop; started early,
// that gap is about 95 µs. The early line does that work, but its connect waits at a gate until the
// line before has ended and the batch goes on, so nothing reaches etcd out of order or after a
// failure, deadlines start when the request can be sent, and what it prints is held until its turn.
import type { Ending } from '../../../cli.js';
import type { Connect } from '../../../etcd/client-config.js';
import type { Sink } from '../../../io.js';

/**
 * Commands whose work before connecting has no effect outside their own output (a held line's
 * output is replayed in its turn): anything else, a file written, a question asked, a config file
 * changed, waits for the line before it to end.
 */
const earlyCommands: ReadonlySet<string> = new Set([
  'put',
  'get',
  'del',
  'txn',
  'lease grant',
  'lease revoke',
  'lease timetolive',
  'lease list',
]);

/** Whether line `next` may start while `current` (the line before it) is still running. */
export function mayStartEarly(current: { cmd: string }, next: { cmd: string }): boolean {
  // A config line may change the contexts the next line reads before it starts.
  return earlyCommands.has(next.cmd) && !current.cmd.startsWith('config');
}

/** Where an early line's connect waits: open() lets it through, close() fails it. */
export interface Gate {
  connect: Connect;
  open(): void;
  close(): void;
}

/** A gate before `connect`. */
export function gate(connect: Connect): Gate {
  let open = () => {};
  let close = () => {};
  const passed = new Promise<void>((resolve, reject) => {
    open = resolve;
    close = () => reject(new Error('the batch stopped before this line'));
  });
  // An early line that fails before connecting never waits here: no unhandled rejection.
  passed.catch(() => undefined);
  return {
    connect: async (config, hooks) => {
      await passed;
      return connect(config, hooks);
    },
    open,
    close,
  };
}

/** An early line's stdout and stderr: held in order until release(), then passed straight on. */
export interface HeldOutput {
  stdout: Sink;
  stderr: Sink;
  release(): void;
}

/** Holds what is written to `stdout` and `stderr` until release(). */
export function heldOutput(stdout: Sink, stderr: Sink): HeldOutput {
  let held: [Sink, string | Uint8Array][] | undefined = [];
  const through = (to: Sink): Sink => ({
    write(chunk) {
      if (held) held.push([to, chunk]);
      else to.write(chunk);
    },
  });
  return {
    stdout: through(stdout),
    stderr: through(stderr),
    release() {
      const writes = held ?? [];
      held = undefined;
      for (const [to, chunk] of writes) to.write(chunk);
    },
  };
}

/** A line on its way: its ending, and for an early one the gate and the output it waits behind. */
export interface StartedLine {
  ending: Promise<Ending>;
  early?: { gate: Gate; held: HeldOutput };
}

/** How a batch runs one line: with these outputs, connecting through `connect`. */
export type RunLine = (stdout: Sink, stderr: Sink, connect: Connect) => Promise<Ending>;

/** Starts a line now, its turn come. */
export function startNow(run: RunLine, out: { stdout: Sink; stderr: Sink }, connect: Connect) {
  return { ending: run(out.stdout, out.stderr, connect) };
}

/** Starts a line early: held output, connect gated, until takeTurn(). */
export function startEarly(
  run: RunLine,
  out: { stdout: Sink; stderr: Sink },
  connect: Connect,
): StartedLine {
  const early = { gate: gate(connect), held: heldOutput(out.stdout, out.stderr) };
  // After the running line's request has gone out (node:http2 sends from its own immediates,
  // which run before these), so the early line's work does not delay it.
  const ending = new Promise((resolve) => setImmediate(resolve)).then(() =>
    run(early.held.stdout, early.held.stderr, early.gate.connect),
  );
  return { ending, early };
}

/** A line's turn: what it printed while the line before ran goes out, and it may send. */
export function takeTurn(line: StartedLine): void {
  line.early?.held.release();
  line.early?.gate.open();
}

/** A line started early whose turn never comes: stopped at its gate, its output dropped. */
export async function dropLine(line: StartedLine | undefined): Promise<void> {
  line?.early?.gate.close();
  await line?.ending;
}
