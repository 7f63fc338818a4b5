// What a builder or parser throws, as [message, exit code, detail] for table-driven assertions.
import { CliError } from '../../src/errors.js';

/** Runs fn, which must throw a CliError; returns its message, exit code and detail line. */
export function failure(fn: () => unknown): [string, number, string | undefined] {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return [e.message, e.exitCode, (e as { detail?: string }).detail];
  }
  throw new Error('expected an error');
}
