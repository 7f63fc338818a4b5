// The root command every run starts from: its name, the global flags (hidden: `ectl options` lists
// them) and where commander writes. The whole tree (cli/program.ts) adds every command, `help` and
// the help topics; a run that names one command registers only that one (commands/lazy.ts).
import type { Io } from '../io.js';
import { EctlCommand, optionFor } from './command.js';
import { globalFlags } from './globals.js';

export const programName = 'ectl';

/** The hidden command the completion scripts call. */
export const completeCommandName = '__complete';

/** The root alone, configured before any sub-command is registered (they inherit it). */
export function newRoot(io: Io): EctlCommand {
  const program = new EctlCommand(programName);
  program
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .helpOption(false)
    .addHelpCommand(false)
    .description('A simple command line client for etcd3.')
    .usage('[global options] <command> [options] [arguments...]');
  for (const spec of globalFlags) program.addOption(optionFor(spec).hideHelp());
  program.addHelpText(
    'afterAll',
    `Use "${programName} options" for a list of global command-line options (applies to all commands).\n`,
  );
  return program;
}
