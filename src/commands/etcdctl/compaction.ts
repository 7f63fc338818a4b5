// `compaction <revision> [--physical]`: etcdctl's compaction_command.go.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import type { CompactionRequest } from '../../etcd/proto/gen/messages.js';
import { BadArgsError, CliError } from '../../errors.js';
import { GoParseError, parseGoInt64 } from '../../go/parse.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';

/** compaction's flags. */
export const compactionFlags = defineFlags({
  physical: boolFlag("'true' to wait for compaction to physically remove all old revisions"),
});

/** Builds the CompactionRequest; a bad number is exit 1, as etcdctl reports it. */
export function compactionRequest(args: readonly string[], physical: boolean): CompactionRequest {
  if (args.length !== 1) throw new BadArgsError('compaction command needs 1 argument');
  try {
    return { revision: parseGoInt64(args[0]!), physical };
  } catch (err) {
    if (err instanceof GoParseError) throw new CliError(err.message);
    throw err;
  }
}

async function compactionCommand(ctx: CommandContext): Promise<void> {
  const req = compactionRequest(ctx.args, compactionFlags.read(ctx.flags).physical);
  const client = await ctx.client();
  await client.unary('KV.Compact', req, { deadline: ctx.commandDeadline() });
  // Whatever -w says, etcdctl prints this one line.
  ctx.write(`compacted revision ${req.revision}\n`);
}

/** Registers `compaction`. */
export function register(program: EctlCommand): void {
  program
    .command('compaction')
    .description('Compacts the event history in etcd')
    .usage('[options] <revision>')
    .flags(compactionFlags)
    .examples([
      'ectl compaction 1234              # forget the history before revision 1234',
      'ectl compaction --physical 1234   # and wait until the backend has freed it',
      'ectl get foo --rev 1000           # afterwards: "required revision has been compacted"',
    ])
    .writes({ confirm: 'before' })
    .handle(compactionCommand);
}
