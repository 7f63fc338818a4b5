// `lock`: etcdctl's lock_command.go — the Go client's mutex recipe (interoperable with etcdctl and
// Go programs), a session kept alive across member failures, the held key printed with the get
// printer, release at once on SIGINT/SIGTERM, and the command run under the lock with
// ETCD_LOCK_KEY/ETCD_LOCK_REV, whose exit status becomes ectl's (etcdctl 3.5+).
import { constants as osConstants } from 'node:os';
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { Mutex } from '../../etcd/concurrency/mutex.js';
import { newSession } from '../../etcd/concurrency/session.js';
import { BadArgsError, CliError } from '../../errors.js';
import { holdUntilSignal, timingOf, ttlFlag } from './concurrency-common.js';
import { defineFlags } from '../../cli/typed-flags.js';

/** lock's flags. */
const lockFlags = defineFlags({ ttl: ttlFlag(10n) });
import { runCommand, type CommandFailure } from '../../exec/exec-command.js';

async function lockCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length === 0)
    throw new BadArgsError('lock takes a lock name argument and an optional command to execute');
  const [name, ...command] = ctx.args as [string, ...string[]];
  const { ttl } = lockFlags.read(ctx.flags);
  const timing = timingOf(ctx);
  const client = await ctx.client();
  const session = await newSession(client, ttl, ctx.signal, timing);
  try {
    const mutex = new Mutex(session, name, timing);
    await mutex.lock(ctx.signal);
    if (command.length > 0) await runLocked(ctx, mutex, command);
    else {
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

/** Runs the command under the lock, releases it, and exits as the command did. */
async function runLocked(ctx: CommandContext, mutex: Mutex, command: string[]): Promise<void> {
  // etcdctl lets inherited values win (so a nested lock sees the outer key); ectl's are the lock's.
  const env = {
    ETCD_LOCK_KEY: mutex.keyText,
    ETCD_LOCK_REV: String(mutex.header?.revision ?? 0n),
  };
  let failure;
  try {
    // No signal: the command is waited for (a terminal's Ctrl-C reaches its process group).
    failure = await runCommand(command, env, ctx.io);
  } catch (err) {
    await mutex.unlock().catch(() => undefined);
    throw err;
  }
  const unlocked = mutex.unlock();
  if (failure !== undefined) {
    await unlocked.catch(() => undefined);
    throw new CliError(failure.text, exitCodeOf(failure));
  }
  await unlocked;
}

/** ectl's exit status after the command failed: the command's own, as etcdctl 3.5+. */
function exitCodeOf(failure: CommandFailure): number {
  if (failure.signal === undefined) return failure.status ?? 1;
  // etcdctl passes Go's -1 on (exit 255); ectl keeps the shell's 128 + signal number.
  return 128 + ((osConstants.signals as Record<string, number>)[failure.signal] ?? 127);
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
        'lease is lost while the lock is held, "session expired" is an error.',
    )
    .usage('[options] <lockname> [exec-command arg1 arg2 ...]')
    .flags(lockFlags)
    .examples([
      'ectl lock deploy                                  # hold until Ctrl-C',
      'ectl lock deploy -- ./deploy.sh --prod            # run under the lock',
      "ectl lock --ttl 5 jobs -- sh -c 'echo $ETCD_LOCK_KEY'",
    ])
    .catchSignals()
    .handle(lockCommand);
}
