// `ectl discover PREFIX [--watch]`: what `register` put under a prefix, with the TTL left on each
// lease, then (with --watch) every change from the revision of that read on, through the watcher
// that survives members dying, so no change between the read and the watch is missed or repeated.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';
import { millis } from '../../etcd/client-config.js';
import { prefixEnd } from '../../etcd/keys.js';
import { readRegistrations } from '../../etcd/recipes/registrations.js';
import { clientWatchDeps } from '../../etcd/watch/stream.js';
import { Watcher } from '../../etcd/watch/watcher.js';
import { BadArgsError, CliError } from '../../errors.js';
import { type DiscoverSnapshot, changeRecord, snapshotView } from '../../output/discover.js';
import { colours } from '../../output/human/colour.js';
import { changeLine, discoverTable } from '../../output/human/discover.js';
import { ndjsonLine } from '../../output/script/encode.js';
import { watcherSettings } from '../etcdctl/watch/print.js';

/** discover's flags. */
export const discoverFlags = defineFlags({
  watch: boolFlag('after the entries, print every change until interrupted'),
});

async function discoverCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1) throw new BadArgsError('discover takes one prefix argument');
  const { watch } = discoverFlags.read(ctx.flags);
  const format = ctx.ectlFormat();
  if (watch && format !== 'human' && format !== 'wide' && format !== 'ndjson')
    throw new BadArgsError(`--watch prints lines or -o ndjson records, not ${format}`);
  const prefix = Buffer.from(ctx.args[0]!, 'utf8');
  const client = await ctx.client();
  const read = await readRegistrations(client, prefix, () => ({ deadline: ctx.commandDeadline() }));
  const snapshot: DiscoverSnapshot = {
    prefix: ctx.args[0]!,
    revision: read.revision,
    entries: read.kvs.map((kv) => ({
      kv,
      ttl: kv.lease === 0n ? undefined : read.ttls.get(kv.lease),
    })),
  };
  const human = format === 'human' || format === 'wide';
  const c = colours({ mode: ctx.config().color, env: ctx.io.env, isTTY: ctx.io.stdoutIsTTY });
  if (human) ctx.write(discoverTable(snapshot.entries, c));
  else ctx.printScript(snapshotView(snapshot));
  if (watch)
    await follow(ctx, prefix, read.revision + 1n, (ev) =>
      ctx.write(human ? changeLine(ev, c) : ndjsonLine(changeRecord(ev))),
    );
}

/** Prints every change under the prefix from `start` on, until interrupted. */
async function follow(
  ctx: CommandContext,
  prefix: Uint8Array,
  start: bigint,
  print: (ev: import('../../etcd/proto/gen/messages.js').Event) => void,
): Promise<void> {
  const config = ctx.config();
  const client = await ctx.client();
  const watcher = new Watcher(clientWatchDeps(client), {
    ...watcherSettings(ctx, millis(config.dialTimeoutNs + config.commandTimeoutNs)),
    deliver(_w, d) {
      // A compacted start revision or a lost permission ends the watch with the server's reason.
      if (d.error !== undefined) throw new CliError(d.error);
      for (const ev of d.resp.events) if (ev.kv) print(ev);
    },
  });
  try {
    const w = watcher.add({
      key: prefix,
      range_end: prefixEnd(prefix),
      start_revision: start,
      prev_kv: false,
      progress_notify: false,
    });
    await Promise.race([w.done, watcher.failed]);
  } finally {
    watcher.close();
  }
  throw new CliError('watch is canceled by the server');
}

/** Registers `discover`. */
export function register(program: EctlCommand): void {
  program
    .command('discover')
    .summary('Lists the entries registered under a prefix, and follows them with --watch')
    .description(
      'Lists the keys under a prefix (what `ectl register` put there) with their values and the ' +
        'TTL left on their leases (- for a key without a lease).\n\n' +
        'With --watch, then prints one line per change until interrupted: "+ KEY VALUE" when a ' +
        'key appears, "~ KEY VALUE" when its value changes, "- KEY" when it goes (revoked, ' +
        'expired or deleted). The changes start at the revision of the listing, so none is ' +
        'missed or repeated, and the watch moves to another endpoint when its member fails. ' +
        '-o ndjson prints one record per entry, then one per change with a "type" field ' +
        '(added, changed, removed); -o json and -o yaml print the listing as one document.',
    )
    .usage('[options] <prefix>')
    .flags(discoverFlags)
    .examples([
      'ectl discover workers/                     # KEY  VALUE  TTL',
      'ectl discover --watch workers/             # then + KEY VALUE, ~ KEY VALUE, - KEY',
      'ectl discover -o ndjson --watch workers/ | jq -c \'select(.type == "removed")\'',
      'ectl discover -o json workers/ | jq -r ".entries[].value"',
    ])
    .handle(discoverCommand);
}
