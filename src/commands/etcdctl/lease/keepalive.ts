// `lease keep-alive [--once] <leaseID>`: etcdctl's keep-alive loop and printers, made fault
// tolerant: the stream moves to another endpoint when its member dies or loses the leader. A lease
// that really expired prints etcdctl's line and exits 0 as etcdctl does, or 1 under --strict (a
// script cannot tell etcdctl's 0 from success); a lease never reached is an error.
import type { EctlCommand } from '../../../cli/command.js';
import { boolFlag, defineFlags } from '../../../cli/typed-flags.js';
import type { CommandContext } from '../../../cli/context.js';
import { keepAlive, keepAliveOnce } from '../../../etcd/concurrency/keepalive.js';
import type { LeaseKeepAliveResponse } from '../../../etcd/proto/gen/messages.js';
import { canceled } from '../../../etcd/errors.js';
import {
  CliError,
  ExitCode,
  SilentExitError,
  hasOwnExitCode,
  withExitCode,
} from '../../../errors.js';
import { oneArg, parseLeaseArg } from '../../../input/lease-args.js';
import { hexLease } from '../../../go/format.js';
import { leasePrinters } from '../../../output/lease.js';
import { timingOf } from '../concurrency-common.js';
import { leaseScriptFormats, leaseView } from '../../../output/script/lease.js';

/** lease keep-alive's flags. */
const keepAliveFlags = defineFlags({
  once: boolFlag('Resets the keep-alive time to its original value and exits immediately'),
});

async function keepAliveCommand(ctx: CommandContext): Promise<void> {
  const arg = oneArg(ctx.args, 'lease keep-alive command needs lease ID as argument');
  const id = parseLeaseArg(arg);
  const { writeOut, hex, strict, output } = ctx.config();
  // The expiry line is etcdctl's simple output; -o's records have none (the stream just ends).
  const simple = writeOut === 'simple' && !output;
  const timing = timingOf(ctx);
  const client = await ctx.client();
  const print = (resp: LeaseKeepAliveResponse) =>
    ctx.print({ ...leasePrinters, script: leaseView }, { kind: 'keepalive', resp }, { hex });
  if (keepAliveFlags.read(ctx.flags).once) {
    const resp = await keepAliveOnce(client, id, ctx.commandDeadline(), ctx.signal).catch(
      (err: unknown) => {
        throw withExitCode(err, ExitCode.BadConnection);
      },
    );
    if (resp.TTL <= 0n)
      throw new CliError('etcdserver: requested lease not found', ExitCode.BadConnection);
    return print(resp);
  }
  const keeper = keepAlive(
    client,
    id,
    {
      // The Go client's first keep-alive deadline: the dial timeout and a second.
      firstDeadline: Date.now() + timing.dialMs + 1000,
      persist: true,
      onResponse: print,
      onOverdue: (err) =>
        ctx.io.stderr.write(
          `Warning: lease ${hexLease(id)} was not renewed within its TTL (${err.message}); still trying\n`,
        ),
      signal: ctx.signal,
    },
    timing,
  );
  const end = await keeper.done;
  switch (end.reason) {
    case 'stopped':
      throw canceled();
    case 'expired':
      // etcdctl says so in the simple format only, and exits 0 in every format.
      if (simple) ctx.write(`lease ${hexLease(id)} expired or revoked.\n`);
      if (!strict) return;
      if (!simple) throw new CliError(`lease ${hexLease(id)} expired or revoked`, ExitCode.Error);
      throw new SilentExitError(ExitCode.Error);
    case 'unreachable':
      throw withExitCode(end.error, ExitCode.BadConnection);
    case 'failed':
      // A printer's own error (e.g. table) keeps its code; the server's are connection errors.
      if (hasOwnExitCode(end.error)) throw end.error;
      throw withExitCode(end.error, ExitCode.BadConnection);
  }
}

/** Registers `lease keep-alive` under `lease`. */
export function registerKeepAlive(lease: EctlCommand): void {
  lease
    .command('keep-alive')
    .summary('Keeps leases alive (renew)')
    .description(
      'Keeps leases alive (renew).\n\n' +
        'The stream follows the cluster: when its member dies or loses the leader, ectl renews ' +
        'through another endpoint. When the lease really expires (or is revoked) it prints ' +
        '"lease <ID> expired or revoked." and exits 0, as etcdctl does; with --strict (or ' +
        'ECTL_STRICT=1) it exits 1. A lease never reached before --dial-timeout plus one second ' +
        'is an error (exit 2).',
    )
    .usage('[options] <leaseID>')
    .flags(keepAliveFlags)
    .scriptOutput(leaseScriptFormats)
    .examples([
      'ectl lease keep-alive 694d7a1b2c3d4e5f         # renews every TTL/3 until Ctrl-C',
      'ectl lease keep-alive --once 694d7a1b2c3d4e5f  # one renewal',
      'ectl lease keep-alive -w json 694d7a1b2c3d4e5f # one JSON line per renewal',
      'ectl --strict lease keep-alive 694d7a1b2c3d4e5f || echo lost # exit 1 once it is gone',
    ])
    .writes()
    .handle(keepAliveCommand);
}
