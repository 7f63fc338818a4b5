// `watch`: etcdctl's watch_command.go — arguments, ETCDCTL_WATCH_KEY/RANGE_END, the exec command
// after `--`, output per response in every format, exit 5 when the server cancels; the stream
// itself outlives member failures (src/etcd/watch/watcher.ts).
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { CliError, ExitCode } from '../../../errors.js';
import {
  splitWatchArgs,
  watchEnv,
  watchFlagSet,
  watchFlags,
  watchOptions,
  watchSpec,
} from './args.js';
import { watchInteractive } from './interactive.js';
import { startWatcher } from './print.js';

async function watchCommand(ctx: CommandContext): Promise<void> {
  const env = watchEnv(ctx.io.env);
  if (watchFlagSet.read(ctx.flags).interactive) return watchInteractive(ctx, env);
  // etcdctl errors out before connecting only when nothing followed `watch`.
  const bare = ctx.args.length === 0 && !watchFlags.some((f) => ctx.flags.changed(f.name));
  const { watchArgs, execArgs } = splitWatchArgs(ctx.args, ctx.flags.argsLenAtDash, env, bare);
  const watcher = await startWatcher(ctx, () => execArgs);
  try {
    const spec = watchSpec(watchArgs, watchOptions(ctx.flags));
    await Promise.race([watcher.add(spec).done, watcher.failed]);
  } finally {
    watcher.close();
  }
  throw new CliError('watch is canceled by the server', ExitCode.Interrupted);
}

/** Registers `watch`. */
export function register(program: EctlCommand): void {
  const cmd = program
    .command('watch')
    .description('Watches events stream on keys or prefixes')
    .usage('[options] [key or prefix] [range_end] [--] [exec-command arg1 arg2 ...]');
  cmd.flags(watchFlagSet).scriptOutput();
  cmd.ownEnv.push('ETCDCTL_WATCH_KEY', 'ETCDCTL_WATCH_RANGE_END');
  cmd
    .examples([
      'ectl watch foo                        # every change of one key, until Ctrl-C',
      'ectl watch --prefix app/ -w json      # a prefix, one JSON line per response',
      'ectl watch --rev 1 --prev-kv foo      # the whole history of foo, with old values',
      'ectl watch --prefix app/ -o ndjson    # one JSON line per event: type, key, value, ...',
      'ectl watch foo -- sh -c \'echo "$ETCD_WATCH_KEY=$ETCD_WATCH_VALUE"\'  # a command per event',
      "printf 'watch a\\nwatch --prefix b\\nprogress\\n' | ectl watch -i",
    ])
    .handle(watchCommand);
}
