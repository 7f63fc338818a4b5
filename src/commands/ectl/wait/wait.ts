// `ectl wait KEY [--prefix] (--exists | --deleted | --value V | --json-path PATH=V) [--timeout D]`:
// returns as soon as the condition holds (at once when it already does); race-free (read at R,
// watch from R + 1) and through member restarts (the resilient watch).
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { boolFlag, defineFlags, stringFlag } from '../../../cli/typed-flags.js';
import { BadArgsError, CliError } from '../../../errors.js';
import { millis } from '../../../etcd/client-config.js';
import { type WaitResult, waitUntil } from '../../../etcd/recipes/wait-until.js';
import { formatDuration } from '../../../go/format.js';
import { bytesOf, keyRange } from '../../../input/range.js';
import { bytesField, kvRecord } from '../../../output/script/records.js';
import { watcherSettings } from '../../etcdctl/watch/print.js';
import { conditionOf, waitedFor } from './condition.js';

/** wait's flags. */
export const waitFlags = defineFlags({
  prefix: boolFlag('Wait on the keys under KEY as a prefix'),
  exists: boolFlag('Wait until the key exists (with --prefix: at least one key)'),
  deleted: boolFlag('Wait until the key is deleted (with --prefix: no key left)'),
  value: stringFlag('Wait until the key has exactly this value'),
  'json-path': stringFlag('Wait until the JSON value has VALUE at PATH (.status.phase=Ready)'),
  timeout: { kind: 'duration', default: 0n, usage: 'Give up after this long (0: wait forever)' },
});

/** The script record printed on success (-o): the key-value that satisfied the condition. */
export function waitRecord(key: string, r: WaitResult) {
  if (r.kv) return kvRecord(r.kv);
  return { ...bytesField('key', bytesOf(key)), revision: r.revision };
}

async function waitCommand(ctx: CommandContext): Promise<void> {
  const o = waitFlags.read(ctx.flags);
  if (ctx.args.length !== 1) throw new BadArgsError('wait command needs 1 argument');
  const key = ctx.args[0]!;
  const c = conditionOf({
    exists: o.exists,
    deleted: o.deleted,
    value: waitFlags.changed(ctx.flags, 'value') ? o.value : undefined,
    jsonPath: waitFlags.changed(ctx.flags, 'json-path') ? o.jsonPath : undefined,
  });
  if (o.timeout < 0n) throw new BadArgsError('--timeout must not be negative');
  const format = ctx.ectlFormat();
  const config = ctx.config();
  const client = await ctx.client();
  const range = keyRange(key, undefined, { prefix: o.prefix, fromKey: false });

  const timer = new AbortController();
  const timeoutMs = millis(o.timeout);
  const timedOut = new Promise<never>((_, reject) => {
    timer.signal.addEventListener('abort', () =>
      reject(
        new CliError(
          `timed out after ${formatDuration(o.timeout)} waiting for ${waitedFor(key, o.prefix, c)}`,
        ),
      ),
    );
  });
  const clock = timeoutMs > 0 ? setTimeout(() => timer.abort(), timeoutMs) : undefined;
  const settings = watcherSettings(ctx, millis(config.dialTimeoutNs + config.commandTimeoutNs));
  let result: WaitResult;
  try {
    result = await Promise.race([
      waitUntil(client, {
        key: range.key,
        rangeEnd: range.rangeEnd,
        condition: c.condition,
        call: () => ({ deadline: ctx.commandDeadline() }),
        watch: { ...settings, signal: AbortSignal.any([ctx.signal, timer.signal]) },
      }),
      timedOut,
    ]);
  } catch (err) {
    // The watch ends with `context canceled` when the timer aborts it: the timeout is the cause.
    if (timer.signal.aborted) await timedOut;
    throw err;
  } finally {
    clearTimeout(clock);
    timer.abort();
  }
  if (format === 'human' || format === 'wide') return;
  ctx.printScript({
    doc: waitRecord(key, result),
    kvs: result.kv ? [{ key: result.kv.key, value: result.kv.value }] : [],
  });
}

/** Registers `wait`. */
export function register(program: EctlCommand): void {
  program
    .command('wait')
    .description('Waits until a key exists, is deleted or has a value')
    .usage('[options] <key> (--exists | --deleted | --value V | --json-path PATH=V)')
    .flags(waitFlags)
    .examples([
      'ectl wait config/ready --exists                  # returns once the key exists',
      'ectl wait jobs/42 --deleted --timeout 30s        # exit 1 after 30 s if it is still there',
      'ectl wait leader --value node-2                  # until the value is exactly node-2',
      'ectl wait pods/web --json-path .status.phase=Ready  # a field of a JSON value',
      'ectl wait items --json-path .items.0.name=a      # digits index arrays',
      'ectl wait workers/ --prefix --exists             # at least one key under workers/',
      'ectl wait workers/ --prefix --deleted            # no key left under workers/',
      'ectl wait config/ready --exists -o json          # print the key-value that matched',
    ])
    .handle(waitCommand);
}
