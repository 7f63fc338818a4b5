// `downgrade validate | enable <TARGET_VERSION>`, `downgrade cancel`: etcdctl's
// downgrade_command.go (main, etcd 3.6+). A server without the Downgrade RPC (3.5 and older)
// answers with gRPC's Unimplemented, reported as main's client reports it.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import type { DowngradeRequest } from '../../etcd/proto/gen/messages.js';
import { DowngradeRequest_DowngradeAction as Action } from '../../etcd/proto/gen/messages.js';
import { BadArgsError } from '../../errors.js';
import { type DowngradeActionName, downgradePrinters } from '../../output/maintenance.js';

const actions = { validate: Action.VALIDATE, enable: Action.ENABLE, cancel: Action.CANCEL };

/** The DowngradeRequest of an action; validate and enable need exactly one, non-empty version. */
export function downgradeRequest(
  action: DowngradeActionName,
  args: readonly string[],
): DowngradeRequest {
  if (action === 'cancel') return { action: actions.cancel, version: '' };
  if (args.length < 1) throw new BadArgsError('TARGET_VERSION not provided');
  if (args.length > 1) throw new BadArgsError('too many arguments');
  const version = args[0]!;
  if (version === '') throw new BadArgsError('target version not provided');
  return { action: actions[action], version };
}

function handler(action: DowngradeActionName) {
  return async (ctx: CommandContext): Promise<void> => {
    const req = downgradeRequest(action, ctx.args);
    const client = await ctx.client();
    const resp = await client.unary('Maintenance.Downgrade', req, {
      deadline: ctx.commandDeadline(),
    });
    ctx.print(downgradePrinters, { action, resp }, undefined);
  };
}

/** Registers `downgrade` and its sub-commands. */
export function register(program: EctlCommand): void {
  const downgrade = program
    .command('downgrade')
    .summary('Downgrade related commands')
    .description('Downgrade related commands (etcd 3.6+ servers)')
    .usage('<subcommand> <TARGET_VERSION>')
    .addHelpCommand(false)
    .examples([
      'ectl downgrade validate 3.5   # can the cluster go back to 3.5?',
      'ectl downgrade enable 3.5     # then replace the binaries member by member',
      'ectl downgrade cancel',
    ]);
  downgrade
    .command('validate')
    .description('Validate downgrade capability before starting downgrade')
    .usage('<TARGET_VERSION>')
    .examples(['ectl downgrade validate 3.5'])
    .handle(handler('validate'));
  downgrade
    .command('enable')
    .description('Start a downgrade action to cluster')
    .usage('<TARGET_VERSION>')
    .examples(['ectl downgrade enable 3.5'])
    .writes()
    .handle(handler('enable'));
  downgrade
    .command('cancel')
    .description('Cancel the ongoing downgrade action to cluster')
    .examples(['ectl downgrade cancel'])
    .writes()
    .handle(handler('cancel'));
}
