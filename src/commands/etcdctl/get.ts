// `get`: etcdctl's get_command.go — a range read with every flag, validation order and printer.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import {
  type RangeRequest,
  RangeRequest_SortOrder as Order,
  RangeRequest_SortTarget as Target,
} from '../../etcd/proto/gen/messages.js';
import { BadArgsError, BadFeatureError } from '../../errors.js';
import {
  type OptionsOf,
  boolFlag,
  defineFlags,
  intFlag,
  stringFlag,
} from '../../cli/typed-flags.js';
import { checkPrefixOrFromKey, checkSingleKeyRange, keyRange } from '../../input/range.js';
import {
  type GetPrinter,
  type RangeTotals,
  getPrinters,
  pagedGetPrinters,
} from '../../output/get.js';
import { printerOf } from '../../output/print.js';
import { pageable, rangePages, wireRangePages } from '../../etcd/recipes/range-pages.js';
import { goQuoteString } from '../../go/format.js';
import { nothingFoundError } from './strict.js';
import type { ScriptFormat } from '../../output/script/format.js';
import { type RangeHead, getScriptPrinter } from '../../output/script/get.js';

/** get's flags, in etcdctl's order. */
export const getFlags = defineFlags({
  consistency: stringFlag('Linearizable(l) or Serializable(s)', 'l'),
  order: stringFlag('Order of results; ASCEND or DESCEND (ASCEND by default)'),
  'sort-by': stringFlag('Sort target; CREATE, KEY, MODIFY, VALUE, or VERSION'),
  limit: intFlag('Maximum number of results'),
  prefix: boolFlag('Get keys with matching prefix'),
  'from-key': boolFlag(
    'Get keys that are greater than or equal to the given key using byte compare',
  ),
  rev: intFlag('Specify the kv revision'),
  'keys-only': boolFlag('Get only the keys'),
  'count-only': boolFlag('Get only the count'),
  'print-value-only': boolFlag('Only write values when using the "simple" output format'),
  'min-mod-rev': intFlag('Minimum modify revision'),
  'max-mod-rev': intFlag('Maximum modify revision'),
  'min-create-rev': intFlag('Minimum create revision'),
  'max-create-rev': intFlag('Maximum create revision'),
});

/** get's flag values. */
export type GetOptions = OptionsOf<typeof getFlags>;

const sortTargets: Record<string, Target> = {
  '': Target.KEY,
  KEY: Target.KEY,
  VERSION: Target.VERSION,
  CREATE: Target.CREATE,
  MODIFY: Target.MOD,
  VALUE: Target.VALUE,
};
const sortOrders: Record<string, Order> = {
  '': Order.NONE,
  ASCEND: Order.ASCEND,
  DESCEND: Order.DESCEND,
};

/** Builds the RangeRequest for `get` from its arguments and flags; throws etcdctl's errors. */
export function getRequest(args: readonly string[], o: GetOptions): RangeRequest {
  if (args.length === 0)
    throw new BadArgsError(
      'get command needs one argument as key and an optional argument as range_end',
    );
  const { prefix, fromKey } = o;
  checkPrefixOrFromKey(prefix, fromKey);
  if (o.keysOnly && o.countOnly) {
    throw new BadArgsError(
      '`--keys-only` and `--count-only` cannot be set at the same time, choose one',
    );
  }
  const consistency = o.consistency;
  if (consistency !== 'l' && consistency !== 's') {
    throw new BadFeatureError(`unknown consistency flag ${goQuoteString(consistency)}`);
  }
  checkSingleKeyRange(args, prefix, fromKey);
  const order = sortOrders[o.order.toUpperCase()];
  if (order === undefined) throw new BadFeatureError(`bad sort order ${o.order}`);
  const target = sortTargets[o.sortBy.toUpperCase()];
  if (target === undefined) throw new BadFeatureError(`bad sort target ${o.sortBy}`);
  const [minCreate, maxCreate] = [o.minCreateRev, o.maxCreateRev];
  if (maxCreate > 0n && minCreate > maxCreate)
    throw new BadFeatureError(`getMinCreateRev(=${minCreate}) > getMaxCreateRev(=${maxCreate})`);
  const [minMod, maxMod] = [o.minModRev, o.maxModRev];
  if (maxMod > 0n && minMod > maxMod)
    throw new BadFeatureError(`getMinModRev(=${minMod}) > getMaxModRev(=${maxMod})`);
  const range = keyRange(args[0]!, args[1], { prefix, fromKey });
  const rev = o.rev;
  return {
    key: range.key,
    range_end: range.rangeEnd,
    limit: o.limit,
    revision: rev > 0n ? rev : 0n,
    // The Go client sends (KEY, ASCEND) as "no sort": the server's natural order is by key.
    sort_order: target === Target.KEY && order === Order.ASCEND ? Order.NONE : order,
    sort_target: target,
    serializable: consistency === 's',
    keys_only: o.keysOnly,
    count_only: o.countOnly,
    min_mod_revision: minMod > 0n ? minMod : 0n,
    max_mod_revision: maxMod > 0n ? maxMod : 0n,
    min_create_revision: minCreate > 0n ? minCreate : 0n,
    max_create_revision: maxCreate > 0n ? maxCreate : 0n,
  };
}

/** etcdctl's checks of the format, made after the RPC as etcdctl makes them. */
function checkFormat(o: GetOptions, writeOut: string): void {
  if (o.countOnly && writeOut !== 'fields') {
    throw new BadArgsError('--count-only is only for `--write-out=fields`');
  }
  if (o.printValueOnly && writeOut !== 'simple') {
    throw new BadArgsError('print-value-only is only for `--write-out=simple`');
  }
}

/** ectl's checks of -o against get's flags, made before the RPC (-o is not etcdctl's). */
export function scriptFormatError(o: GetOptions, output: ScriptFormat): BadArgsError | undefined {
  if (o.printValueOnly)
    return new BadArgsError(
      '--print-value-only is for -w simple (-o value prints the values alone)',
    );
  if (o.countOnly && output !== 'json' && output !== 'yaml')
    return new BadArgsError(
      `--count-only prints no keys: use -o json or -o yaml, not -o ${output}`,
    );
  if (o.keysOnly && output === 'value')
    return new BadArgsError('--keys-only leaves no values to print with -o value');
  return undefined;
}

async function getCommand(ctx: CommandContext): Promise<void> {
  const o = getFlags.read(ctx.flags);
  const req = getRequest(ctx.args, o);
  const { output } = ctx.config();
  const refused = output && output !== 'wide' ? scriptFormatError(o, output) : undefined;
  if (refused) ctx.declineOutput(refused);
  const { writeOut, hex, strict, output: chosen } = ctx.config();
  const script = chosen === 'wide' ? undefined : chosen;
  const client = await ctx.client();
  const call = { deadline: ctx.commandDeadline(), idempotent: true };
  const opts = { hex, valueOnly: o.printValueOnly };
  // -o's printer of the range that `head` describes; etcdctl's format checks otherwise.
  const scriptPrinter = (head: RangeHead) =>
    script ? getScriptPrinter(script, head, o) : undefined;
  if (!pageable(req)) {
    const resp = await client.unary('KV.Range', req, call);
    const p = scriptPrinter(resp);
    if (p) for (const part of [p.head(), p.page(resp.kvs), p.tail()]) ctx.write(part);
    else {
      checkFormat(o, writeOut);
      ctx.print(getPrinters, resp, opts);
    }
    if (strict && resp.count === 0n) throw nothingFoundError(ctx.args, o);
    return;
  }
  // A range in key order is read page by page and printed as it arrives: memory stays bounded.
  let printer: GetPrinter | undefined;
  let totals: RangeTotals = { more: false, count: 0n };
  // Each page is one Range with a --command-timeout of its own, as etcdctl's one Range has.
  const pageCall = () => ({ ...call, deadline: ctx.commandDeadline() });
  // simple and json print from the pages' wire bytes; -o and the other formats get them decoded.
  const wire = !script && pagedGetPrinters[writeOut]?.(opts).wirePage !== undefined;
  const pages =
    (wire && wireRangePages(client, req, pageCall)) ||
    // YAML is written by the yaml package, slowly: the next page is asked for once a page is out.
    rangePages(client, req, pageCall, script !== 'yaml');
  for await (const page of pages) {
    if (!printer) {
      printer = 'spans' in page ? undefined : scriptPrinter({ ...page, more: false });
      if (!printer) checkFormat(o, writeOut);
      printer ??= printerOf(pagedGetPrinters, writeOut)(opts);
      totals = { more: false, count: page.count };
      ctx.write(printer.head(page.header));
    }
    ctx.write('spans' in page ? printer.wirePage!(page) : printer.page(page.kvs));
  }
  if (printer) ctx.write(printer.tail(totals));
  if (strict && totals.count === 0n) throw nothingFoundError(ctx.args, o);
}

/** Registers `get`. */
export function register(program: EctlCommand): void {
  program
    .command('get')
    .description('Gets the key or a range of keys')
    .usage('[options] <key> [range_end]')
    .flags(getFlags)
    .scriptOutput()
    .examples([
      'ectl get foo                      # the value of one key',
      'ectl get --prefix app/ --keys-only # the keys under a prefix',
      'ectl get a c                      # keys in [a, c)',
      'ectl get --from-key ""            # every key',
      'ectl get foo -w json              # the whole response, 64-bit integers exact',
      'ectl get --prefix "" --count-only -w fields',
      'ectl get --prefix app/ -o ndjson | jq -r .key   # one JSON line per key, UTF-8 text',
      'ectl get foo -o value             # the raw value alone',
    ])
    .handle(getCommand);
}
