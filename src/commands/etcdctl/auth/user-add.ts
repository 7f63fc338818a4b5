// `user add` and `user passwd`: etcdctl main's user_command.go — how the new user's name and
// password come from the argument and flags, and the password read as readPasswordInteractive
// (speakeasy) and fmt.Scanf read it: asked twice and compared, hidden on a terminal; from a pipe
// each prompt still goes to stdout and reads one line; with --interactive=false one word. It is
// read before the configuration or a client, so before --user's own prompt, as in etcdctl, and
// never echoed, logged or handed to another program.
import type { CommandContext } from '../../../cli/context.js';
import { boolFlag, defineFlags, type OptionsOf, stringFlag } from '../../../cli/typed-flags.js';
import { BadArgsError, InterruptedError } from '../../../errors.js';
import type { Io } from '../../../io.js';
import { stdinLines } from '../../../io.js';
import { goTrimSpace, scanfWord } from '../../../go/scan.js';
import { oneArg } from '../../../input/lease-args.js';
import { userAddPrinters, userPasswdPrinters } from '../../../output/auth.js';

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

/** speakeasy.Ask: a hidden prompt on a terminal, else the prompt on stdout and one line read. */
async function ask(io: Io, signal: AbortSignal, question: string): Promise<string> {
  if (io.stdin.isTTY) {
    try {
      return goTrimSpace(await io.promptHidden(question));
    } catch (err) {
      if (signal.aborted) throw err;
      // A prompt cancelled by Ctrl-C rejects with no error: the user interrupted, as with SIGINT.
      if (!(err instanceof Error)) throw new InterruptedError('SIGINT');
      throw new BadArgsError(`failed to ask password: ${err.message}`);
    }
  }
  io.stdout.write(question);
  const reader = stdinLines(io.stdin);
  // speakeasy reads up to a newline or the end of input, and answers with a newline of its own.
  const line = (await reader.next(signal)) ?? (await reader.rest());
  io.stdout.write('\n');
  return goTrimSpace(line.toString('utf8'));
}

/** The password of a new user (or a new password), typed twice: readPasswordInteractive. */
export async function askNewPassword(io: Io, signal: AbortSignal, name: string): Promise<string> {
  const first = await ask(io, signal, `Password of ${name}: `);
  if (first === '') throw new BadArgsError('empty password');
  const second = await ask(io, signal, `Type password of ${name} again for confirmation: `);
  if (first !== second) throw new BadArgsError('given passwords are different');
  return first;
}

/**
 * `--interactive=false`: fmt.Scanf("%s") on stdin, one white-space delimited word; empty input (or
 * a newline first) gives an empty password, which etcdctl sends as is.
 */
export async function scanPassword(io: Io): Promise<string> {
  const reader = stdinLines(io.stdin);
  const { word, consumed } = scanfWord(await reader.peekLine());
  reader.skip(consumed);
  return word;
}

/** Reads the password as the flags say: prompted twice, or one word from stdin. */
export function readNewPassword(
  io: Io,
  signal: AbortSignal,
  name: string,
  interactive: boolean,
): Promise<string> {
  return interactive ? askNewPassword(io, signal, name) : scanPassword(io);
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
