// The lazy registry (commands/lazy.ts) against the whole tree (commands/index.ts): the same command
// names, and each command registered alone is the same command as in the whole tree (help texts,
// families, flags, sub-commands), so a run that builds the lean root runs exactly that command.
import { describe, expect, it } from 'vitest';
import type { EctlCommand } from '../../src/cli/command.js';
import { buildProgram } from '../../src/commands/index.js';
import { newRoot } from '../../src/cli/command.js';
import { lazyCommands, registerNamed } from '../../src/commands/lazy.js';
import { bufferIo } from '../helpers/io.js';

const io = bufferIo().io;
const whole = await buildProgram(io);
const topLevel = whole.subs.filter((c) => c.name() !== 'help');

/** What makes a command the same command: its help, family and local flags, and its subs'. */
function shape(cmd: EctlCommand): unknown {
  return {
    names: cmd.names,
    help: cmd.helpText(),
    family: cmd.etcdctlFamily === true,
    flags: cmd.localFlags.map((f) => f.name),
    handler: typeof cmd.handler,
    group: cmd.helpGroup(),
    subs: cmd.subs.map(shape),
  };
}

describe('lazyCommands', () => {
  it('names every top-level command of the whole tree, and nothing else', () => {
    expect(Object.keys(lazyCommands).sort()).toEqual(topLevel.map((c) => c.name()).sort());
    // No top-level command has an alias a lean run would miss.
    for (const cmd of topLevel) expect(cmd.names).toEqual([cmd.name()]);
  });

  it.each(topLevel.map((c) => [c.name(), c] as const))(
    '`%s` registered alone is the command of the whole tree',
    async (name, cmd) => {
      const lean = newRoot(io);
      expect(await registerNamed(lean, name)).toBe(true);
      expect(lean.subs).toHaveLength(1);
      expect(shape(lean.subs[0]!)).toEqual(shape(cmd));
    },
  );

  it('registers nothing for a word that is no command name (a prefix, help)', async () => {
    for (const word of ['ge', 'help', 'nosuch', 'toString', '__proto__']) {
      const lean = newRoot(io);
      expect(await registerNamed(lean, word)).toBe(false);
      expect(lean.subs).toEqual([]);
    }
  });
});
