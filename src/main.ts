// The process edge, and the only file that touches `process`: builds the real Io, turns SIGINT and
// SIGTERM into one AbortController, runs the CLI and, once stdout and stderr have drained, exits
// with its code or ends by the signal that interrupted it.
import { runToEnd } from './cli.js';
import { pausingChunks, type Io } from './io.js';
import { readHiddenLine } from './input/hidden-line.js';

function processIo(): Io {
  let stdin: Io['stdin'] | undefined;
  return {
    // Made when first read: creating process.stdin loads a stream (tty, pipe or file) that most
    // commands never use, a few ms of every start-up. Still the stream itself (prompts read it),
    // iterated without blocking later prompts.
    get stdin() {
      return (stdin ??= Object.assign(process.stdin, {
        isTTY: process.stdin.isTTY === true,
        [Symbol.asyncIterator]: () => pausingChunks(process.stdin),
      }));
    },
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: () => process.stderr.columns ?? process.stdout.columns,
    env: process.env,
    promptHidden: (question) => readHiddenLine(question, process.stdin, process.stdout),
    now: () => performance.now(),
    nodePath: process.execPath,
  };
}

function drained(stream: NodeJS.WriteStream): Promise<void> {
  // A write of '' resolves once everything queued before it has been handed to the OS; exiting
  // earlier cuts piped output at 64 KiB.
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

/**
 * Ends the process by `signal`, as Go's default disposition does for a command without a handler:
 * the parent's wait() sees "killed by SIGINT", so a shell running ectl in a loop stops on Ctrl-C
 * (bash goes on when a child merely exits 130).
 */
function dieBy(signal: NodeJS.Signals): never {
  // A terminal left in raw mode by a prompt would stay unusable after the process is gone.
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  process.removeAllListeners(signal); // restores the default disposition
  process.kill(process.pid, signal);
  // A fallback: the default disposition ends the process within kill().
  process.exit(signal === 'SIGTERM' ? 143 : 130);
}

/** Runs ectl in this process and exits with its code. */
export async function main(): Promise<void> {
  // Node's own warnings (e.g. DEP0123, which grpc-js triggers by naming a TLS server by its IP
  // address) are noise to a CLI user and would break scripts that compare stderr.
  process.removeAllListeners('warning');
  process.noDeprecation = true;
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    // A second signal does not wait for the clean-up of the first.
    if (controller.signal.aborted) dieBy(name);
    controller.abort(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A reader that closes the pipe early (`ectl get --prefix '' | head`) must not crash ectl.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const ending = await runToEnd(process.argv.slice(2), processIo(), controller.signal);
  const flushed = Promise.all([drained(process.stdout), drained(process.stderr)]);
  if (!ending.signal) {
    await flushed;
    process.exit(ending.code);
  }
  // Interrupted: a reader that stopped reading (a pager) must not hold the process.
  await Promise.race([flushed, new Promise((r) => setTimeout(r, 500))]);
  dieBy(ending.signal);
}
