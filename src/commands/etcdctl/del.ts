// `del`: etcdctl's del_command.go, with 3.6's pause before deleting an explicit range.
import { setTimeout as delay } from 'node:timers/promises';
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import type { DeleteRangeRequest } from '../../etcd/proto/gen/messages.js';
import { BadArgsError } from '../../errors.js';
import { type OptionsOf, boolFlag, defineFlags } from '../../cli/typed-flags.js';
import { checkPrefixOrFromKey, checkSingleKeyRange, keyRange } from '../../input/range.js';
import { goQuoteString } from '../../go/format.js';
import { delPrinters } from '../../output/print.js';
import { nothingFoundError } from './strict.js';
import { delView } from '../../output/script/kv.js';
import { kvOutputError } from './put.js';
import { casDelFlags, casFailedError, casFailure, casTxn, preconditionOf } from './cas.js';

/** del's flags, in etcdctl's order. */
export const delFlags = defineFlags({
  prefix: boolFlag('delete keys with matching prefix'),
  'prev-kv': boolFlag('return deleted key-value pairs'),
  'from-key': boolFlag(
    'delete keys that are greater than or equal to the given key using byte compare',
  ),
  range: boolFlag('delete range of keys without delay'),
});

/** del's flag values. */
export type DelOptions = OptionsOf<typeof delFlags>;

/** Builds the DeleteRangeRequest for `del`; throws etcdctl's argument errors. */
export function delRequest(args: readonly string[], o: DelOptions): DeleteRangeRequest {
  if (args.length === 0 || args.length > 2) {
    throw new BadArgsError(
      'del command needs one argument as key and an optional argument as range_end',
    );
  }
  const { prefix, fromKey } = o;
  checkPrefixOrFromKey(prefix, fromKey);
  checkSingleKeyRange(args, prefix, fromKey);
  const range = keyRange(args[0]!, args[1], { prefix, fromKey });
  return { key: range.key, range_end: range.rangeEnd, prev_kv: o.prevKv };
}

/** The 3.6 warning printed before an explicit range is deleted without `--range`. */
export function rangeWarning(key: string, rangeEnd: string): string {
  return `Warning: Keys between ${goQuoteString(key)} and ${goQuoteString(rangeEnd)} will be deleted. Please interrupt the command within next 2 seconds to cancel. You can provide \`--range\` flag to avoid the delay.\n`;
}

async function delCommand(ctx: CommandContext): Promise<void> {
  const o = delFlags.read(ctx.flags);
  const req = delRequest(ctx.args, o);
  const pre = preconditionOf(casDelFlags, ctx.flags);
  if (ctx.args.length === 2 && !o.range) {
    // etcd 3.6 gives the user two seconds to notice a mistyped range before it is deleted.
    ctx.io.stderr.write(rangeWarning(ctx.args[0]!, ctx.args[1]!));
    await delay(2000, undefined, { signal: ctx.signal });
  }
  const refused = kvOutputError(ctx.config().output, o.prevKv);
  if (refused) ctx.declineOutput(refused);
  const { hex, strict } = ctx.config();
  const client = await ctx.client();
  if (ctx.confirming()) {
    // A confirm-writes context shows how many keys would go before asking.
    const { key, range_end } = req;
    const counted = await client.unary(
      'KV.Range',
      { key, range_end, count_only: true },
      { deadline: ctx.commandDeadline(), idempotent: true },
    );
    const n = counted.count;
    await ctx.confirmWrite(`Delete ${n} key${n === 1n ? '' : 's'}`);
  }
  const deadline = ctx.commandDeadline();
  let resp;
  if (pre) {
    const txn = await client.unary(
      'KV.Txn',
      casTxn(pre, { request_delete_range: req }, req.key, req.range_end),
      { deadline },
    );
    const found = txn.responses[0];
    if (!txn.succeeded)
      throw casFailedError(casFailure(pre, ctx.args, o, found?.response_range?.kvs ?? []));
    // The txn's header (revision of the delete) is the one a plain del would have returned.
    resp = { ...found!.response_delete_range!, header: txn.header };
  } else resp = await client.unary('KV.DeleteRange', req, { deadline });
  ctx.print({ ...delPrinters, script: (r) => delView(r, o.prevKv) }, resp, { hex });
  if (strict && resp.deleted === 0n) throw nothingFoundError(ctx.args, o);
}

/** Registers `del`. */
export function register(program: EctlCommand): void {
  program
    .command('del')
    .description('Removes the specified key or range of keys [key, range_end)')
    .usage('[options] <key> [range_end]')
    .flags(delFlags)
    .flags(casDelFlags)
    .scriptOutput()
    .examples([
      'ectl del foo',
      'ectl del --prefix app/ --prev-kv',
      'ectl del a c --range             # keys in [a, c), without the 2 s pause',
      'ectl del lock/owner --if-value me # only if it still holds my value; else exit 7',
      'ectl del --prefix tmp/ --prev-kv -o key # the keys deleted, one a line',
    ])
    .writes({ confirm: 'handler' })
    .handle(delCommand);
}
