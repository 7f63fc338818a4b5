// `member add <name> --peer-urls=... [--learner]`: etcdctl's member_command.go (main) — argument
// texts, the client's peer-URL check, and in simple output the ETCD_* lines to start the member.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import type { MemberAddRequest } from '../../../etcd/proto/gen/messages.js';
import { type OptionsOf, boolFlag, defineFlags, stringFlag } from '../../../cli/typed-flags.js';
import { checkPeerUrls, memberNameArg, peerUrlsFlag } from '../../../input/member-args.js';
import { memberChangePrinters } from '../../../output/member-change.js';

/** member add's flags. */
export const memberAddFlags = defineFlags({
  'peer-urls': stringFlag('comma separated peer URLs for the new member.'),
  learner: boolFlag('indicates if the new member is raft learner'),
});

/** The new member's name and the MemberAddRequest; argument errors are etcdctl's (128). */
export function memberAddRequest(
  args: readonly string[],
  o: OptionsOf<typeof memberAddFlags>,
): { name: string; req: MemberAddRequest } {
  const name = memberNameArg(args);
  return { name, req: { peerURLs: peerUrlsFlag(o.peerUrls), isLearner: o.learner } };
}

async function memberAddCommand(ctx: CommandContext): Promise<void> {
  const opts = memberAddFlags.read(ctx.flags);
  const { name, req } = memberAddRequest(ctx.args, opts);
  const client = await ctx.client();
  // The Go client checks the URLs once it exists, before sending anything.
  checkPeerUrls(req.peerURLs);
  const resp = await client.unary('Cluster.MemberAdd', req, { deadline: ctx.commandDeadline() });
  const change = { kind: 'add', resp, name, peerUrls: opts.peerUrls } as const;
  ctx.print(memberChangePrinters, change, { hex: ctx.config().hex });
}

/** Registers `member add`. */
export function registerAdd(member: EctlCommand): void {
  member
    .command('add')
    .summary('Adds a member into the cluster')
    .description(
      'Adds a member into the cluster.\n\n' +
        'In simple output, the lines after the first one are the environment to start the new ' +
        'member with: ETCD_NAME, ETCD_INITIAL_CLUSTER, ETCD_INITIAL_ADVERTISE_PEER_URLS and ' +
        'ETCD_INITIAL_CLUSTER_STATE="existing".',
    )
    .usage('<memberName> [options]')
    .flags(memberAddFlags)
    .examples([
      'ectl member add m4 --peer-urls=http://10.0.0.4:2380',
      'ectl member add m4 --peer-urls=http://10.0.0.4:2380 --learner   # non-voting until promoted',
      'ectl member add m4 --peer-urls=http://10.0.0.4:2380 -w json --hex',
    ])
    .writes()
    .handle(memberAddCommand);
}
