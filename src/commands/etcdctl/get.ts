// `get`: etcdctl's get_command.go — a range read with every flag, validation order and printer.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import type { RangeRequest } from '../../etcd/proto/gen/messages.js';
import { BadArgsError, BadFeatureError } from '../../errors.js';
import type { ParsedFlags } from '../../cli/flagspec.js';
import { checkRangeFlags, keyRange } from '../../input/range.js';
import {
  type GetPrinter,
  type RangeTotals,
  getPrinters,
  pagedGetPrinters,
} from '../../output/get.js';
import { printerOf } from '../../output/print.js';
import { pageable, rangePages } from '../../etcd/recipes/range-pages.js';
import { goQuoteString } from '../../go/format.js';

const sortTargets: Record<string, number> = {
  '': 0,
  KEY: 0,
  VERSION: 1,
  CREATE: 2,
  MODIFY: 3,
  VALUE: 4,
};
const sortOrders: Record<string, number> = { '': 0, ASCEND: 1, DESCEND: 2 };

/** Builds the RangeRequest for `get` from its arguments and flags; throws etcdctl's errors. */
export function getRequest(args: readonly string[], flags: ParsedFlags): RangeRequest {
  if (args.length === 0)
    throw new BadArgsError(
      'get command needs one argument as key and an optional argument as range_end',
    );
  const prefix = flags.bool('prefix');
  const fromKey = flags.bool('from-key');
  if (prefix && fromKey) checkRangeFlags(args, prefix, fromKey);
  if (flags.bool('keys-only') && flags.bool('count-only')) {
    throw new BadArgsError(
      '`--keys-only` and `--count-only` cannot be set at the same time, choose one',
    );
  }
  const consistency = flags.string('consistency');
  if (consistency !== 'l' && consistency !== 's') {
    throw new BadFeatureError(`unknown consistency flag ${goQuoteString(consistency)}`);
  }
  checkRangeFlags(args, prefix, fromKey);
  const order = sortOrders[flags.string('order').toUpperCase()];
  if (order === undefined) throw new BadFeatureError(`bad sort order ${flags.string('order')}`);
  const target = sortTargets[flags.string('sort-by').toUpperCase()];
  if (target === undefined) throw new BadFeatureError(`bad sort target ${flags.string('sort-by')}`);
  const [minCreate, maxCreate] = [flags.int('min-create-rev'), flags.int('max-create-rev')];
  if (maxCreate > 0n && minCreate > maxCreate)
    throw new BadFeatureError(`getMinCreateRev(=${minCreate}) > getMaxCreateRev(=${maxCreate})`);
  const [minMod, maxMod] = [flags.int('min-mod-rev'), flags.int('max-mod-rev')];
  if (maxMod > 0n && minMod > maxMod)
    throw new BadFeatureError(`getMinModRev(=${minMod}) > getMaxModRev(=${maxMod})`);
  const range = keyRange(args[0]!, args[1], { prefix, fromKey });
  const rev = flags.int('rev');
  return {
    key: range.key,
    range_end: range.rangeEnd,
    limit: flags.int('limit'),
    revision: rev > 0n ? rev : 0n,
    // The Go client sends (KEY, ASCEND) as "no sort": the server's natural order is by key.
    sort_order: target === 0 && order === 1 ? 0 : order,
    sort_target: target,
    serializable: consistency === 's',
    keys_only: flags.bool('keys-only'),
    count_only: flags.bool('count-only'),
    min_mod_revision: minMod > 0n ? minMod : 0n,
    max_mod_revision: maxMod > 0n ? maxMod : 0n,
    min_create_revision: minCreate > 0n ? minCreate : 0n,
    max_create_revision: maxCreate > 0n ? maxCreate : 0n,
  };
}

/** etcdctl's checks of the format, made after the RPC as etcdctl makes them. */
function checkFormat(ctx: CommandContext, writeOut: string): void {
  if (ctx.flags.bool('count-only') && writeOut !== 'fields') {
    throw new BadArgsError('--count-only is only for `--write-out=fields`');
  }
  if (ctx.flags.bool('print-value-only') && writeOut !== 'simple') {
    throw new BadArgsError('print-value-only is only for `--write-out=simple`');
  }
}

async function getCommand(ctx: CommandContext): Promise<void> {
  const req = getRequest(ctx.args, ctx.flags);
  const { writeOut, hex } = ctx.config();
  const client = await ctx.client();
  const call = { deadline: ctx.commandDeadline(), idempotent: true };
  const opts = { hex, valueOnly: ctx.flags.bool('print-value-only') };
  if (!pageable(req)) {
    const resp = await client.unary('KV.Range', req, call);
    checkFormat(ctx, writeOut);
    ctx.print(getPrinters, resp, opts);
    return;
  }
  // A range in key order is read page by page and printed as it arrives: memory stays bounded.
  let printer: GetPrinter | undefined;
  let totals: RangeTotals = { more: false, count: 0n };
  for await (const page of rangePages(client, req, call)) {
    if (!printer) {
      checkFormat(ctx, writeOut);
      printer = printerOf(pagedGetPrinters, writeOut)(opts);
      totals = { more: false, count: page.count };
      ctx.write(printer.head(page.header));
    }
    ctx.write(printer.page(page.kvs));
  }
  if (printer) ctx.write(printer.tail(totals));
}

/** Registers `get`. */
export function register(program: EctlCommand): void {
  const int = (name: string, usage: string) => ({
    name,
    kind: 'int64' as const,
    default: 0n,
    usage,
  });
  const bool = (name: string, usage: string) => ({
    name,
    kind: 'bool' as const,
    default: false,
    usage,
  });
  program
    .command('get')
    .description('Gets the key or a range of keys')
    .usage('[options] <key> [range_end]')
    .flag({
      name: 'consistency',
      kind: 'string',
      default: 'l',
      usage: 'Linearizable(l) or Serializable(s)',
    })
    .flag({
      name: 'order',
      kind: 'string',
      default: '',
      usage: 'Order of results; ASCEND or DESCEND (ASCEND by default)',
    })
    .flag({
      name: 'sort-by',
      kind: 'string',
      default: '',
      usage: 'Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION',
    })
    .flag(int('limit', 'Maximum number of results'))
    .flag(bool('prefix', 'Get keys with matching prefix'))
    .flag(
      bool(
        'from-key',
        'Get keys that are greater than or equal to the given key using byte compare',
      ),
    )
    .flag(int('rev', 'Specify the kv revision'))
    .flag(bool('keys-only', 'Get only the keys'))
    .flag(bool('count-only', 'Get only the count'))
    .flag(bool('print-value-only', 'Only write values when using the "simple" output format'))
    .flag(int('min-mod-rev', 'Minimum modify revision'))
    .flag(int('max-mod-rev', 'Maximum modify revision'))
    .flag(int('min-create-rev', 'Minimum create revision'))
    .flag(int('max-create-rev', 'Maximum create revision'))
    .examples([
      'ectl get foo                      # the value of one key',
      'ectl get --prefix app/ --keys-only # the keys under a prefix',
      'ectl get a c                      # keys in [a, c)',
      'ectl get --from-key ""            # every key',
      'ectl get foo -w json              # the whole response, 64-bit integers exact',
      'ectl get --prefix "" --count-only -w fields',
    ])
    .handle(getCommand);
}
