// The process edge, and the only file that touches `process`: builds the real Io, turns SIGINT and
// SIGTERM into one AbortController, runs the CLI and exits once stdout and stderr have drained.
import { run } from './cli.js';
import { enquirerPassword, type Io } from './io.js';

function processIo(): Io {
  return {
    stdin: Object.assign(process.stdin, { isTTY: process.stdin.isTTY === true }),
    stdout: process.stdout,
    stderr: process.stderr,
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
    promptHidden: (question) => enquirerPassword(question, process.stdin, process.stdout),
    now: () => performance.now(),
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

/** Runs ectl in this process and exits with its code. */
export async function main(): Promise<void> {
  // Node's own warnings (e.g. DEP0123, which grpc-js triggers by naming a TLS server by its IP
  // address) are noise to a CLI user and would break scripts that compare stderr.
  process.removeAllListeners('warning');
  process.noDeprecation = true;
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(name === 'SIGTERM' ? 143 : 130);
    controller.abort(name);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A reader that closes the pipe early (`ectl get --prefix '' | head`) must not crash ectl.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  const code = await run(process.argv.slice(2), processIo(), controller.signal);
  await Promise.all([drained(process.stdout), drained(process.stderr)]);
  process.exit(code);
}
