// `lease`: etcdctl's lease_command.go — grant, revoke, timetolive, list (keep-alive lives in
// lease-keepalive.ts): its argument texts, hex IDs, deadlines, exit codes and printers.
import type { EctlCommand } from '../../../cli/command.js';
import { boolFlag, defineFlags } from '../../../cli/typed-flags.js';
import type { CommandContext } from '../../../cli/context.js';
import { CliError, ExitCode, messageOf, withExitCode } from '../../../errors.js';
import { oneArg, parseLeaseArg, parseTtlArg } from '../../../input/lease-args.js';
import { leasePrinters, type LeaseOutput } from '../../../output/lease.js';
import { registerKeepAlive } from './keepalive.js';
import { leaseScriptFormats, leaseView } from '../../../output/script/lease.js';

function print(ctx: CommandContext, out: LeaseOutput): void {
  const { hex } = ctx.config();
  ctx.print({ ...leasePrinters, script: leaseView }, out, { hex });
}

/** lease timetolive's flags. */
const timeToLiveFlags = defineFlags({ keys: boolFlag('Get keys attached to this lease') });

async function grantCommand(ctx: CommandContext): Promise<void> {
  const ttl = parseTtlArg(oneArg(ctx.args, 'lease grant command needs TTL argument'));
  const client = await ctx.client();
  let resp;
  try {
    resp = await client.unary(
      'Lease.LeaseGrant',
      { TTL: ttl },
      { deadline: ctx.commandDeadline() },
    );
  } catch (err) {
    throw new CliError(`failed to grant lease (${messageOf(err)})`);
  }
  print(ctx, { kind: 'grant', resp });
}

async function revokeCommand(ctx: CommandContext): Promise<void> {
  const id = parseLeaseArg(oneArg(ctx.args, 'lease revoke command needs 1 argument'));
  const client = await ctx.client();
  let resp;
  try {
    resp = await client.unary('Lease.LeaseRevoke', { ID: id }, { deadline: ctx.commandDeadline() });
  } catch (err) {
    throw new CliError(`failed to revoke lease (${messageOf(err)})`);
  }
  print(ctx, { kind: 'revoke', id, resp });
}

async function timeToLiveCommand(ctx: CommandContext): Promise<void> {
  const arg = oneArg(ctx.args, 'lease timetolive command needs lease ID as argument');
  const id = parseLeaseArg(arg);
  const { keys } = timeToLiveFlags.read(ctx.flags);
  const client = await ctx.client();
  // etcdctl sets no deadline here and hangs on a dead cluster; ectl bounds it like a short read.
  const resp = await client
    .unary('Lease.LeaseTimeToLive', { ID: id, keys }, readCall(ctx))
    .catch((err: unknown) => {
      throw withExitCode(err, ExitCode.BadConnection);
    });
  print(ctx, { kind: 'timetolive', resp, keys });
}

async function listCommand(ctx: CommandContext): Promise<void> {
  const client = await ctx.client();
  const resp = await client.unary('Lease.LeaseLeases', {}, readCall(ctx)).catch((err: unknown) => {
    throw withExitCode(err, ExitCode.BadConnection);
  });
  print(ctx, { kind: 'leases', resp });
}

function readCall(ctx: CommandContext) {
  return { deadline: ctx.commandDeadline(), idempotent: true };
}

/** Registers `lease` and its sub-commands. */
export function register(program: EctlCommand): void {
  const lease = program
    .command('lease')
    .summary('Lease related commands')
    .description('Lease related commands')
    .usage('<subcommand> [options]')
    .addHelpCommand(false)
    .examples([
      'ectl lease grant 60                 # a lease of 60 s; prints its ID in hex',
      'ectl put --lease 694d7a1b2c3d4e5f k v',
      'ectl lease keep-alive 694d7a1b2c3d4e5f',
      'ectl lease timetolive --keys 694d7a1b2c3d4e5f',
      'ectl lease revoke 694d7a1b2c3d4e5f  # deletes every key attached to it',
    ]);
  lease
    .command('grant')
    .description('Creates leases')
    .usage('<ttl>')
    .scriptOutput(leaseScriptFormats)
    .examples([
      'ectl lease grant 10                 # lease 694d7a1b2c3d4e5f granted with TTL(10s)',
      'ectl lease grant 10 -w json         # the ID in decimal, with the response header',
      'ectl lease grant 10 -o json | jq -r .id   # the ID as 16 hex digits, exact',
    ])
    .writes()
    .handle(grantCommand);
  lease
    .command('revoke')
    .description('Revokes leases')
    .usage('<leaseID>')
    .scriptOutput(leaseScriptFormats)
    .examples(['ectl lease revoke 694d7a1b2c3d4e5f'])
    .writes()
    .handle(revokeCommand);
  lease
    .command('timetolive')
    .description('Get lease information')
    .usage('<leaseID> [options]')
    .flags(timeToLiveFlags)
    .scriptOutput(leaseScriptFormats)
    .examples([
      'ectl lease timetolive 694d7a1b2c3d4e5f',
      'ectl lease timetolive --keys 694d7a1b2c3d4e5f -w json',
    ])
    .handle(timeToLiveCommand);
  lease
    .command('list')
    .description('List all active leases')
    .scriptOutput(leaseScriptFormats)
    .examples(['ectl lease list', 'ectl lease list -w json', 'ectl lease list -o ndjson'])
    .handle(listCommand);
  registerKeepAlive(lease);
}
