// The whole command tree: what help, completion, `ectl batch` and `ectl shell` need, and any run
// whose first word is not exactly a command's name. Loaded only then: a run of one named command
// builds a root with that command alone (commands/lazy.ts).
import type { Io } from '../io.js';
import { Groups, type EctlCommand } from './command.js';
import { registerCommands } from '../commands/index.js';
import { addHelpTopics } from './help/topics.js';
import { newRoot } from './root.js';

/** Builds the whole command tree; cheap, since handlers load their heavy parts lazily. */
export function buildProgram(io: Io): EctlCommand {
  const program = newRoot(io);
  registerCommands(program);
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
