// `elect`: etcdctl's elect_command.go — campaign with a proposal and hold the leadership until a
// signal (then resign at once), or observe (-l) and print every leader, with the Go client's key
// layout so ectl, etcdctl and Go programs take part in the same elections. `--ttl` is ectl's own:
// etcdctl's session is always 60 s, so its killed leader stays leader for up to a minute.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { Election } from '../../etcd/concurrency/election.js';
import { defaultSessionTtl, newSession } from '../../etcd/concurrency/session.js';
import { BadArgsError } from '../../errors.js';
import { getPrinters } from '../../output/get.js';
import { holdUntilSignal, timingOf, ttlFlag } from './concurrency-common.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';

/** elect's flags. */
const electFlags = defineFlags({
  listen: { ...boolFlag('observation mode'), short: 'l' },
  ttl: ttlFlag(defaultSessionTtl, 'timeout for session (ectl only; etcdctl always uses 60)'),
});

async function electCommand(ctx: CommandContext): Promise<void> {
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
        "resigning is replaced when its session's lease expires: after --ttl seconds.",
    )
    .usage('[options] <election-name> [proposal]')
    .flags(electFlags)
    .examples([
      'ectl elect web "$(hostname)"          # campaign and hold the leadership',
      'ectl elect --ttl 5 web "$(hostname)"  # a killed leader is replaced within 5 s',
      'ectl elect -l web                     # print each new leader',
    ])
    .catchSignals()
    .handle(electCommand);
}
