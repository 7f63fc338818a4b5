// `member promote <memberID>`: etcdctl's member_command.go (main).
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { memberIdArg } from '../../../input/member-args.js';
import { memberChangePrinters } from '../../../output/member-change.js';

async function memberPromoteCommand(ctx: CommandContext): Promise<void> {
  const id = memberIdArg(ctx.args);
  const client = await ctx.client();
  const resp = await client.unary(
    'Cluster.MemberPromote',
    { ID: id },
    { deadline: ctx.commandDeadline() },
  );
  ctx.print(memberChangePrinters, { kind: 'promote', id, resp }, { hex: ctx.config().hex });
}

/** Registers `member promote`. */
export function registerPromote(member: EctlCommand): void {
  member
    .command('promote')
    .summary('Promotes a non-voting member in the cluster')
    .description('Promotes a non-voting learner member to a voting one in the cluster.')
    .usage('<memberID>')
    .examples([
      'ectl member promote 8e9e05c52164694d   # once the learner has caught up with the leader',
    ])
    .writes()
    .handle(memberPromoteCommand);
}
