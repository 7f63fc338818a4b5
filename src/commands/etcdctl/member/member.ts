// `member` and `member list` (etcdctl's member_command.go, main: --consistency, --hex JSON); add,
// remove, update and promote live in their own files and join the parent here, in main's order.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import type { MemberListRequest } from '../../../etcd/proto/gen/messages.js';
import { BadFeatureError } from '../../../errors.js';
import { type OptionsOf, defineFlags, stringFlag } from '../../../cli/typed-flags.js';
import { goQuoteString } from '../../../go/format.js';
import { memberListPrinters } from '../../../output/member.js';
import { memberListView } from '../../../output/script/cluster.js';
import { registerAdd } from './add.js';
import { registerRemove } from './remove.js';
import { registerUpdate } from './update.js';
import { registerPromote } from './promote.js';

/** member list's flags. */
export const memberListFlags = defineFlags({
  consistency: stringFlag('Linearizable(l) or Serializable(s)', 'l'),
});

/** Builds the MemberListRequest; `s` asks for a serializable (local) answer. */
export function memberListRequest(o: OptionsOf<typeof memberListFlags>): MemberListRequest {
  const { consistency } = o;
  // etcdctl quotes get's --consistency value here (a bug); ectl names the value given.
  if (consistency !== 'l' && consistency !== 's')
    throw new BadFeatureError(`unknown consistency flag ${goQuoteString(consistency)}`);
  return { linearizable: consistency === 'l' };
}

async function memberListCommand(ctx: CommandContext): Promise<void> {
  const req = memberListRequest(memberListFlags.read(ctx.flags));
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary('Cluster.MemberList', req, {
    deadline: ctx.commandDeadline(),
    idempotent: true,
  });
  ctx.print({ ...memberListPrinters, script: memberListView }, resp, { hex });
}

/** Registers `member` and its sub-commands. */
export function register(program: EctlCommand): void {
  const member = program
    .command('member')
    .description('Membership related commands')
    .usage('<subcommand> [options]')
    .addHelpCommand(false)
    .examples([
      'ectl member list -w table',
      'ectl member add m4 --peer-urls=http://10.0.0.4:2380 --learner',
      'ectl member promote 8e9e05c52164694d',
    ]);
  registerAdd(member);
  registerRemove(member);
  registerUpdate(member);
  member
    .command('list')
    .summary('Lists all members in the cluster')
    .description(
      'Lists all members in the cluster.\n\n' +
        'When --write-out is set to simple, this command prints out comma-separated member lists for each endpoint.\n' +
        'The items in the lists are ID, Status, Name, Peer Addrs, Client Addrs, Is Learner.',
    )
    .flags(memberListFlags)
    .scriptOutput(['json', 'ndjson', 'yaml'])
    .examples([
      'ectl member list                    # ID, status, name, peer and client URLs, learner',
      'ectl member list -w table',
      'ectl member list --consistency s    # the answering member’s own view, without quorum',
      'ectl member list -w json --hex      # IDs as hex strings',
      "ectl member list -o ndjson | jq -r 'select(.is_learner) | .id'",
    ])
    .handle(memberListCommand);
  registerPromote(member);
}
