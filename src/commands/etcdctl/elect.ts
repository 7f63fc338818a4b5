// `elect`: etcdctl's elect_command.go — campaign with a proposal and hold the leadership until a
// signal (then resign at once), or observe (-l) and print every leader, with the Go client's key
// layout so ectl, etcdctl and Go programs take part in the same elections. `--ttl` is ectl's own:
// etcdctl's session is always 60 s, so its killed leader stays leader for up to a minute.
// `elect NAME PROPOSAL -- CMD...` is ectl's too (etcdctl refuses three arguments): see elect-run.ts.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { Election } from '../../etcd/concurrency/election.js';
import { defaultSessionTtl, newSession } from '../../etcd/concurrency/session.js';
import { BadArgsError } from '../../errors.js';
import { getPrinters } from '../../output/get.js';
import { holdUntilSignal, timingOf, ttlFlag } from './concurrency-common.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';
import { electRun, isRunForm } from './elect-run.js';
import { graceFlag } from './run-held.js';

/** elect's flags. */
const electFlags = defineFlags({
  listen: { ...boolFlag('observation mode'), short: 'l' },
  ttl: ttlFlag(defaultSessionTtl, 'timeout for session (ectl only; etcdctl always uses 60)'),
  grace: graceFlag(),
});

async function electCommand(ctx: CommandContext): Promise<void> {
  if (isRunForm(ctx)) return electRun(ctx, electFlags.read(ctx.flags));
  const n = ctx.args.length;
  if (n !== 1 && n !== 2)
    throw new BadArgsError(
      'elect takes one election name argument and an optional proposal argument',
    );
  const { listen, ttl } = electFlags.read(ctx.flags);
  // As etcdctl: the client is made before the -l checks, so its errors win over theirs.
  const client = await ctx.client();
  if (n === 1 && !listen) throw new BadArgsError('no proposal argument but -l not set');
  if (n === 2 && listen) throw new BadArgsError('proposal given but -l is set');
  const { hex } = ctx.config();
  const timing = timingOf(ctx);
  const name = ctx.args[0]!;

  if (listen) {
    // etcdctl also grants a session lease it never uses here; ectl does without.
    const election = new Election(client, undefined, name, timing);
    try {
      await election.observe(ctx.signal, (leader) => {
        ctx.print(getPrinters, leader, { hex });
      });
    } catch (err) {
      if (ctx.signal.aborted) return;
      throw err;
    }
    return;
  }

  const session = await newSession(client, ttl, ctx.signal, timing);
  const election = new Election(client, session, name, timing);
  try {
    try {
      await election.campaign(Buffer.from(ctx.args[1]!, 'utf8'), ctx.signal);
    } catch (err) {
      // campaign resigns as it fails; one more try in case that failed (a no-op when it did not).
      await election.resign().catch(() => undefined);
      throw err;
    }
    const held = { key: election.key, release: () => election.resign() };
    await holdUntilSignal(ctx, session, held, timing, { lost: 'elect: session expired' });
  } finally {
    session.close();
  }
}

/** Registers `elect`. */
export function register(program: EctlCommand): void {
  program
    .command('elect')
    .summary('Observes and participates in leader election')
    .description(
      'Observes and participates in leader election.\n\n' +
        'With a proposal, campaigns: once elected prints the leader key and value, holds the ' +
        'leadership until SIGINT or SIGTERM, then resigns at once (exit 0). With -l, prints the ' +
        'current leader and every later one until interrupted. A leader that dies without ' +
        "resigning is replaced when its session's lease expires: after --ttl seconds.\n\n" +
        'With -- CMD [ARGS...] after the proposal (ectl only), runs CMD while elected, with ' +
        'ETCD_ELECT_NAME, ETCD_ELECT_KEY and ETCD_ELECT_REV (the create revision of the leader ' +
        'key, a fencing token) in its environment. When CMD exits, resigns at once and exits with ' +
        "its status (128+n when killed by signal n). When the leadership is lost (the session's " +
        'lease expired, the key deleted, or renewals not confirmed in time), CMD gets SIGTERM, ' +
        'SIGKILL after --grace, and ectl exits 1 with "leadership lost". SIGINT and SIGTERM are ' +
        'passed on to CMD; then ectl resigns. A standby started the same way waits and takes ' +
        'over. CMD is also terminated if ectl itself dies or is frozen.',
    )
    .usage('[options] <election-name> [proposal] [-- command [args...]]')
    .flags(electFlags)
    .examples([
      'ectl elect web "$(hostname)"          # campaign and hold the leadership',
      'ectl elect --ttl 5 web "$(hostname)"  # a killed leader is replaced within 5 s',
      'ectl elect -l web                     # print each new leader',
      'ectl elect --ttl 5 cron "$(hostname)" -- ./run-jobs.sh   # run only while leader',
    ])
    .catchSignals()
    .writes({ when: (_args, flags) => !electFlags.read(flags).listen })
    .handle(electCommand);
}
