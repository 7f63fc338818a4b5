// `move-leader <transferee-member-id>`: etcdctl's move_leader_command.go (main) — asks each
// configured endpoint in turn, through its own client, for its status until one is the leader,
// then has that one hand leadership over; one --command-timeout deadline for all of it.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import type { EtcdClient } from '../../etcd/client.js';
import type { EndpointClients } from '../../etcd/transport/per-endpoint.js';
import { BadArgsError, ExitCode, hasOwnExitCode, withExitCode } from '../../errors.js';
import { goPrintlnStrings } from '../../go/format.js';
import { transfereeArg } from '../../input/member-args.js';
import { moveLeaderPrinters } from '../../output/maintenance.js';

// etcdctl's mustClient: a client that cannot be made ends the command (exit 2).
async function mustClient(make: () => Promise<EtcdClient>): Promise<EtcdClient> {
  try {
    return await make();
  } catch (err) {
    throw hasOwnExitCode(err) ? err : withExitCode(err, ExitCode.BadConnection);
  }
}

/** The configured endpoints as the client sees them (DNS SRV discovery resolved). */
async function configuredEndpoints(clients: EndpointClients): Promise<string[]> {
  const client = await mustClient(() => clients.configured());
  try {
    return client.connection.endpoints.map((e) => e.display);
  } finally {
    client.close();
  }
}

/**
 * The client of the first endpoint that is the leader, and the leader's ID; a status error ends
 * the search (exit 1), no leader among the endpoints is an argument error (128), as in etcdctl.
 */
async function findLeader(
  clients: EndpointClients,
  eps: readonly string[],
  deadline: number,
): Promise<{ client: EtcdClient; leader: bigint }> {
  for (const ep of eps) {
    const client = await mustClient(() => clients.one(ep));
    let leader: bigint | undefined;
    try {
      const s = await client.unary('Maintenance.Status', {}, { deadline, idempotent: true });
      if ((s.header?.member_id ?? 0n) === s.leader) leader = s.leader;
    } catch (err) {
      client.close();
      throw err;
    }
    if (leader !== undefined) return { client, leader };
    client.close();
  }
  throw new BadArgsError(`no leader endpoint given at ${goPrintlnStrings(eps)}`);
}

async function moveLeaderCommand(ctx: CommandContext): Promise<void> {
  const target = transfereeArg(ctx.args);
  const { EndpointClients } = await import('../../etcd/transport/per-endpoint.js');
  const clients = await EndpointClients.create(ctx.config(), ctx.clientHooks(), ctx.connect);
  const eps = await configuredEndpoints(clients);
  const deadline = ctx.commandDeadline();
  const { client, leader } = await findLeader(clients, eps, deadline);
  try {
    const resp = await client.unary(
      'Maintenance.MoveLeader',
      { targetID: target },
      { deadline, idempotent: true },
    );
    ctx.print(moveLeaderPrinters, { leader, target, resp }, undefined);
  } finally {
    client.close();
  }
}

/** Registers `move-leader`. */
export function register(program: EctlCommand): void {
  program
    .command('move-leader')
    .description('Transfers leadership to another etcd cluster member.')
    .usage('<transferee-member-id>')
    .examples([
      'ectl --endpoints a:2379,b:2379,c:2379 move-leader 8e9e05c52164694d',
      'ectl move-leader $(ectl member list | awk -F", " \'$3=="m2"{print $1}\')   # by name',
    ])
    .writes({ confirm: 'before' })
    .handle(moveLeaderCommand);
}
