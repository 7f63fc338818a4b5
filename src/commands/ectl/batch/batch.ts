// `ectl batch [FILE]`: many ectl command lines in one process over one connection. Each line
// prints exactly what it would print as its own `ectl` invocation; the first failure stops the
// batch (`line N: ` before its error, its exit code), unless --keep-going.
import { promises } from 'node:fs';
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { boolFlag, defineFlags } from '../../../cli/typed-flags.js';
import { globalFlags } from '../../../cli/globals.js';
import { clientHooks } from '../../../cli/client-hooks.js';
import { files } from '../../../cli/completion/types.js';
import { BadArgsError, CliError, InterruptedError, SilentExitError } from '../../../errors.js';
import { goPathError } from '../../../go/errno.js';
import { readAll, type Io } from '../../../io.js';
import { coalescedOutput } from './coalesced-output.js';
import { parseScript, type Step } from './script.js';
import {
  type RunLine,
  type StartedLine,
  dropLine,
  mayStartEarly,
  startEarly,
  startNow,
  takeTurn,
} from './look-ahead.js';
import { loadConfig } from '../../../cli/contexts/load.js';
import { bytesSource, envSnapshot, globalWords, lineIo, sharedClient } from './run-steps.js';

/** batch's flags. */
const batchFlags = defineFlags({
  'keep-going': boolFlag(
    "run every line even after one failed; exit with the first failed line's code",
  ),
});

async function readScript(ctx: CommandContext, file: string | undefined): Promise<string> {
  if (file === undefined || file === '-')
    return (await readAll(ctx.io.stdin, ctx.signal)).toString('utf8');
  try {
    return await promises.readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(goPathError('open', file, err));
  }
}

async function batchCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length > 1)
    throw new BadArgsError(
      'batch takes at most one argument: the script (stdin when omitted or -)',
    );
  const { keepGoing } = batchFlags.read(ctx.flags);
  const text = await readScript(ctx, ctx.args[0]);
  // cli.ts registers this command: loaded when a batch runs, not when the tree is built.
  const cli = await import('../../../cli.js');
  const program = await cli.wholeProgram(ctx.io);
  const steps = parseScript(text, program, globalFlags);
  const before = globalWords(ctx.flags, globalFlags);
  const out = coalescedOutput(ctx.io.stdout, ctx.io.stderr);
  const io: Io = {
    ...ctx.io,
    stdout: out.stdout,
    stderr: out.stderr,
    promptHidden: (question) => {
      out.flush();
      return ctx.io.promptHidden(question);
    },
  };
  const shared = sharedClient(ctx.connect, (config) => ({
    ...clientHooks(io, ctx.signal, config.debug),
    openStreamsAhead: true,
  }));
  const env = envSnapshot(ctx.io.env);
  // Read once, not by every line (a stat and a read each); again after a line that may write it.
  let config = await loadConfig(env);
  const run =
    (step: Step): RunLine =>
    (stdout, stderr, connect) =>
      cli.runToEnd(
        [...before, ...step.argv],
        { ...lineIo(io, bytesSource(step.stdin), env), stdout, stderr },
        ctx.signal,
        { connect, program, errorPrefix: `line ${step.line}: `, config },
      );
  let failed = 0;
  // The line after the running one, started early when it may be (see look-ahead.ts).
  let next: StartedLine | undefined;
  try {
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const line = next ?? startNow(run(step), io, shared.connect);
      next = undefined;
      takeTurn(line);
      const after = steps[i + 1];
      if (after && mayStartEarly(step, after)) next = startEarly(run(after), io, shared.connect);
      const ending = await line.ending;
      if (step.cmd.startsWith('config ')) config = await loadConfig(env);
      if (ending.signal) throw new InterruptedError(ending.signal);
      if (ending.code === 0) continue;
      failed ||= ending.code;
      if (!keepGoing) break;
    }
  } finally {
    await dropLine(next);
    out.flush();
    await shared.close();
  }
  // The failed line has said why, prefixed with its number.
  if (failed) throw new SilentExitError(failed);
}

/** Registers `batch`. */
export function register(program: EctlCommand): void {
  program
    .command('batch')
    .description('Runs many commands, one a line, over one connection')
    .usage('[options] [FILE]')
    .flags(batchFlags)
    .completeArgs(files)
    .addHelpText(
      'after',
      `
Each line is what you would type after "ectl": a command with its own flags (-w, --hex, -o,
--strict...). Words are split as a POSIX shell splits them: '...' and "..." quote, a backslash
escapes the next character, a # at the start of a word starts a comment; blank lines are skipped.
There are no variables, globs, pipes or redirections ($ and * are ordinary characters; | ; & < >
must be quoted). A quote left open continues on the next line.

Global flags given before "batch" apply to every line. Connection flags (--endpoints, --user,
TLS files, timeouts of the connection) may only be given there: all lines share one connection.
A "txn" line reads its transaction from the lines after it, up to and including the blank line
that ends its failure requests, as "ectl txn" reads stdin.

Every line is checked before the first one runs: commands that need a terminal or run until
interrupted (watch, lock, elect, lease keep-alive, make-mirror, txn -i, edit, shell, register)
are refused, naming the line. Output is exactly what each line would print as its own ectl
invocation. The first failing line stops the batch: its error is prefixed with "line N: " and
ectl exits with that line's code; with --keep-going the rest still runs and ectl exits with the
first failure's code.
`,
    )
    .examples([
      'ectl batch script.ectl                      # one command a line',
      'printf \'put a 1\\nput b 2\\nget --prefix ""\\n\' | ectl batch',
      'ectl --endpoints 10.0.0.1:2379 batch --keep-going cleanup.ectl',
    ])
    .handle(batchCommand);
}
