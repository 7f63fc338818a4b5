// `auth enable | disable | status`: etcdctl main's auth_command.go — enable creates the root role
// and grants it to root when etcd asks for it, enable and disable print one line whatever -w says,
// status (3.5+) prints the flag and the auth revision; one --command-timeout deadline each.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import type { EtcdClient } from '../../../etcd/client.js';
import { isEtcdError } from '../../../etcd/errors.js';
import { BadArgsError } from '../../../errors.js';
import { authStatusPrinters } from '../../../output/auth.js';

/** etcdctl's check that an auth sub-command got no arguments. */
export function noArgs(args: readonly string[], command: string): void {
  if (args.length !== 0) throw new BadArgsError(`${command} command does not accept any arguments`);
}

/**
 * Enables authentication. etcd refuses while user root lacks the root role; etcdctl then creates
 * the role, grants it and tries again, and so does this. Any other refusal (no user root, a root
 * role that exists but is not granted) is the error.
 */
export async function enableAuth(client: EtcdClient, deadline: number): Promise<void> {
  for (;;) {
    try {
      await client.unary('Auth.AuthEnable', {}, { deadline });
      return;
    } catch (err) {
      if (!isEtcdError(err, 'root-role-missing')) throw err;
    }
    await client.unary('Auth.RoleAdd', { name: 'root' }, { deadline });
    await client.unary('Auth.UserGrantRole', { user: 'root', role: 'root' }, { deadline });
  }
}

async function enableCommand(ctx: CommandContext): Promise<void> {
  noArgs(ctx.args, 'auth enable');
  const client = await ctx.client();
  await enableAuth(client, ctx.commandDeadline());
  ctx.write('Authentication Enabled\n');
}

async function disableCommand(ctx: CommandContext): Promise<void> {
  noArgs(ctx.args, 'auth disable');
  const client = await ctx.client();
  await client.unary('Auth.AuthDisable', {}, { deadline: ctx.commandDeadline() });
  ctx.write('Authentication Disabled\n');
}

async function statusCommand(ctx: CommandContext): Promise<void> {
  noArgs(ctx.args, 'auth status');
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary(
    'Auth.AuthStatus',
    {},
    { deadline: ctx.commandDeadline(), idempotent: true },
  );
  ctx.print(authStatusPrinters, resp, { hex });
}

/** Registers `auth` and its sub-commands. */
export function register(program: EctlCommand): void {
  const auth = program
    .command('auth')
    .description('Enable or disable authentication')
    .usage('<enable or disable>')
    .addHelpCommand(false)
    .examples([
      'ectl user add root                  # asks for root’s password twice',
      'ectl auth enable                    # needs user root; grants it the root role if missing',
      'ectl --user root auth status        # Authentication Status: true, AuthRevision: N',
      'ectl --user root auth disable',
    ]);
  auth
    .command('enable')
    .description('Enables authentication')
    .examples(['ectl auth enable                    # Authentication Enabled'])
    .writes()
    .handle(enableCommand);
  auth
    .command('disable')
    .description('Disables authentication')
    .examples(['ectl --user root:secret auth disable   # Authentication Disabled'])
    .writes({ confirm: 'before' })
    .handle(disableCommand);
  auth
    .command('status')
    .description('Returns authentication status')
    .examples(['ectl --user root auth status', 'ectl --user root auth status -w json'])
    .handle(statusCommand);
}
