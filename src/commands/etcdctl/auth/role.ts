// `role add | delete | get | list | grant-permission | revoke-permission`: etcdctl main's
// role_command.go — its argument texts and printers, permission types in any case, and the key
// ranges of `[--prefix|--from-key] <key> [endkey]` with their quirks (an empty key means the whole
// keyspace with either flag, and ignores an endkey).
// etcdctl sets no deadline on these RPCs and hangs on a dead cluster; ectl bounds each command by
// --command-timeout.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { boolFlag, defineFlags } from '../../../cli/typed-flags.js';
import { Permission_Type } from '../../../etcd/proto/gen/messages.js';
import { prefixEnd } from '../../../etcd/keys.js';
import { BadArgsError } from '../../../errors.js';
import { bytesOf } from '../../../input/range.js';
import { oneArg } from '../../../input/lease-args.js';
import {
  roleAddPrinters,
  roleDeletePrinters,
  roleGetPrinters,
  roleGrantPrinters,
  roleListPrinters,
  roleRevokePrinters,
} from '../../../output/role.js';

/** clientv3.StrToPermissionType: `read`, `write` or `readwrite`, any case. */
export function permType(word: string): Permission_Type {
  const name = word.toUpperCase();
  if (!Object.hasOwn(Permission_Type, name))
    throw new BadArgsError(`invalid permission type: ${word}`);
  return Permission_Type[name as keyof typeof Permission_Type];
}

/** A permission's key range as sent: an empty rangeEnd is the single key. */
export interface PermRange {
  key: Uint8Array;
  rangeEnd: Uint8Array;
}

const zero = Uint8Array.of(0);
const none = new Uint8Array(0);

/**
 * permRange: `args` are `<key> [endkey]` (anything after endkey is ignored, as etcdctl does).
 * An empty key becomes `\x00` (etcd's ranges cannot start at ""), open-ended with either flag.
 */
export function permRange(
  args: readonly string[],
  flags: { prefix: boolean; fromKey: boolean },
): PermRange {
  const { prefix, fromKey } = flags;
  const key = bytesOf(args[0]!);
  if (key.length === 0) {
    if (prefix && fromKey)
      throw new BadArgsError('--from-key and --prefix flags are mutually exclusive');
    return { key: zero, rangeEnd: prefix || fromKey ? zero : none };
  }
  if (args.length === 1) {
    if (prefix) {
      if (fromKey) throw new BadArgsError('--from-key and --prefix flags are mutually exclusive');
      return { key, rangeEnd: prefixEnd(key) };
    }
    return { key, rangeEnd: fromKey ? zero : none };
  }
  if (prefix) throw new BadArgsError('unexpected endkey argument with --prefix flag');
  if (fromKey) throw new BadArgsError('unexpected endkey argument with --from-key flag');
  return { key, rangeEnd: bytesOf(args[1]!) };
}

const fromKeyUsage = (verb: string) =>
  `${verb} a permission of keys that are greater than or equal to the given key using byte compare`;

/** grant-permission's flags. */
export const grantFlags = defineFlags({
  prefix: boolFlag('grant a prefix permission'),
  'from-key': boolFlag(fromKeyUsage('grant')),
});

/** revoke-permission's flags. */
export const revokeFlags = defineFlags({
  prefix: boolFlag('revoke a prefix permission'),
  'from-key': boolFlag(fromKeyUsage('revoke')),
});

/** The AuthRoleGrantPermissionRequest of `<role> <type> <key> [endkey]`. */
export function grantRequest(
  args: readonly string[],
  flags: { prefix: boolean; fromKey: boolean },
) {
  if (args.length < 3)
    throw new BadArgsError(
      'role grant command requires role name, permission type, and key [endkey] as its argument',
    );
  const type = permType(args[1]!);
  const { key, rangeEnd } = permRange(args.slice(2), flags);
  return { name: args[0]!, perm: { permType: type, key, range_end: rangeEnd } };
}

/** The AuthRoleRevokePermissionRequest of `<role> <key> [endkey]`. */
export function revokeRequest(
  args: readonly string[],
  flags: { prefix: boolean; fromKey: boolean },
) {
  if (args.length < 2)
    throw new BadArgsError(
      'role revoke-permission command requires role name and key [endkey] as its argument',
    );
  const { key, rangeEnd } = permRange(args.slice(1), flags);
  return { role: args[0]!, key, range_end: rangeEnd };
}

const write = (ctx: CommandContext) => ({ deadline: ctx.commandDeadline() });
const read = (ctx: CommandContext) => ({ deadline: ctx.commandDeadline(), idempotent: true });

async function addCommand(ctx: CommandContext): Promise<void> {
  const role = oneArg(ctx.args, 'role add command requires role name as its argument');
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary('Auth.RoleAdd', { name: role }, write(ctx));
  ctx.print(roleAddPrinters, resp, { hex, role });
}

async function deleteCommand(ctx: CommandContext): Promise<void> {
  const role = oneArg(ctx.args, 'role delete command requires role name as its argument');
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary('Auth.RoleDelete', { role }, write(ctx));
  ctx.print(roleDeletePrinters, resp, { hex, role });
}

async function getCommand(ctx: CommandContext): Promise<void> {
  const role = oneArg(ctx.args, 'role get command requires role name as its argument');
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary('Auth.RoleGet', { role }, read(ctx));
  ctx.print(roleGetPrinters, resp, { hex, role });
}

async function listCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 0) throw new BadArgsError('role list command requires no arguments');
  const { hex } = ctx.config();
  const client = await ctx.client();
  ctx.print(roleListPrinters, await client.unary('Auth.RoleList', {}, read(ctx)), { hex });
}

async function grantCommand(ctx: CommandContext): Promise<void> {
  const req = grantRequest(ctx.args, grantFlags.read(ctx.flags));
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary('Auth.RoleGrantPermission', req, write(ctx));
  ctx.print(roleGrantPrinters, resp, { hex, role: req.name });
}

async function revokeCommand(ctx: CommandContext): Promise<void> {
  const req = revokeRequest(ctx.args, revokeFlags.read(ctx.flags));
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary('Auth.RoleRevokePermission', req, write(ctx));
  // etcdctl echoes the key as typed (not the \x00 sent for ""), and the range end sent.
  const names = { role: req.role, key: ctx.args[1]!, rangeEnd: req.range_end };
  ctx.print(roleRevokePrinters, resp, { hex, ...names });
}

/** Registers `role` and its sub-commands. */
export function register(program: EctlCommand): void {
  const role = program
    .command('role')
    .description('Role related commands')
    .usage('<subcommand>')
    .addHelpCommand(false)
    .examples([
      'ectl --user root role add reader',
      'ectl --user root role grant-permission reader read --prefix app/',
      'ectl --user root role get reader',
      'ectl --user root user grant-role alice reader',
    ]);
  role
    .command('add')
    .description('Adds a new role')
    .usage('<role name>')
    .examples(['ectl --user root role add reader      # Role reader created'])
    .writes()
    .handle(addCommand);
  role
    .command('delete')
    .description('Deletes a role')
    .usage('<role name>')
    .examples(['ectl --user root role delete reader   # Role reader deleted'])
    .writes({ confirm: 'before' })
    .handle(deleteCommand);
  role
    .command('get')
    .description('Gets detailed information of a role')
    .usage('<role name>')
    .examples([
      'ectl --user root role get reader      # its KV Read: and KV Write: ranges',
      'ectl --user root role get root -w json',
    ])
    .handle(getCommand);
  role
    .command('list')
    .description('Lists all roles')
    .examples(['ectl --user root role list'])
    .handle(listCommand);
  role
    .command('grant-permission')
    .description('Grants a key to a role')
    .usage('[options] <role name> <permission type> <key> [endkey]')
    .flags(grantFlags)
    .examples([
      'ectl --user root role grant-permission reader read app/config        # one key',
      'ectl --user root role grant-permission reader read --prefix app/     # [app/, app0)',
      'ectl --user root role grant-permission writer readwrite a z          # [a, z)',
      'ectl --user root role grant-permission writer write --from-key logs/ # [logs/, <open ended>',
      "ectl --user root role grant-permission admin readwrite --prefix ''   # every key",
    ])
    .writes()
    .handle(grantCommand);
  role
    .command('revoke-permission')
    .description('Revokes a key from a role')
    .usage('<role name> <key> [endkey]')
    .flags(revokeFlags)
    .examples([
      'ectl --user root role revoke-permission reader app/config',
      'ectl --user root role revoke-permission reader --prefix app/',
    ])
    .writes()
    .handle(revokeCommand);
}
