// The passes of one `ectl import` over its checked records: the dry run, `fail`'s search for
// conflicts, and the writing itself, with the counts, the lease mapping, the progress line and the
// report of how far an interrupted or failed import got.
import type { CommandContext } from '../../../cli/context.js';
import type { EtcdClient } from '../../../etcd/client.js';
import {
  type BatchOutcome,
  existing,
  type ImportPut,
  writeBatch,
} from '../../../etcd/recipes/import-txn.js';
import { CliError, ExitCode, InterruptedError } from '../../../errors.js';
import type { ImportRecord } from '../../../input/dump-records.js';
import { dryRunLine, importSummary, keyText } from '../../../output/import.js';
import { Progress } from '../progress.js';
import type { ImportPlan } from './import.js';
import { Window } from './window.js';

// Txns in flight at once while writing: etcd then commits several in one fsync.
const inFlight = 4;

type Batches = AsyncIterable<ImportRecord[]>;

/** One import's state across its passes. */
export class ImportRun {
  private imported = 0;
  private skipped = 0;
  private conflicts = 0;
  /** Source lease -> the lease granted for it here. */
  private readonly leases = new Map<bigint, bigint>();
  /** The granted leases some written key holds. */
  private readonly used = new Set<bigint>();

  constructor(
    private readonly ctx: CommandContext,
    private readonly client: EtcdClient,
    private readonly plan: ImportPlan,
    private readonly total: number,
  ) {}

  private call() {
    return { deadline: this.ctx.commandDeadline() };
  }

  private err(text: string): void {
    this.ctx.io.stderr.write(text);
  }

  /** Looks up which keys of each batch exist, a few reads in flight, batches in order. */
  private async lookUp(
    batches: Batches,
    each: (batch: readonly ImportRecord[], exists: readonly boolean[]) => void,
  ): Promise<void> {
    let failure: unknown;
    const window = new Window<boolean[], readonly ImportRecord[]>(inFlight, (r, batch) => {
      if (r.ok) each(batch, r.value);
      else failure ??= r.error;
    });
    try {
      for await (const batch of batches) {
        if (failure !== undefined) break;
        const keys = batch.map((r) => r.key);
        await window.add(() => existing(this.client, keys, this.call()), batch, new Set());
      }
    } catch (err) {
      failure ??= err;
    }
    await window.drain();
    if (failure !== undefined) throw failure;
  }

  /** Prints what each key would do and the counts; exit 7 when `fail` would stop on conflicts. */
  async dryRun(batches: Batches): Promise<void> {
    const mode = this.plan.mode;
    const existingAction = mode === 'fail' ? 'conflict' : mode;
    await this.lookUp(batches, (batch, exists) =>
      batch.forEach((r, i) => {
        const action = exists[i] ? existingAction : 'add';
        if (action === 'add' || action === 'overwrite') this.imported++;
        else if (action === 'skip') this.skipped++;
        else this.conflicts++;
        this.ctx.write(dryRunLine(action, r.key));
      }),
    );
    this.err(
      importSummary(this.imported, this.skipped, this.conflicts, ' (dry run: nothing written)'),
    );
    if (this.conflicts > 0) throw this.conflictError('nothing would be written');
  }

  /** Lists every key that exists already; false (after the report, exit 7) when there are any. */
  async precheck(batches: Batches): Promise<boolean> {
    const progress = new Progress(this.ctx.io, 'checked');
    try {
      await this.lookUp(batches, (batch, exists) => {
        batch.forEach((r, i) => {
          if (!exists[i]) return;
          this.conflicts++;
          this.err(`conflict: ${keyText(r.key)}\n`);
        });
        progress.add(batch.length, 0);
      });
    } catch (err) {
      progress.clear();
      throw this.stopped(err, 'before writing anything', false);
    }
    progress.clear();
    if (this.conflicts === 0) return true;
    this.err(importSummary(0, 0, this.conflicts));
    throw this.conflictError('nothing written');
  }

  /**
   * Writes every batch, a few txns in flight (see window.ts); stops sending at the first conflict
   * (`fail`), error or signal, lets the txns in flight finish, then says where it stopped.
   */
  async write(batches: Batches): Promise<void> {
    const progress = new Progress(this.ctx.io, 'imported');
    let failure: { error: unknown; at: string } | undefined;
    const window = new Window<BatchOutcome, readonly ImportRecord[]>(inFlight, (r, batch) => {
      const at = batch[0]!.where;
      if (!r.ok) {
        failure ??= { error: r.error, at };
        return;
      }
      this.imported += r.value.written;
      this.skipped += r.value.skipped.length;
      this.markUsed(batch, r.value);
      this.conflicts += r.value.conflicts.length;
      for (const key of r.value.conflicts) this.err(`conflict: ${keyText(key)}\n`);
      if (r.value.conflicts.length > 0) failure ??= { error: undefined, at };
      progress.add(
        batch.length,
        batch.reduce((n, rec) => n + rec.key.length + rec.value.length, 0),
      );
    });
    let at = '';
    try {
      for await (const batch of batches) {
        if (failure) break;
        at = batch[0]!.where;
        const puts = await this.puts(batch);
        const keys = new Set(batch.map((r) => r.key.toString('latin1')));
        const send = () => writeBatch(this.client, puts, this.plan.mode, this.call());
        await window.add(send, batch, keys);
      }
    } catch (err) {
      failure ??= { error: err, at };
    }
    await window.drain();
    progress.clear();
    this.err(importSummary(this.imported, this.skipped, this.conflicts));
    if (!failure) return this.revokeUnused();
    if (failure.error === undefined) throw this.conflictError(`stopped at ${failure.at}`);
    throw this.stopped(failure.error, `at ${failure.at} (${this.total} records in all)`, true);
  }

  /** Notes the leases granted here that a written key holds. */
  private markUsed(batch: readonly ImportRecord[], out: BatchOutcome): void {
    if (out.written === 0) return;
    const skipped = new Set(out.skipped);
    for (const r of batch) {
      const lease = this.leases.get(r.lease);
      if (lease !== undefined && !skipped.has(r.key)) this.used.add(lease);
    }
  }

  /**
   * Revokes the leases granted for keys that were all skipped, which would otherwise linger until
   * their TTL. Only after a complete import: a txn that failed may still have been applied.
   */
  private async revokeUnused(): Promise<void> {
    for (const lease of this.leases.values()) {
      if (this.used.has(lease)) continue;
      await this.client
        .unary('Lease.LeaseRevoke', { ID: lease }, this.call())
        .catch(() => undefined);
    }
  }

  /** The batch as puts, each with the lease granted here for its source lease. */
  private async puts(batch: readonly ImportRecord[]): Promise<ImportPut[]> {
    const out: ImportPut[] = [];
    for (const r of batch) {
      let lease = 0n;
      if (r.lease !== 0n && this.plan.leases === 'recreate') {
        lease = this.leases.get(r.lease) ?? 0n;
        if (lease === 0n) {
          // A lease that had run out when exported gets the shortest TTL: its keys go, as they did.
          const ttl = r.leaseTtl > 0n ? r.leaseTtl : 1n;
          const granted = await this.client.unary('Lease.LeaseGrant', { TTL: ttl }, this.call());
          lease = granted.ID;
          this.leases.set(r.lease, lease);
        }
      }
      out.push({ key: r.key, value: r.value, lease });
    }
    return out;
  }

  private conflictError(what: string): CliError {
    const n = this.conflicts;
    return new CliError(
      `${n} key${n === 1 ? '' : 's'} exist${n === 1 ? 's' : ''} already (--on-conflict fail): ${what}`,
      ExitCode.PreconditionFailed,
    );
  }

  /** Says where the import stopped; the error itself (or the signal) follows. */
  private stopped(err: unknown, where: string, resumable: boolean): unknown {
    const hint = resumable ? ': run the same import with --on-conflict skip to complete it' : '';
    if (!this.ctx.signal.aborted && !(err instanceof InterruptedError)) {
      this.err(`stopped ${where}${hint}\n`);
      return err;
    }
    this.err(`interrupted ${where}${hint}\n`);
    return err instanceof InterruptedError
      ? err
      : new InterruptedError(String(this.ctx.signal.reason));
  }
}
