// `ectl shell`: an interactive session on a terminal over one connection: a prompt with the
// current key prefix, history, Tab completion, relative keys, and every command (watch, lock and
// txn -i included) ended by Ctrl-C without ending the shell. On a pipe: use `ectl batch`.
import type { EctlCommand } from '../../../cli/command.js';

/** Registers `shell`. */
export function register(program: EctlCommand): void {
  program
    .command('shell')
    .description('An interactive session: history, Tab completion, key prefixes as directories')
    .usage('[options]')
    // Ctrl-C ends the running command, never the shell.
    .catchSignals()
    .addHelpText(
      'after',
      `
Runs on a terminal only (from a file or a pipe, use "ectl batch"). Every ectl command is typed
without "ectl" and shares one connection; connection flags go on the "ectl shell" line. The
prompt shows the current key prefix: "cd /registry" goes into it, and keys without a leading /
are then taken under it. Type "help" in the shell for its commands and keys.
`,
    )
    .examples([
      'ectl shell',
      'ectl --endpoints 10.0.0.1:2379 shell',
      "ectl shell   # then: cd /registry; ls; get --prefix ''; watch pods/ --prefix; exit",
    ])
    .handle(async (ctx) => (await import('./run.js')).shellCommand(ctx));
}
