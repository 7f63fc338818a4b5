// `user delete | get | list | grant-role | revoke-role` and the `user` tree (add and passwd live in
// user-add.ts): etcdctl main's user_command.go — its argument texts, `get --detail` printing each
// granted role as `role get` does. etcdctl sets no deadline on these RPCs and hangs on a dead
// cluster; ectl bounds each command by --command-timeout.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { boolFlag, defineFlags } from '../../../cli/typed-flags.js';
import { BadArgsError } from '../../../errors.js';
import { oneArg } from '../../../input/lease-args.js';
import {
  userDeletePrinters,
  userGetPrinters,
  userGrantRolePrinters,
  userListPrinters,
  userRevokeRolePrinters,
} from '../../../output/auth.js';
import { roleGetPrinters } from '../../../output/role.js';
import { userAddCommand, userAddFlags, userPasswdCommand, userPasswdFlags } from './user-add.js';

/** user get's flags. */
export const userGetFlags = defineFlags({
  detail: boolFlag('Show permissions of roles granted to the user'),
});

/** The user and role of grant-role and revoke-role, or etcdctl's error. */
export function userAndRole(args: readonly string[], missing: string): [string, string] {
  if (args.length !== 2) throw new BadArgsError(missing);
  return [args[0]!, args[1]!];
}

async function deleteCommand(ctx: CommandContext): Promise<void> {
  const user = oneArg(ctx.args, 'user delete command requires user name as its argument');
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary(
    'Auth.UserDelete',
    { name: user },
    { deadline: ctx.commandDeadline() },
  );
  ctx.print(userDeletePrinters, resp, { hex, user });
}

async function getCommand(ctx: CommandContext): Promise<void> {
  const user = oneArg(ctx.args, 'user get command requires user name as its argument');
  const { detail } = userGetFlags.read(ctx.flags);
  const { hex } = ctx.config();
  const client = await ctx.client();
  const call = { deadline: ctx.commandDeadline(), idempotent: true };
  const resp = await client.unary('Auth.UserGet', { name: user }, call);
  if (!detail) {
    ctx.print(userGetPrinters, resp, { hex, user });
    return;
  }
  // etcdctl's own first line whatever -w says, then each role as `role get` prints it.
  ctx.write(`User: ${user}\n`);
  for (const role of resp.roles) {
    ctx.write('\n');
    const r = await client.unary('Auth.RoleGet', { role }, call);
    ctx.print(roleGetPrinters, r, { hex, role });
  }
}

async function listCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 0) throw new BadArgsError('user list command requires no arguments');
  const { hex } = ctx.config();
  const client = await ctx.client();
  const call = { deadline: ctx.commandDeadline(), idempotent: true };
  ctx.print(userListPrinters, await client.unary('Auth.UserList', {}, call), { hex });
}

async function grantRoleCommand(ctx: CommandContext): Promise<void> {
  const missing = 'user grant command requires user name and role name as its argument';
  const [user, role] = userAndRole(ctx.args, missing);
  const { hex } = ctx.config();
  const client = await ctx.client();
  const call = { deadline: ctx.commandDeadline() };
  const resp = await client.unary('Auth.UserGrantRole', { user, role }, call);
  ctx.print(userGrantRolePrinters, resp, { hex, user, role });
}

async function revokeRoleCommand(ctx: CommandContext): Promise<void> {
  const missing = 'user revoke-role requires user name and role name as its argument';
  const [user, role] = userAndRole(ctx.args, missing);
  const { hex } = ctx.config();
  const client = await ctx.client();
  const call = { deadline: ctx.commandDeadline() };
  const resp = await client.unary('Auth.UserRevokeRole', { name: user, role }, call);
  ctx.print(userRevokeRolePrinters, resp, { hex, user, role });
}

/** Registers `user` and its sub-commands. */
export function register(program: EctlCommand): void {
  const user = program
    .command('user')
    .description('User related commands')
    .usage('<subcommand>')
    .addHelpCommand(false)
    .examples([
      'ectl --user root user add alice          # asks for alice’s password twice',
      'ectl --user root user grant-role alice reader',
      'ectl --user root user get alice --detail # her roles with their permissions',
      'ectl --user root user list',
    ]);
  user
    .command('add')
    .description('Adds a new user')
    .usage('<user name or user:password> [options]')
    .flags(userAddFlags)
    .examples([
      'ectl user add alice                      # prompts twice; from a pipe reads two lines',
      'printf "%s\\n" "$PW" | ectl user add alice --interactive=false',
      'ectl user add alice --new-user-password "$PW"',
      'ectl user add svc-backup --no-password   # for client-certificate (CN) authentication',
    ])
    .writes()
    .handle(userAddCommand);
  user
    .command('delete')
    .description('Deletes a user')
    .usage('<user name>')
    .examples(['ectl --user root user delete alice   # User alice deleted'])
    .writes({ confirm: 'before' })
    .handle(deleteCommand);
  user
    .command('get')
    .description('Gets detailed information of a user')
    .usage('<user name> [options]')
    .flags(userGetFlags)
    .examples([
      'ectl user get alice                 # User: alice / Roles: reader',
      'ectl user get alice --detail',
    ])
    .handle(getCommand);
  user
    .command('list')
    .description('Lists all users')
    .examples(['ectl --user root user list', 'ectl --user root user list -w json'])
    .handle(listCommand);
  user
    .command('passwd')
    .description('Changes password of user')
    .usage('<user name> [options]')
    .flags(userPasswdFlags)
    .examples([
      'ectl --user root user passwd alice      # prompts twice for the new password',
      'printf "%s\\n" "$PW" | ectl user passwd alice --interactive=false  # ETCDCTL_USER set',
    ])
    .writes()
    .handle(userPasswdCommand);
  user
    .command('grant-role')
    .description('Grants a role to a user')
    .usage('<user name> <role name>')
    .examples(['ectl --user root user grant-role alice reader'])
    .writes()
    .handle(grantRoleCommand);
  user
    .command('revoke-role')
    .description('Revokes a role from a user')
    .usage('<user name> <role name>')
    .examples(['ectl --user root user revoke-role alice reader'])
    .writes()
    .handle(revokeRoleCommand);
}
