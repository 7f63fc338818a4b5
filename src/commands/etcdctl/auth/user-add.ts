// `user add` and `user passwd`: etcdctl main's user_command.go — how the new user's name and
// password come from the argument and flags, and the password read (prompted twice, one line each
// from a pipe, or one word with --interactive=false) before the configuration is read or a client
// made, so it comes before --user's own prompt as in etcdctl.
import type { CommandContext } from '../../../cli/context.js';
import { boolFlag, defineFlags, type OptionsOf, stringFlag } from '../../../cli/typed-flags.js';
import { BadArgsError } from '../../../errors.js';
import { oneArg } from '../../../input/lease-args.js';
import { userAddPrinters, userPasswdPrinters } from '../../../output/auth.js';
import { readNewPassword } from './password.js';

const interactive = {
  kind: 'bool',
  default: true,
  usage: 'Read password from stdin instead of interactive terminal',
} as const;

/** user add's flags. */
export const userAddFlags = defineFlags({
  interactive,
  'new-user-password': stringFlag('Supply password from the command line flag'),
  'no-password': boolFlag('Create a user without password (CN based auth only)'),
});

/** user passwd's flags. */
export const userPasswdFlags = defineFlags({
  interactive: {
    ...interactive,
    usage: 'If true, read password from stdin instead of interactive terminal',
  },
});

/** The new user as the argument and flags give it; `password` undefined: read it from stdin. */
export interface NewUser {
  name: string;
  password: string | undefined;
  noPassword: boolean;
}

/**
 * `user add <name or name:password>`: --no-password and --new-user-password take the argument
 * verbatim, colons included; otherwise it splits at the first colon, and without one the password
 * is to be read.
 */
export function newUser(args: readonly string[], o: OptionsOf<typeof userAddFlags>): NewUser {
  const arg = oneArg(args, 'user add command requires user name as its argument');
  if (o.noPassword) return { name: arg, password: '', noPassword: true };
  if (o.newUserPassword !== '')
    return { name: arg, password: o.newUserPassword, noPassword: false };
  const colon = arg.indexOf(':');
  if (colon < 0) return { name: arg, password: undefined, noPassword: false };
  const name = arg.slice(0, colon);
  if (name === '') throw new BadArgsError('empty user name is not allowed');
  return { name, password: arg.slice(colon + 1), noPassword: false };
}

/** The UserAddRequest; etcdctl always sends the options message, no_password set or not. */
export function userAddRequest(name: string, password: string, noPassword: boolean) {
  return { name, password, options: { no_password: noPassword } };
}

/** `user add`. */
export async function userAddCommand(ctx: CommandContext): Promise<void> {
  const o = userAddFlags.read(ctx.flags);
  const user = newUser(ctx.args, o);
  const password =
    user.password ?? (await readNewPassword(ctx.io, ctx.signal, user.name, o.interactive));
  const { hex } = ctx.config();
  const client = await ctx.client();
  const req = userAddRequest(user.name, password, user.noPassword);
  const resp = await client.unary('Auth.UserAdd', req, { deadline: ctx.commandDeadline() });
  ctx.print(userAddPrinters, resp, { hex, user: user.name });
}

/** `user passwd`. */
export async function userPasswdCommand(ctx: CommandContext): Promise<void> {
  const user = oneArg(ctx.args, 'user passwd command requires user name as its argument');
  const o = userPasswdFlags.read(ctx.flags);
  const password = await readNewPassword(ctx.io, ctx.signal, user, o.interactive);
  const { hex } = ctx.config();
  const client = await ctx.client();
  const resp = await client.unary(
    'Auth.UserChangePassword',
    { name: user, password },
    { deadline: ctx.commandDeadline() },
  );
  ctx.print(userPasswdPrinters, resp, { hex });
}
