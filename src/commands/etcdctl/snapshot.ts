// `snapshot save <filename>`: etcdctl main's snapshot_command.go (one endpoint, `<file>.part`, exit 5
// on any failure, a deadline only when --command-timeout is given) with the download itself in
// src/etcd/recipes/snapshot.ts. `snapshot status|restore` moved to etcdutl in etcd 3.5/3.6: main
// shows the snapshot help (exit 0), ectl also says where they went.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { millis } from '../../etcd/client-config.js';
import { ClientError } from '../../etcd/errors.js';
import type { SnapshotProgress } from '../../etcd/recipes/snapshot.js';
import { BadArgsError, CliError, ExitCode, HelpRequested, withExitCode } from '../../errors.js';
import { goPrintlnStrings } from '../../go/format.js';
import { parseGoDuration } from '../../go/parse.js';
import type { Io } from '../../io.js';
import { snapshotDoneLine, snapshotProgressLine, snapshotSaved } from '../../output/snapshot.js';

/** What etcdutl took over, with the command line that replaces each. */
const movedToEtcdutl: Readonly<Record<string, string>> = {
  status: 'etcdutl snapshot status <filename>',
  restore: 'etcdutl snapshot restore <filename> --data-dir <dir>',
};

/** `snapshot` alone or with an unknown word: its help (exit 0), and where etcdutl's words went. */
async function snapshotParent(ctx: CommandContext): Promise<void> {
  const word = ctx.args[0];
  const instead = word === undefined ? undefined : movedToEtcdutl[word];
  if (instead) {
    ctx.io.stderr.write(
      `Error: "snapshot ${word}" moved from etcdctl to etcdutl: use "${instead}"\n`,
    );
  }
  throw new HelpRequested(ctx.command.helpText());
}

/** Whether --command-timeout was given (flag or ETCDCTL_COMMAND_TIMEOUT): only then is there a deadline. */
function commandTimeoutGiven(ctx: CommandContext): boolean {
  if (ctx.flags.changed('command-timeout')) return true;
  const raw = ctx.io.env.ETCDCTL_COMMAND_TIMEOUT;
  if (!raw) return false;
  try {
    parseGoDuration(raw);
    return true;
  } catch {
    return false;
  }
}

async function snapshotSaveCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length !== 1)
    throw new BadArgsError('snapshot save expects one argument <filename>');
  const path = ctx.args[0]!;
  const config = ctx.config();
  // Loaded only now (file and TLS modules): start-up of every other command stays as it was.
  const [{ saveSnapshot }, { loadTls }] = await Promise.all([
    import('../../etcd/recipes/snapshot.js'),
    import('../../etcd/transport/tls.js'),
  ]);
  // etcdctl checks the TLS files while building its configuration, before anything else.
  loadTls(config);
  const one = (eps: readonly string[]) => {
    if (eps.length !== 1)
      throw new CliError(
        `snapshot must be requested to one selected node, not multiple ${goPrintlnStrings(eps)}`,
        ExitCode.Interrupted,
      );
  };
  if (!config.discoverySrv) one(config.endpoints);
  const deadline = commandTimeoutGiven(ctx) ? ctx.commandDeadline() : undefined;
  const started = ctx.io.now();
  const progress = ctx.io.stderrIsTTY ? new ProgressLine(ctx.io, started) : undefined;
  try {
    const client = await ctx.client();
    if (config.discoverySrv) one(client.connection.endpoints.map((e) => e.display));
    const saved = await saveSnapshot(client, path, {
      signal: ctx.signal,
      connectBy: deadline ?? Date.now() + millis(config.dialTimeoutNs),
      deadline,
      onProgress: progress && ((p) => progress.update(p)),
      debug: config.debug ? (line) => ctx.io.stderr.write(`[ectl] ${line}\n`) : undefined,
    });
    progress?.done(saved.size);
    ctx.write(snapshotSaved(path, saved.version));
  } catch (err) {
    progress?.clear();
    // Interrupted: the CLI reports the signal, not a failed save.
    if (ctx.signal.aborted) throw err;
    // Unreadable TLS files are argument errors (128); every other failure of a save is exit 5.
    if (err instanceof ClientError && err.kind === 'tls-files') throw err;
    if (err instanceof CliError) throw err;
    throw withExitCode(err, ExitCode.Interrupted);
  }
}

/** The progress line on a terminal's stderr, redrawn at most every 100 ms. */
class ProgressLine {
  private last = 0;

  constructor(
    private readonly io: Io,
    private readonly started: number,
  ) {}

  update(p: SnapshotProgress): void {
    const now = this.io.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.io.stderr.write(
      `\r${snapshotProgressLine(p.received, p.total, now - this.started)}\x1b[K`,
    );
  }

  done(size: number): void {
    this.io.stderr.write(`\r${snapshotDoneLine(size, this.io.now() - this.started)}\x1b[K\n`);
  }

  clear(): void {
    if (this.last > 0) this.io.stderr.write('\r\x1b[K');
  }
}

/** Registers `snapshot` and `snapshot save`. */
export function register(program: EctlCommand): void {
  const snapshot = program
    .command('snapshot')
    .description('Manages etcd node snapshots')
    .usage('<subcommand>')
    .addHelpCommand(false)
    .examples([
      'ectl snapshot save /backup/etcd-snapshot.db',
      'ectl --endpoints 10.0.0.1:2379 snapshot save snap.db   # from one chosen member',
      'ectl --command-timeout 10m snapshot save snap.db       # give up after ten minutes',
      'etcdutl snapshot status snap.db                        # status and restore: etcdutl',
    ])
    .handle(snapshotParent);
  snapshot
    .command('save')
    .description('Stores an etcd node backend snapshot to a given file')
    .usage('<filename>')
    .examples([
      'ectl snapshot save /backup/etcd-snapshot.db',
      'ectl --endpoints https://10.0.0.1:2379 --cacert ca.pem snapshot save snap.db',
      'ectl snapshot save /mnt/backup/etcd/backup_$(date +%Y%m%d_%H%M%S).db',
    ])
    .handle(snapshotSaveCommand);
}
