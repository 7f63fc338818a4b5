// `check perf [--load s|m|l|xl] [--prefix P] [--auto-compact] [--auto-defrag]`: etcdctl main's
// newCheckPerfCommand. Puts at the model's rate for 60 s, then deletes its keys and prints the
// verdict; SIGINT ends the load early and the clean-up and verdict still follow, as in etcdctl.
import type { CommandContext } from '../../../cli/context.js';
import type { OptionsOf } from '../../../cli/typed-flags.js';
import type { EtcdClient } from '../../../etcd/client.js';
import type { EndpointClients } from '../../../etcd/transport/per-endpoint.js';
import { millis } from '../../../etcd/client-config.js';
import { plainMessage } from '../../../etcd/errors.js';
import { perfModels, perfSizes, runRateLoad } from '../../../etcd/recipes/check-load.js';
import type { LoadStats } from '../../../etcd/recipes/load-report.js';
import { BadArgsError, InterruptedError, SilentExitError } from '../../../errors.js';
import { GoParseError, parseGoDuration } from '../../../go/parse.js';
import { cleanupFailed, perfVerdict } from '../../../output/check.js';
import { startBar } from './bar.js';
import {
  checkClients,
  compactAt,
  defragEach,
  deletePrefix,
  modelOf,
  refuseUsedPrefix,
} from './common.js';
import { perfFlags } from './flags.js';

/**
 * Shortens the load (tests): a Go duration such as `5s`. Not a flag, so that the command line
 * stays etcdctl's; ectl's `help environment` lists it.
 */
export const PERF_DURATION_ENV = 'ECTL_CHECK_PERF_DURATION';

/** The load's length: the model's 60 s, or ECTL_CHECK_PERF_DURATION. */
export function perfDurationMs(env: Readonly<Record<string, string | undefined>>, modelS: number) {
  const raw = env[PERF_DURATION_ENV];
  if (raw === undefined || raw === '') return modelS * 1000;
  try {
    const ns = parseGoDuration(raw);
    if (ns > 0n) return millis(ns);
  } catch (err) {
    if (!(err instanceof GoParseError)) throw err;
  }
  throw new BadArgsError(`invalid ${PERF_DURATION_ENV} ${JSON.stringify(raw)}: want a duration`);
}

/** Runs `check perf`. */
export async function perfCommand(ctx: CommandContext): Promise<void> {
  const opts = perfFlags.read(ctx.flags);
  const cfg = perfModels[modelOf(opts.load)];
  const durationMs = perfDurationMs(ctx.io.env, cfg.durationS);
  const config = ctx.config();
  // The clients outlive the first SIGINT, which only stops the load: the clean-up needs them. Until
  // the load starts, SIGINT cancels (nothing to clean up yet); a second SIGINT always exits.
  const life = new AbortController();
  const cancelEarly = () => life.abort();
  ctx.signal.addEventListener('abort', cancelEarly, { once: true });
  if (ctx.signal.aborted) life.abort();
  // check catches SIGINT (etcdctl's handler) only once the load runs: before, it ends by the signal.
  const interrupted = (err: unknown) =>
    ctx.signal.aborted ? new InterruptedError(String(ctx.signal.reason)) : err;
  const { client, perEndpoint } = await checkClients(ctx, {
    ...ctx.clientHooks(),
    signal: life.signal,
  }).catch((err: unknown) => {
    throw interrupted(err);
  });
  try {
    await refuseUsedPrefix(client, opts.prefix, ctx.commandDeadline(), true).catch(
      (err: unknown) => {
        throw interrupted(err);
      },
    );
    ctx.signal.removeEventListener('abort', cancelEarly);
    if (ctx.signal.aborted) throw interrupted(undefined);
    const bar = startBar(ctx.io, Math.ceil(durationMs / 1000));
    const started = ctx.io.now();
    const tick = setInterval(() => {
      bar.value = Math.min(bar.total, Math.floor((ctx.io.now() - started) / 1000));
    }, 100);
    let stats: LoadStats;
    try {
      stats = await runRateLoad(client, {
        prefix: new TextEncoder().encode(opts.prefix),
        clients: cfg.clients,
        keySize: perfSizes.key,
        valueSize: perfSizes.value,
        putTimeoutMs: millis(config.commandTimeoutNs),
        limit: cfg.limit,
        durationMs,
        signal: ctx.signal,
      });
    } finally {
      clearInterval(tick);
    }
    // etcdctl's bar counts the seconds on its own and ends full; an interrupted one stays short.
    if (!ctx.signal.aborted) bar.value = bar.total;
    bar.finish();
    await finishPerf(ctx, client, perEndpoint, opts, stats, cfg.limit);
  } finally {
    ctx.signal.removeEventListener('abort', cancelEarly);
    client.close();
  }
}

// Clean-up, then the verdict; whatever happens here is the outcome, SIGINT or not.
async function finishPerf(
  ctx: CommandContext,
  client: EtcdClient,
  perEndpoint: EndpointClients,
  opts: OptionsOf<typeof perfFlags>,
  stats: LoadStats,
  limit: number,
): Promise<void> {
  let rev: bigint | undefined;
  try {
    rev = await deletePrefix(client, opts.prefix);
  } catch (err) {
    ctx.write(cleanupFailed(plainMessage(err)));
  }
  if (rev !== undefined && opts.autoCompact) await compactAt(ctx, client, rev);
  if (opts.autoDefrag) await defragEach(ctx, client, perEndpoint);
  const verdict = perfVerdict(stats, limit);
  ctx.write(verdict.text);
  if (!verdict.ok) throw new SilentExitError();
}
