// The guard rails of a context: a command declares whether it writes (and whether it destroys) with
// one line, `.writes(...)` on its EctlCommand; the CLI refuses writes on a read-only context before
// connecting, asks a confirm-writes context's [y/N] question on a terminal (or wants --yes), and
// names the context on stderr before every write there.
import { CliError } from '../errors.js';
import { type Io, readLine } from '../io.js';
import { dimLine } from '../output/human/dim.js';
import type { ParsedFlags } from './flagspec.js';
import type { GlobalConfig } from './globals.js';

/**
 * When a command writes: `true` always; a predicate of its arguments and flags (`elect` writes
 * unless it only listens); `'handler'`: the handler knows only later and calls ctx.guardWrite()
 * (a txn's ops come from stdin).
 */
export type WritesWhen =
  true | 'handler' | ((args: readonly string[], flags: ParsedFlags) => boolean);

/** A command's declaration as a writer. */
export interface WriteMark {
  when: WritesWhen;
  /**
   * Destructive: a confirm-writes context asks first. `'before'`: the CLI asks before connecting;
   * `'handler'`: the handler asks with ctx.confirmWrite(summary) once it can say how much (del
   * counts the keys first).
   */
  confirm?: 'before' | 'handler';
}

/** Options of `.writes()`: the defaults make `.writes()` mean "always writes, not destructive". */
export type WriteMarkInit = Partial<WriteMark>;

/** The read-only refusal: `context "prod" is read-only: put would write`. */
export function readOnlyError(context: string, what: string): CliError {
  return new CliError(`context "${context}" is read-only: ${what} would write`);
}

/** Throws when the context is read-only; on a confirm-writes context names it on stderr. */
export function checkWrite(io: Io, config: GlobalConfig, what: string): void {
  const c = config.context;
  if (!c) return;
  if (c.readOnly) throw readOnlyError(c.name, what);
  if (c.confirmWrites && io.stderrIsTTY)
    io.stderr.write(dimLine(`ectl: ${what} writes to context "${c.name}"`, io.env));
}

/**
 * A confirm-writes context's question before a destructive command: `summary` says what would
 * happen (`Delete 3 keys`). --yes answers it; without a terminal and --yes the command fails.
 */
export async function confirmWrite(
  io: Io,
  config: GlobalConfig,
  what: string,
  summary: string,
): Promise<void> {
  const c = config.context;
  if (!c?.confirmWrites || config.yes) return;
  if (!io.stdin.isTTY) {
    const detail = summary.toLowerCase() === `run ${what}` ? '' : ` (${summary.toLowerCase()})`;
    throw new CliError(
      `context "${c.name}" asks to confirm ${what}${detail} and there is no terminal to ask on; add --yes to confirm`,
    );
  }
  io.stderr.write(`${summary} in context "${c.name}"? [y/N] `);
  const answer = (await readLine(io.stdin)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes')
    throw new CliError(`${what} not confirmed; nothing written`);
}

/** Whether a command with `mark` writes with these arguments, as far as the CLI can tell. */
export function writesNow(
  mark: WriteMark | undefined,
  args: readonly string[],
  flags: ParsedFlags,
): boolean {
  if (!mark || mark.when === 'handler') return false;
  return mark.when === true || mark.when(args, flags);
}
