// `member update <memberID> --peer-urls=...`: etcdctl's member_command.go (main), with the
// client's peer-URL check.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import type { MemberUpdateRequest } from '../../../etcd/proto/gen/messages.js';
import { type OptionsOf, defineFlags, stringFlag } from '../../../cli/typed-flags.js';
import { checkPeerUrls, memberIdArg, peerUrlsFlag } from '../../../input/member-args.js';
import { memberChangePrinters } from '../../../output/member-change.js';

/** member update's flags. */
export const memberUpdateFlags = defineFlags({
  'peer-urls': stringFlag('comma separated peer URLs for the updated member.'),
});

/** The MemberUpdateRequest; the ID is checked before the URLs, as etcdctl does. */
export function memberUpdateRequest(
  args: readonly string[],
  o: OptionsOf<typeof memberUpdateFlags>,
): MemberUpdateRequest {
  const ID = memberIdArg(args);
  return { ID, peerURLs: peerUrlsFlag(o.peerUrls) };
}

async function memberUpdateCommand(ctx: CommandContext): Promise<void> {
  const req = memberUpdateRequest(ctx.args, memberUpdateFlags.read(ctx.flags));
  const client = await ctx.client();
  checkPeerUrls(req.peerURLs);
  const resp = await client.unary('Cluster.MemberUpdate', req, {
    deadline: ctx.commandDeadline(),
  });
  ctx.print(memberChangePrinters, { kind: 'update', id: req.ID, resp }, { hex: ctx.config().hex });
}

/** Registers `member update`. */
export function registerUpdate(member: EctlCommand): void {
  member
    .command('update')
    .summary('Updates a member in the cluster')
    .description('Updates the peer URLs of a member in the cluster.')
    .usage('<memberID> [options]')
    .flags(memberUpdateFlags)
    .examples(['ectl member update 8e9e05c52164694d --peer-urls=http://10.0.0.1:2380'])
    .writes()
    .handle(memberUpdateCommand);
}
