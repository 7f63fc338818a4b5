// `defrag [--cluster]`: etcdctl's defrag_command.go (main) — one member at a time (defragmenting
// blocks the member), each through its own client and with its own --command-timeout, a line per
// member with the time it took; exit 1 after the others if any failed. `--data-dir` (offline
// defragmentation) left etcdctl for etcdutl: ectl says so instead of a bare "unknown flag".
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';
import type { EtcdClient } from '../../etcd/client.js';
import { ExitCode, SilentExitError, hasOwnExitCode, withExitCode } from '../../errors.js';
import { formatDuration } from '../../go/format.js';
import { endpointLayer } from './endpoint/query.js';

/** defrag's flags. */
export const defragFlags = defineFlags({
  cluster: boolFlag('use all endpoints from the cluster member list'),
});

/** What `defrag --data-dir` says after etcdctl's `unknown flag: --data-dir`. */
export const dataDirMoved =
  'defragmenting a data directory moved from etcdctl to etcdutl (etcd v3.5+): ' +
  'stop the member, then run `etcdutl defrag --data-dir <dir>`';

/** The line printed for one member, on stdout when it worked, on stderr with its error if not. */
export function defragLine(ep: string, tookNs: bigint, error?: string): string {
  const took = formatDuration(tookNs);
  return error === undefined
    ? `Finished defragmenting etcd member[${ep}]. took ${took}\n`
    : `Failed to defragment etcd member[${ep}]. took ${took}. (${error})\n`;
}

async function defragCommand(ctx: CommandContext): Promise<void> {
  const { cluster } = defragFlags.read(ctx.flags);
  const { clients, targets, plainMessage } = await endpointLayer(ctx, cluster);
  let failures = 0;
  for (const ep of targets) {
    ctx.signal.throwIfAborted();
    let client: EtcdClient;
    try {
      client = await clients.one(ep);
    } catch (err) {
      // etcdctl's mustClient: a client that cannot be made ends the command (exit 2).
      throw hasOwnExitCode(err) ? err : withExitCode(err, ExitCode.BadConnection);
    }
    const start = ctx.io.now();
    try {
      await client.unary('Maintenance.Defragment', {}, { deadline: ctx.commandDeadline() });
      ctx.write(defragLine(ep, tookSince(ctx, start)));
    } catch (err) {
      ctx.signal.throwIfAborted();
      failures++;
      ctx.io.stderr.write(defragLine(ep, tookSince(ctx, start), plainMessage(err)));
    } finally {
      client.close();
    }
  }
  if (failures > 0) throw new SilentExitError();
}

function tookSince(ctx: CommandContext, start: number): bigint {
  return BigInt(Math.round((ctx.io.now() - start) * 1e6));
}

/** Registers `defrag`. */
export function register(program: EctlCommand): void {
  program
    .command('defrag')
    .description('Defragments the storage of the etcd members with given endpoints')
    .flags(defragFlags)
    .removedFlag('data-dir', dataDirMoved)
    .examples([
      'ectl defrag                        # each of --endpoints, one after the other',
      'ectl defrag --cluster              # every member of the cluster',
      'etcdutl defrag --data-dir <dir>    # a stopped member’s data directory (not etcdctl’s job since v3.5)',
    ])
    .writes({ confirm: 'before' })
    .handle(defragCommand);
}
