// Reading and changing the config file for the `ectl config` commands: they work on the file as it
// is (an unknown current-context must not stop the command that fixes it), and write it back whole.
import type { CommandContext } from '../../../cli/context.js';
import type { ConfigFile, Context } from '../../../cli/contexts/file.js';
import { contextNotFound } from '../../../cli/contexts/resolve.js';
import { BadArgsError } from '../../../errors.js';

/** The file as read (none yet: an empty one). */
export function currentFile(ctx: CommandContext): ConfigFile {
  if (ctx.configFile.error) throw ctx.configFile.error;
  const file = ctx.configFile.file;
  return file ? { ...file, contexts: file.contexts.map((c) => ({ ...c })) } : { contexts: [] };
}

/** Writes the changed file where it was read from. */
export async function saveFile(ctx: CommandContext, file: ConfigFile): Promise<void> {
  const { writeConfigFile } = await import('../../../cli/contexts/file.js');
  await writeConfigFile(ctx.configFile.path, file);
}

/** The context named `name`, or the "not found" error. */
export function mustFind(file: ConfigFile, name: string): Context {
  const c = file.contexts.find((x) => x.name === name);
  if (!c) throw contextNotFound(name);
  return c;
}

/** Exactly `n` arguments, else the usage error naming them. */
export function needArgs(ctx: CommandContext, n: number, usage: string): string[] {
  if (ctx.args.length !== n) throw new BadArgsError(`${ctx.command.path()} needs ${usage}`);
  for (const a of ctx.args) if (a === '') throw new BadArgsError('a context name cannot be empty');
  return ctx.args;
}
