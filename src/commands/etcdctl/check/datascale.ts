// `check datascale [--load s|m|l|xl] [--prefix P] [--auto-compact] [--auto-defrag]`: etcdctl
// main's newCheckDatascaleCommand. Reads the first endpoint's resident memory, writes the model's
// key-value pairs, reads it again, deletes the keys and prints the difference. SIGINT ends it as
// it ends etcdctl (no clean-up: etcdctl has no handler here).
import type { CommandContext } from '../../../cli/context.js';
import { millis } from '../../../etcd/client-config.js';
import { datascaleModels, datascaleSizes, runCountLoad } from '../../../etcd/recipes/check-load.js';
import { SilentExitError } from '../../../errors.js';
import { datascaleStart, datascaleVerdict, memoryUnreadable } from '../../../output/check.js';
import { startBar } from './bar.js';
import {
  CLEANUP_TIMEOUT_MS,
  checkClients,
  compactAt,
  defragEach,
  deletePrefix,
  modelOf,
  refuseUsedPrefix,
} from './common.js';
import { datascaleFlags } from './flags.js';

// Deleting a million keys takes a while: 30 s, or 0.1 ms a key when that is longer.
const deleteTimeoutMs = (keys: number) => Math.max(CLEANUP_TIMEOUT_MS, keys / 10);

/** Runs `check datascale`. */
export async function datascaleCommand(ctx: CommandContext): Promise<void> {
  const opts = datascaleFlags.read(ctx.flags);
  const cfg = datascaleModels[modelOf(opts.load)];
  const config = ctx.config();
  const timeoutMs = millis(config.commandTimeoutNs);
  const { client, perEndpoint } = await checkClients(ctx, ctx.clientHooks());
  try {
    await refuseUsedPrefix(client, opts.prefix, ctx.commandDeadline(), false);
    // etcdctl's first endpoint, as given (discovered ones included).
    const endpoint = client.connection.endpoints[0]!.display;
    const tls = {
      cert: config.cert,
      key: config.key,
      insecureSkipVerify: config.insecureSkipTlsVerify,
    };
    // Loaded here: node:http and node:https are no start-up cost for other commands.
    const { residentMemoryBytes } = await import('../../../etcd/recipes/memory-metric.js');
    const memory = async (when: 'before' | 'after'): Promise<number> => {
      const reading = await residentMemoryBytes(endpoint, tls, timeoutMs);
      ctx.signal.throwIfAborted();
      if (reading.problem) ctx.write(`${reading.problem}\n`);
      if (reading.bytes !== 0) return reading.bytes;
      ctx.write(memoryUnreadable(when));
      throw new SilentExitError();
    };
    const before = await memory('before');
    ctx.write(datascaleStart(cfg.limit, cfg.kvSize, cfg.clients));
    const bar = startBar(ctx.io, cfg.limit);
    let stats;
    try {
      stats = await runCountLoad(client, {
        prefix: new TextEncoder().encode(opts.prefix),
        clients: cfg.clients,
        keySize: datascaleSizes.key,
        valueSize: datascaleSizes.value,
        putTimeoutMs: timeoutMs,
        count: cfg.limit,
        signal: ctx.signal,
        onPut: () => void bar.value++,
      });
    } finally {
      if (ctx.signal.aborted) bar.stop();
      else bar.finish();
    }
    ctx.signal.throwIfAborted();
    // As in etcdctl, a failed second reading leaves the keys behind (exit 1 at once).
    const after = await memory('after');
    const rev = await deletePrefix(client, opts.prefix, deleteTimeoutMs(cfg.limit));
    if (opts.autoCompact) await compactAt(ctx, client, rev);
    if (opts.autoDefrag) await defragEach(ctx, client, perEndpoint);
    const verdict = datascaleVerdict(stats, before, after);
    ctx.write(verdict.text);
    if (!verdict.ok) throw new SilentExitError();
  } finally {
    client.close();
  }
}
