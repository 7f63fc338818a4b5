// `member remove <memberID>`: etcdctl's member_command.go (main).
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { memberIdArg } from '../../../input/member-args.js';
import { memberChangePrinters } from '../../../output/member-change.js';

async function memberRemoveCommand(ctx: CommandContext): Promise<void> {
  const id = memberIdArg(ctx.args);
  const client = await ctx.client();
  const resp = await client.unary(
    'Cluster.MemberRemove',
    { ID: id },
    { deadline: ctx.commandDeadline() },
  );
  ctx.print(memberChangePrinters, { kind: 'remove', id, resp }, { hex: ctx.config().hex });
}

/** Registers `member remove`. */
export function registerRemove(member: EctlCommand): void {
  member
    .command('remove')
    .summary('Removes a member from the cluster')
    .description('Removes a member from the cluster.')
    .usage('<memberID>')
    .examples(['ectl member remove 8e9e05c52164694d   # the ID in hex, as member list prints it'])
    .writes({ confirm: 'before' })
    .handle(memberRemoveCommand);
}
