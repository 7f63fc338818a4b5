// The whole command tree, for help, completion, `ectl batch`, `ectl shell` and any run whose first
// word is not exactly a command's name. Its commands are lazy.ts's list, in that order (help's),
// each group under its title; a run that names a command registers that one alone (cli.ts).
import { type EctlCommand, Groups, newRoot } from '../cli/command.js';
import { addHelpTopics } from '../cli/help/topics.js';
import type { Io } from '../io.js';
import { isEtcdctlGroup, lazyCommands, markEtcdctlFamily } from './lazy.js';

/** Registers a command (and its sub-commands) on the root. */
export type Register = (program: EctlCommand) => void;

/** Registers every command in help's order, each under its group. */
export async function registerCommands(program: EctlCommand): Promise<void> {
  const entries = Object.values(lazyCommands);
  const registers = await Promise.all(entries.map((entry) => entry.load()));
  entries.forEach(({ group }, i) => {
    program.commandsGroup(group);
    const before = new Set(program.subs);
    registers[i]!(program);
    if (isEtcdctlGroup(group))
      for (const cmd of program.subs) if (!before.has(cmd)) markEtcdctlFamily(cmd);
  });
}

/** The whole command tree (cli.ts loads this module only when a run needs it). */
export async function buildProgram(io: Io): Promise<EctlCommand> {
  const program = newRoot(io);
  await registerCommands(program);
  // `help` is the last of the utility group, after the commands registered above.
  program
    .command('help')
    // Its group is named: the groups of ectl's own commands come after the utility group.
    .helpGroup(Groups.utility)
    .description('Help about any command')
    .argument('[command...]')
    .examples(['ectl help get', 'ectl help lease grant']);
  addHelpTopics(program);
  return program;
}
