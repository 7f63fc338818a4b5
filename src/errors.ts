// etcdctl's exit codes and the typed errors that carry them; cli.ts is the one place that maps an
// error to an exit code and a message. The client's own errors (src/etcd/errors.ts) know no exit
// codes: their kinds are mapped here.
import { ClientError, type ClientErrorKind } from './etcd/errors.js';

/** etcdctl's exit codes (etcdctl/ctlv3/command/error.go). */
export const ExitCode = {
  Success: 0,
  Error: 1,
  BadConnection: 2,
  InvalidInput: 3,
  BadFeature: 4,
  Interrupted: 5,
  IO: 6,
  /** ectl's own: a compare-and-swap precondition (or, under --strict, a txn's compares) failed. */
  PreconditionFailed: 7,
  BadArgs: 128,
} as const;

/** An error that knows its exit code; `message` is printed after `Error: `. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.Error,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Argument or flag validation failed inside a command (ExitBadArgs, 128). */
export class BadArgsError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.BadArgs);
  }
}

/** An output format or feature the command does not support (ExitBadFeature, 4). */
export class BadFeatureError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.BadFeature);
  }
}

/** Malformed input read from stdin (ExitInvalidInput, 3). */
export class InvalidInputError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.InvalidInput);
  }
}

/** The client could not be created: no endpoints, auth failure at connect (ExitBadConnection, 2). */
export class BadConnectionError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.BadConnection);
  }
}

/**
 * A command-line parse error (unknown flag, bad flag value, unknown command). cobra reports these
 * with exit 1 and a usage hint.
 */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message, ExitCode.Error);
  }
}

/** The user asked for help (`-h`, a parent command without sub-command): print it, exit 0. */
export class HelpRequested extends Error {
  constructor(readonly text: string) {
    super('help requested');
  }
}

/**
 * The command was interrupted by a signal it does not catch (or Ctrl-C in an editor): the process
 * ends by that signal, as Go's default does; the exit code is what a shell then reports.
 */
export class InterruptedError extends CliError {
  readonly signal: 'SIGINT' | 'SIGTERM';

  constructor(signalName: string) {
    const signal = signalName === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
    super('context canceled', signal === 'SIGTERM' ? 143 : 130);
    this.signal = signal;
  }
}

/**
 * A signal cut a wait short and a command that catches signals reports it as etcdctl does
 * (`lock`/`elect` still waiting: `Error: context canceled`, exit 1).
 */
export class CanceledError extends CliError {
  constructor() {
    super('context canceled', ExitCode.Error);
  }
}

/** A failure already reported in the command's own words (e.g. `endpoint status`): exit, print nothing. */
export class SilentExitError extends CliError {
  constructor(exitCode: number = ExitCode.Error) {
    super('', exitCode);
  }
}

/** Re-labels any error with the exit code a command uses for it (e.g. lease RPC errors → 2). */
export function withExitCode(err: unknown, code: number): CliError {
  if (err instanceof InterruptedError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const wrapped = new CliError(message, code);
  if (err instanceof Error && err.stack) wrapped.cause = err;
  return wrapped;
}

// etcdctl's exit code for each way the client fails: bad TLS files are argument errors (128), a
// client that cannot be created is ExitBadConnection (mustClient), the rest plain errors.
const clientErrorCodes: Readonly<Record<ClientErrorKind, number>> = {
  'tls-files': ExitCode.BadArgs,
  connect: ExitCode.BadConnection,
  discovery: ExitCode.Error,
  canceled: ExitCode.Error,
  session: ExitCode.Error,
};

/** Whether the error carries its own exit code (the CLI's errors and the client's typed ones). */
export function hasOwnExitCode(err: unknown): boolean {
  return err instanceof CliError || err instanceof ClientError;
}

/** The exit code for any thrown value: typed errors carry theirs, anything else is 1. */
export function exitCodeFor(err: unknown): number {
  if (err instanceof CliError) return err.exitCode;
  if (err instanceof ClientError) return clientErrorCodes[err.kind];
  return ExitCode.Error;
}

/** The one-line text printed for an error, without the `Error: ` prefix. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? '';
  return String(err);
}
