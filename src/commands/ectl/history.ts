// `ectl history KEY [--limit N]`: every version of a key still in the store, from the compaction
// point up (one watch from the oldest retained revision), as a table or script records.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { defineFlags, intFlag } from '../../cli/typed-flags.js';
import { BadArgsError } from '../../errors.js';
import { millis } from '../../etcd/client-config.js';
import { keyHistory } from '../../etcd/recipes/key-history.js';
import { bytesOf } from '../../input/range.js';
import { historyHeader, historyRows, historyView } from '../../output/history.js';
import { colours } from '../../output/human/colour.js';
import { humanTable } from '../../output/human/table.js';
import { watcherSettings } from '../etcdctl/watch/print.js';

/** history's flags. */
export const historyFlags = defineFlags({
  limit: intFlag('Show only the newest N versions (0: all)'),
});

/** The VALUE column's width in the normal table (-o wide shows whole values). */
const valueWidth = 60;
/** What the other columns take at most (revisions of 10 digits), for a terminal's width. */
const otherColumns = 40;

async function historyCommand(ctx: CommandContext): Promise<void> {
  const o = historyFlags.read(ctx.flags);
  if (ctx.args.length !== 1) throw new BadArgsError('history command needs 1 argument');
  if (o.limit < 0n) throw new BadArgsError('--limit must not be negative');
  const format = ctx.ectlFormat();
  const config = ctx.config();
  const client = await ctx.client();
  const key = bytesOf(ctx.args[0]!);
  const h = await keyHistory(client, {
    key,
    call: () => ({ deadline: ctx.commandDeadline() }),
    watch: watcherSettings(ctx, millis(config.dialTimeoutNs + config.commandTimeoutNs)),
  });
  if (o.limit > 0n && h.entries.length > Number(o.limit))
    h.entries = h.entries.slice(h.entries.length - Number(o.limit));
  if (format !== 'human' && format !== 'wide') return ctx.printScript(historyView(key, h));
  const { io } = ctx;
  const chalk = colours({ mode: ctx.config().color, env: io.env, isTTY: io.stdoutIsTTY });
  // On a terminal the values get what the other columns leave of its width.
  const columns = io.stdoutIsTTY ? io.columns?.() : undefined;
  const width = columns ? Math.max(20, columns - otherColumns) : valueWidth;
  const rows = historyRows(h.entries, { full: format === 'wide', valueWidth: width });
  ctx.write(humanTable(historyHeader, rows, (s) => chalk.bold(s)));
}

/** Registers `history`. */
export function register(program: EctlCommand): void {
  program
    .command('history')
    .description('Shows every version of a key still in the store')
    .usage('[options] <key>')
    .flags(historyFlags)
    .examples([
      'ectl history config/app               # REVISION VERSION ACTION SIZE VALUE, oldest first',
      'ectl history config/app --limit 5     # the five newest versions',
      'ectl history config/app -o wide       # whole values, not shortened',
      'ectl history config/app -o ndjson     # one record per version, full values',
      "ectl diff config/app --rev 42         # then compare a version with today's value",
    ])
    .handle(historyCommand);
}
