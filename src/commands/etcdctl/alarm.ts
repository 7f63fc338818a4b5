// `alarm list | disarm`: etcdctl's alarm_command.go (main). disarm is the Go client's AlarmDisarm
// with no member and no type: list the alarms, then deactivate each one, under one deadline.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import type { AlarmMember, AlarmResponse } from '../../etcd/proto/gen/messages.js';
import { AlarmRequest_AlarmAction as Action } from '../../etcd/proto/gen/messages.js';
import type { EtcdClient } from '../../etcd/client.js';
import { BadArgsError } from '../../errors.js';
import { alarmPrinters } from '../../output/alarm.js';

function noArgs(ctx: CommandContext, command: string): void {
  if (ctx.args.length !== 0) throw new BadArgsError(`${command} command accepts no arguments`);
}

// Alarm requests are safe to repeat (the Go client retries them, deactivation included).
const call = (deadline: number) => ({ deadline, idempotent: true });

/** Every active alarm (AlarmRequest GET, every member, every type). */
function listAlarms(client: EtcdClient, deadline: number): Promise<AlarmResponse> {
  const req = { action: Action.GET, memberID: 0n, alarm: 0 };
  return client.unary('Maintenance.Alarm', req, call(deadline));
}

/**
 * Deactivates every active alarm one by one; the answer is the alarms the deactivations
 * reported, without a header, as the Go client assembles it.
 */
export async function disarmAll(client: EtcdClient, deadline: number): Promise<AlarmResponse> {
  const { alarms } = await listAlarms(client, deadline);
  const disarmed: AlarmMember[] = [];
  for (const a of alarms) {
    const req = { action: Action.DEACTIVATE, memberID: a.memberID, alarm: a.alarm };
    const resp = await client.unary('Maintenance.Alarm', req, call(deadline));
    disarmed.push(...resp.alarms);
  }
  return { alarms: disarmed };
}

async function alarmListCommand(ctx: CommandContext): Promise<void> {
  noArgs(ctx, 'alarm list');
  const client = await ctx.client();
  const resp = await listAlarms(client, ctx.commandDeadline());
  ctx.print(alarmPrinters, resp, { hex: ctx.config().hex });
}

async function alarmDisarmCommand(ctx: CommandContext): Promise<void> {
  noArgs(ctx, 'alarm disarm');
  const client = await ctx.client();
  const resp = await disarmAll(client, ctx.commandDeadline());
  ctx.print(alarmPrinters, resp, { hex: ctx.config().hex });
}

/** Registers `alarm` and its sub-commands. */
export function register(program: EctlCommand): void {
  const alarm = program
    .command('alarm')
    .summary('Alarm related commands')
    .description('Alarm related commands')
    .usage('<subcommand> [options]')
    .addHelpCommand(false)
    .examples(['ectl alarm list', 'ectl alarm disarm']);
  alarm
    .command('disarm')
    .summary('Disarms all alarms')
    .description(
      'Disarms all alarms and prints the alarms it disarmed.\n\n' +
        'A NOSPACE alarm comes back at once unless space was freed first: compact, then defrag.',
    )
    .examples([
      'ectl alarm disarm',
      'ectl compaction 1234 && ectl defrag --cluster && ectl alarm disarm   # after NOSPACE',
    ])
    .writes()
    .handle(alarmDisarmCommand);
  alarm
    .command('list')
    .summary('Lists all alarms')
    .description(
      'Lists all alarms, one per line: the member that raised it and its type ' +
        '(NOSPACE: the backend quota is exhausted; CORRUPT: data corruption detected).',
    )
    .examples(['ectl alarm list', 'ectl alarm list -w json'])
    .handle(alarmListCommand);
}
