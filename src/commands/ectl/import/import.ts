// `ectl import FILE`: writes a dump of `ectl export` (NDJSON, or its JSON/YAML document) into the
// cluster. Every record is checked before anything is written; then batches of --max-txn-ops puts
// within the request-size limit, one Txn each, whose compares keep existing keys as --on-conflict
// says (see src/etcd/recipes/import-txn.ts). Interrupted, it says how far it got: running it again
// with --on-conflict skip completes it.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { defineFlags, stringFlag, type OptionsOf } from '../../../cli/typed-flags.js';
import type { EtcdClient } from '../../../etcd/client.js';
import { BadArgsError, InterruptedError } from '../../../errors.js';
import {
  parsePrefixRewrite,
  type ImportRecord,
  type PrefixRewrite,
  rewriteKey,
} from '../../../input/dump-records.js';
import { type ConflictMode, Batcher } from '../../../etcd/recipes/import-txn.js';
import { ImportRun } from './run.js';

/** import's flags. */
export const importFlags = defineFlags({
  'prefix-rewrite': stringFlag('Rewrite each key starting with OLD to start with NEW (OLD=NEW)'),
  'on-conflict': stringFlag(
    'What to do with a key that exists: fail (write nothing, exit 7), skip (keep it), overwrite',
    'fail',
  ),
  'dry-run': {
    kind: 'bool',
    default: false,
    usage: 'Print what would be added, overwritten or in conflict; write nothing',
  },
  'max-txn-ops': {
    kind: 'uint',
    default: 128n,
    usage:
      "Maximum puts per transaction, as the server's --max-txn-ops allows; each txn also stays under --max-request-bytes (else etcd's default 1.5 MiB)",
  },
  leases: stringFlag(
    'recreate: grant one new lease per lease of the dump, with its TTL left; drop: no leases',
    'recreate',
  ),
});

/** What an import does, from its argument and flags. */
export interface ImportPlan {
  file: string;
  mode: ConflictMode;
  dryRun: boolean;
  maxTxnOps: number;
  leases: 'recreate' | 'drop';
  rewrite: PrefixRewrite | undefined;
}

// etcd's own default --max-request-bytes (1.5 MiB), less room for the txn's framing.
const serverRequestLimit = 1.5 * 1024 * 1024;
const framing = 8 * 1024;

/** Checks the argument and flags. */
export function importPlan(args: readonly string[], o: OptionsOf<typeof importFlags>): ImportPlan {
  if (args.length !== 1)
    throw new BadArgsError('import needs one argument: the dump file, or - for stdin');
  if (!['fail', 'skip', 'overwrite'].includes(o.onConflict))
    throw new BadArgsError(`--on-conflict must be fail, skip or overwrite, got "${o.onConflict}"`);
  if (o.leases !== 'recreate' && o.leases !== 'drop')
    throw new BadArgsError(`--leases must be recreate or drop, got "${o.leases}"`);
  if (o.maxTxnOps < 1n) throw new BadArgsError('--max-txn-ops must be at least 1');
  return {
    file: args[0]!,
    mode: o.onConflict as ConflictMode,
    dryRun: o.dryRun,
    maxTxnOps: Number(o.maxTxnOps),
    leases: o.leases,
    rewrite: parsePrefixRewrite(o.prefixRewrite),
  };
}

/** The largest txn import sends: --max-request-bytes when given, else etcd's default limit. */
export function requestBudget(maxRequestBytes: bigint): number {
  const limit = maxRequestBytes > 0n ? Number(maxRequestBytes) : serverRequestLimit;
  return Math.max(1, limit - framing);
}

/** The dump's records in batches, keys rewritten; stops (InterruptedError) when signalled. */
export async function* batches(
  records: AsyncIterable<ImportRecord>,
  plan: ImportPlan,
  maxBytes: number,
  signal: AbortSignal,
): AsyncGenerator<ImportRecord[]> {
  const batcher = new Batcher<ImportRecord>(plan.maxTxnOps, maxBytes);
  for await (const rec of records) {
    if (signal.aborted) throw new InterruptedError(String(signal.reason));
    const full = batcher.add(rewriteKey(rec, plan.rewrite));
    if (full) yield full;
  }
  const last = batcher.take();
  if (last.length > 0) yield last;
}

async function importCommand(ctx: CommandContext): Promise<void> {
  const plan = importPlan(ctx.args, importFlags.read(ctx.flags));
  const maxBytes = requestBudget(ctx.config().maxRequestBytes);
  // source.ts brings readline, crypto and fs/promises: loaded when an import runs, not at start-up.
  const { detectFormat, openSource, readRecords } = await import('./source.js');
  const source = await openSource(plan.file, ctx.io, ctx.signal);
  try {
    const format = await detectFormat(source.path);
    const pass = () => batches(readRecords(source.path, format), plan, maxBytes, ctx.signal);
    // Every record is read and checked once before the first write: a malformed one is an error
    // with its line number and nothing written.
    let total = 0;
    for await (const batch of pass()) total += batch.length;
    const client: EtcdClient = await ctx.client();
    const run = new ImportRun(ctx, client, plan, total);
    if (plan.dryRun) return await run.dryRun(pass());
    // `fail` looks for every conflict first, so that it writes all or (on conflicts) nothing.
    if (plan.mode === 'fail' && !(await run.precheck(pass()))) return;
    await run.write(pass());
  } finally {
    await source.release();
  }
}

/** Registers `import`. */
export function register(program: EctlCommand): void {
  program
    .command('import')
    .description('Writes a dump of `ectl export` into the cluster (FILE, or - for stdin)')
    .usage('[options] <file|->')
    .flags(importFlags)
    .writes()
    .catchSignals()
    .examples([
      'ectl import app.ndjson                           # fails (exit 7, nothing written) if a key exists',
      'ectl import --dry-run app.ndjson                 # what would be added / overwritten / in conflict',
      'ectl import --on-conflict skip app.ndjson        # keep existing keys; also resumes an interrupted import',
      'ectl import --prefix-rewrite app/=copy/ app.ndjson',
      'ectl --endpoints A:2379 export app/ | ectl --endpoints B:2379 import -',
      'ectl import --leases drop --max-txn-ops 64 dump.json',
    ])
    .handle(importCommand);
}
