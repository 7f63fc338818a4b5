// The body of `ectl shell`, loaded only when a shell starts (readline, the session, completion):
// the terminal check, the session's one client, and the loop of prompts and commands.
import type { CommandContext } from '../../../cli/context.js';
import { clientHooks } from '../../../cli/client-hooks.js';
import { globalFlags } from '../../../cli/globals.js';
import { BadArgsError, CliError, InterruptedError } from '../../../errors.js';
import { envSnapshot, globalWords, sharedClient } from '../batch/run-steps.js';
import { completeLine } from './complete.js';
import { appendHistory, carriesSecret, historyPath, historySize, loadHistory } from './history.js';
import { ShellSession } from './session.js';
import { type Terminal, readShellLines, withCtrlC } from './terminal.js';
import { inContextNamespace } from '../../../cli/context.js';

/** Runs the shell until Ctrl-D, `exit` or SIGTERM. */
export async function shellCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length > 0) throw new BadArgsError('shell takes no arguments');
  const { io } = ctx;
  if (!io.stdin.isTTY || !io.stdoutIsTTY)
    throw new CliError(
      'ectl shell needs a terminal; to run commands from a file or a pipe, use ectl batch',
    );
  const term: Terminal = {
    input: io.stdin as unknown as NodeJS.ReadStream,
    output: io.stdout as unknown as NodeJS.WriteStream,
  };
  const config = ctx.config();
  const cli = await import('../../../cli.js');
  const program = await cli.wholeProgram(io);
  const before = globalWords(ctx.flags, globalFlags);
  // The session's client lives as long as the shell: a Ctrl-C that ends a command must not
  // cancel it, so its hooks get the process's signal (SIGTERM), not a command's.
  const shared = sharedClient(ctx.connect, (c) => clientHooks(io, ctx.signal, c.debug));
  const lineIo = { ...io, env: envSnapshot(io.env) };
  const session = new ShellSession({
    io: lineIo,
    program,
    before,
    connect: shared.connect,
    // ls reads as the lines do: under the context's namespace.
    client: async () =>
      inContextNamespace(
        await shared.connect(config, clientHooks(io, ctx.signal, config.debug)),
        config,
      ),
    commandTimeoutNs: config.commandTimeoutNs,
    ...(config.context ? { contextName: config.context.name } : {}),
  });
  const path = historyPath(io.env);
  const history = await loadHistory(path);
  let partial = '';
  try {
    session: while (!ctx.signal.aborted) {
      const read = await readShellLines(
        term,
        session.prompt(),
        history,
        // Live lookups ask the session's client once a line has connected it: with --user and a
        // prompted password, a connection of their own could not authenticate.
        (typed) =>
          completeLine(program, typed, session.cwd, before, {
            ...lineIo,
            client: shared.connected,
          }),
        partial,
        ctx.signal,
      );
      if (read.ended) break;
      partial = read.partial;
      for (const line of read.lines) {
        if (line.trim() !== '' && !carriesSecret(line) && history[0] !== line) {
          history.unshift(line);
          history.length = Math.min(history.length, historySize);
          await appendHistory(path, line);
        }
        const outcome = await withCtrlC(term, ctx.signal, (signal) =>
          session.runLine(line, signal),
        );
        if (outcome === 'exit' || ctx.signal.aborted) break session;
      }
    }
  } finally {
    shared.close();
  }
  // Ended from outside (SIGTERM): the process ends by that signal, as any command does.
  if (ctx.signal.aborted) throw new InterruptedError(String(ctx.signal.reason));
}
