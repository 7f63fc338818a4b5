// watch's arguments as etcdctl reads them (parseWatchArgs and getWatchChan of
// watch_command.go): the key or range, ETCDCTL_WATCH_KEY/RANGE_END, the command after `--`.
import type { WatchSpec } from '../../../etcd/watch/track.js';
import { BadArgsError } from '../../../errors.js';
import type { FlagSpec, ParsedFlags } from '../../../cli/flagspec.js';
import { boolFlag, defineFlags, intFlag } from '../../../cli/typed-flags.js';
import { keyRange } from '../../../input/range.js';
import { goQuoteString } from '../../../go/format.js';

export const errBadArgsNum = 'bad number of arguments';
export const errConflictEnv = 'bad number of arguments (found conflicting environment key)';
export const errSeparator = 'bad number of arguments (found separator --, but no commands)';

/** `watch`'s own flags (a `watch` line of `-i` is parsed with these alone). */
export const watchFlagSet = defineFlags({
  interactive: { ...boolFlag('Interactive mode'), short: 'i' },
  prefix: boolFlag('Watch on a prefix if prefix is set'),
  rev: intFlag('Revision to start watching'),
  'prev-kv': boolFlag('get the previous key-value pair before the event happens'),
  'progress-notify': boolFlag('get periodic watch progress notification from server'),
});

/** The same flags as specs (the `-i` line parser declares them too). */
export const watchFlags: readonly FlagSpec[] = watchFlagSet.specs;

/** ETCDCTL_WATCH_KEY and ETCDCTL_WATCH_RANGE_END ('' when unset, as Go's os.Getenv). */
export interface WatchEnv {
  key: string;
  range: string;
}

/** The key arguments and the exec command of one watch. */
export interface WatchArgs {
  watchArgs: string[];
  execArgs: string[];
}

/** The variables, checked first as etcdctl does (also with -i). */
export function watchEnv(env: Readonly<Record<string, string | undefined>>): WatchEnv {
  const key = env.ETCDCTL_WATCH_KEY ?? '';
  const range = env.ETCDCTL_WATCH_RANGE_END ?? '';
  if (key === '' && range !== '')
    throw new BadArgsError(
      `ETCDCTL_WATCH_KEY is empty but got ETCDCTL_WATCH_RANGE_END=${goQuoteString(range)}`,
    );
  return { key, range };
}

/**
 * etcdctl's parseWatchArgs: positional arguments before `--` (dashAt of them; -1 without `--`)
 * are the key and range end, those after it the command; ETCDCTL_WATCH_KEY replaces the key
 * arguments. `bare`: nothing at all followed `watch` on the command line.
 */
export function splitWatchArgs(
  args: readonly string[],
  dashAt: number,
  env: WatchEnv,
  bare: boolean,
): WatchArgs {
  const execArgs = dashAt >= 0 ? args.slice(dashAt) : [];
  if (dashAt >= 0 && execArgs.length === 0) throw new BadArgsError(errSeparator);
  if (dashAt < 0 && bare && env.key === '') throw new BadArgsError(errBadArgsNum);
  const keyArgs = dashAt >= 0 ? args.slice(0, dashAt) : [...args];
  if (env.key !== '' && keyArgs.length > 0) throw new BadArgsError(errConflictEnv);
  if (env.key === '') return { watchArgs: keyArgs, execArgs };
  return { watchArgs: env.range ? [env.key, env.range] : [env.key], execArgs };
}

/** Options of one watch that come from flags. */
export interface WatchOptions {
  prefix: boolean;
  rev: bigint;
  prevKv: boolean;
  progressNotify: boolean;
}

/**
 * etcdctl's getWatchChan: the create request. A range end counts only when there are exactly two
 * key arguments (a third silently drops it, as in etcdctl).
 */
export function watchSpec(watchArgs: readonly string[], o: WatchOptions): WatchSpec {
  if (watchArgs.length < 1) throw new BadArgsError(errBadArgsNum);
  if (watchArgs.length === 2 && o.prefix)
    throw new BadArgsError('`range_end` and `--prefix` are mutually exclusive');
  const end = watchArgs.length === 2 ? watchArgs[1] : undefined;
  const range = keyRange(watchArgs[0]!, end, { prefix: o.prefix, fromKey: false });
  return {
    key: range.key,
    range_end: range.rangeEnd,
    start_revision: o.rev,
    prev_kv: o.prevKv,
    progress_notify: o.progressNotify,
  };
}

/** The flags of one watch, read from a parse of the command line or of a `-i` line. */
export function watchOptions(flags: ParsedFlags): WatchOptions {
  const { prefix, rev, prevKv, progressNotify } = watchFlagSet.read(flags);
  return { prefix, rev, prevKv, progressNotify };
}
