// `put`: etcdctl's put_command.go — the value from the second argument or all of stdin, a hex lease.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import type { PutRequest } from '../../etcd/proto/gen/messages.js';
import { BadArgsError } from '../../errors.js';
import { type OptionsOf, boolFlag, defineFlags, stringFlag } from '../../cli/typed-flags.js';
import { parseLeaseId } from '../../input/ids.js';
import { bytesOf } from '../../input/range.js';
import { readAll } from '../../io.js';
import { putPrinters } from '../../output/print.js';
import { putView } from '../../output/script/kv.js';
import type { OutputOption } from '../../output/script/format.js';
import { casFailedError, casFailure, casPutFlags, casTxn, preconditionOf } from './cas.js';

/** put's flags, in etcdctl's order. */
export const putFlags = defineFlags({
  lease: stringFlag('lease ID (in hexadecimal) to attach to the key', '0'),
  'prev-kv': boolFlag('return the previous key-value pair before modification'),
  'ignore-value': boolFlag('updates the key using its current value'),
  'ignore-lease': boolFlag('updates the key using its current lease'),
});

/** put's flag values. */
export type PutOptions = OptionsOf<typeof putFlags>;

/** -o key|value of put and del print the previous key-values: they need --prev-kv. */
export function kvOutputError(
  output: OutputOption | undefined,
  prevKv: boolean,
): BadArgsError | undefined {
  if ((output === 'key' || output === 'value') && !prevKv)
    return new BadArgsError(`-o ${output} prints the previous key-values: it needs --prev-kv`);
  return undefined;
}

const needsArgs = 'put command needs 1 argument and input from stdin or 2 arguments';

/**
 * Builds the PutRequest; `stdinValue` is what stdin held when the value argument is missing
 * (undefined when it was not read).
 */
export function putRequest(
  args: readonly string[],
  o: PutOptions,
  stdinValue?: Uint8Array,
): PutRequest {
  if (args.length === 0) throw new BadArgsError(needsArgs);
  const ignoreValue = o.ignoreValue;
  if (ignoreValue && args.length > 1)
    throw new BadArgsError("put command needs only 1 argument when 'ignore-value' is set");
  let value: Uint8Array = new Uint8Array(0);
  if (!ignoreValue) {
    if (args.length > 1) value = bytesOf(args[1]!);
    else if (stdinValue && stdinValue.length > 0) value = stdinValue;
    else throw new BadArgsError(needsArgs);
  }
  return {
    key: bytesOf(args[0]!),
    value,
    lease: parseLeaseId(o.lease),
    prev_kv: o.prevKv,
    ignore_value: ignoreValue,
    ignore_lease: o.ignoreLease,
  };
}

async function putCommand(ctx: CommandContext): Promise<void> {
  const o = putFlags.read(ctx.flags);
  const needStdin = ctx.args.length === 1 && !o.ignoreValue;
  const stdinValue = needStdin
    ? await readAll(ctx.io.stdin, ctx.signal).catch(() => undefined)
    : undefined;
  const req = putRequest(ctx.args, o, stdinValue);
  const pre = preconditionOf(casPutFlags, ctx.flags);
  const refused = kvOutputError(ctx.config().output, o.prevKv);
  if (refused) ctx.declineOutput(refused);
  const { hex } = ctx.config();
  const printers = { ...putPrinters, script: putView };
  const client = await ctx.client();
  const deadline = ctx.commandDeadline();
  if (!pre) {
    ctx.print(printers, await client.unary('KV.Put', req, { deadline }), { hex });
    return;
  }
  const txn = casTxn(pre, { request_put: req }, req.key, new Uint8Array(0));
  const resp = await client.unary('KV.Txn', txn, { deadline });
  const found = resp.responses[0];
  if (!resp.succeeded) {
    const kvs = found?.response_range?.kvs ?? [];
    throw casFailedError(casFailure(pre, [ctx.args[0]!], { prefix: false, fromKey: false }, kvs));
  }
  // The txn's header (revision of the write) is the one a plain put would have returned.
  ctx.print(printers, { ...found!.response_put!, header: resp.header }, { hex });
}

/** Registers `put`. */
export function register(program: EctlCommand): void {
  program
    .command('put')
    .description('Puts the given key into the store')
    .usage('[options] <key> <value> (<value> can also be given from stdin)')
    .flags(putFlags)
    .flags(casPutFlags)
    .scriptOutput()
    .addHelpText(
      'after',
      `
When <value> begins with '-', <value> is interpreted as a flag.
Insert '--' for workaround:

$ put <key> -- <value>
$ put -- <key> <value>

If <value> isn't given as a command line argument and '--ignore-value' is not specified,
this command tries to read the value from standard input.

If <lease> isn't given as a command line argument and '--ignore-lease' is not specified,
this command tries to read the value from standard input.

For example,
$ cat file | put <key>
will store the content of the file to <key>.
`,
    )
    .examples([
      'ectl put foo bar',
      'ectl put foo -- -value-starting-with-dash',
      'ectl put cfg < config.yaml          # value from stdin, byte for byte',
      'ectl put foo bar --lease 694d7a1b2c3d4e5f --prev-kv',
      'ectl put foo --ignore-value --lease 694d7a1b2c3d4e5f',
      'ectl put lock/owner me --if-absent        # exit 7 if it exists, nothing written',
      'ectl put cfg v2 --if-mod-rev 12           # compare-and-swap on the mod revision',
      'ectl put foo new --prev-kv -o value       # prints the value foo had before',
    ])
    .writes()
    .handle(putCommand);
}
