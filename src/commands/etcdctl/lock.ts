// `lock`: etcdctl's lock_command.go — the Go client's mutex recipe (interoperable with etcdctl and
// Go programs), a session kept alive across member failures, the held key printed with the get
// printer, release at once on SIGINT/SIGTERM, and the command run under the lock with
// ETCD_LOCK_KEY/ETCD_LOCK_REV, whose exit status becomes ectl's (etcdctl 3.5+). ectl's opt-ins:
// --timeout and --try give up waiting, and the command is terminated when the lock is lost.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { millis } from '../../etcd/client-config.js';
import { Mutex } from '../../etcd/concurrency/mutex.js';
import { newSession } from '../../etcd/concurrency/session.js';
import { anySignal } from '../../etcd/transport/sleep.js';
import { BadArgsError, CliError } from '../../errors.js';
import { goQuoteString } from '../../go/format.js';
import { holdUntilSignal, timingOf, ttlFlag } from './concurrency-common.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';
import { graceFlag, runWhileHeld } from './run-held.js';

/** lock's flags. */
const lockFlags = defineFlags({
  ttl: ttlFlag(10n),
  timeout: {
    kind: 'duration',
    default: 0n,
    usage: 'give up waiting for the lock after this long, exit 1 (ectl only; 0: wait forever)',
  },
  try: boolFlag('fail at once, naming the holder, when the lock is held (ectl only)'),
  grace: graceFlag(),
});

async function lockCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length === 0)
    throw new BadArgsError('lock takes a lock name argument and an optional command to execute');
  const [name, ...command] = ctx.args as [string, ...string[]];
  const opts = lockFlags.read(ctx.flags);
  const timing = timingOf(ctx);
  const client = await ctx.client();
  const session = await newSession(client, opts.ttl, ctx.signal, timing);
  try {
    const mutex = new Mutex(session, name, timing);
    if (opts.try) {
      const holder = await mutex.tryLock(ctx.signal);
      if (holder !== undefined)
        throw new CliError(
          `lock ${goQuoteString(name)} is held by ${goQuoteString(Buffer.from(holder).toString())}`,
        );
    } else await waitForLock(ctx, mutex, name, opts.timeout);
    if (command.length > 0) {
      await runWhileHeld(ctx, {
        session,
        key: mutex.key,
        createRev: mutex.rev,
        command,
        // etcdctl lets inherited values win (a nested lock sees the outer key); ectl's are the lock's.
        env: {
          ETCD_LOCK_KEY: mutex.keyText,
          ETCD_LOCK_REV: String(mutex.header?.revision ?? 0n),
        },
        graceMs: millis(opts.grace),
        timing,
        release: () => mutex.unlock(),
        lostText: 'lock lost',
        // As etcdctl: the command is waited for (a terminal's Ctrl-C reaches its process group).
        forwardSignals: false,
        reportFailure: true,
      });
    } else {
      const held = { key: mutex.key, release: () => mutex.unlock() };
      await holdUntilSignal(ctx, session, held, timing, {
        lost: 'session expired',
        missing: 'lock lost on init',
      });
    }
  } finally {
    session.close();
  }
}

/** Waits for the lock, for at most `timeoutNs` when it is positive (then the waiter key goes). */
async function waitForLock(
  ctx: CommandContext,
  mutex: Mutex,
  name: string,
  timeoutNs: bigint,
): Promise<void> {
  if (timeoutNs <= 0n) return mutex.lock(ctx.signal);
  const timeout = AbortSignal.timeout(millis(timeoutNs));
  try {
    await mutex.lock(anySignal(ctx.signal, timeout));
  } catch (err) {
    if (timeout.aborted && !ctx.signal.aborted)
      throw new CliError(`timed out waiting for lock ${goQuoteString(name)}`);
    throw err;
  }
}

/** Registers `lock`. */
export function register(program: EctlCommand): void {
  program
    .command('lock')
    .summary('Acquires a named lock')
    .description(
      'Acquires a named lock.\n\n' +
        'Waits for the lock, then either prints its key and holds it until SIGINT or SIGTERM ' +
        '(then releases it at once and exits 0), or runs the command with ETCD_LOCK_KEY and ' +
        "ETCD_LOCK_REV set, releases the lock when it ends and exits with its status. Put '--' " +
        'before a command that has flags of its own. Keys and order are those of etcdctl and ' +
        "the Go client: ectl, etcdctl and Go programs exclude each other. If the session's " +
        'lease is lost while the lock is held, "session expired" is an error.\n\n' +
        'ectl only: --timeout gives up waiting (exit 1, its waiter key removed); --try fails at ' +
        "once when another holds the lock, naming the holder's key. A command is terminated " +
        '(SIGTERM, SIGKILL after --grace) when the lock is lost while it runs (the lease expired, ' +
        'the key deleted, renewals not confirmed in time, or ectl killed), and ectl exits 1 with ' +
        '"lock lost".',
    )
    .usage('[options] <lockname> [exec-command arg1 arg2 ...]')
    .flags(lockFlags)
    .examples([
      'ectl lock deploy                                  # hold until Ctrl-C',
      'ectl lock deploy -- ./deploy.sh --prod            # run under the lock',
      "ectl lock --ttl 5 jobs -- sh -c 'echo $ETCD_LOCK_KEY'",
      'ectl lock --timeout 30s deploy -- ./deploy.sh     # give up after 30 s',
      'ectl lock --try backup -- ./backup.sh             # skip if another runs it',
    ])
    .catchSignals()
    .writes()
    .handle(lockCommand);
}
