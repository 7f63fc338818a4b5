// `elect NAME PROPOSAL -- CMD [ARGS...]`, ectl's opt-in of elect (etcdctl refuses a third
// argument): campaign, run CMD while leader, resign as soon as it ends. A standby started the same
// way waits in the campaign and takes over when the leader resigns, dies or is frozen past its TTL.
import type { CommandContext } from '../../cli/context.js';
import { millis } from '../../etcd/client-config.js';
import { Election } from '../../etcd/concurrency/election.js';
import { newSession } from '../../etcd/concurrency/session.js';
import { BadArgsError } from '../../errors.js';
import { timingOf } from './concurrency-common.js';
import { runWhileHeld } from './run-held.js';

/** True for `elect NAME PROPOSAL -- CMD...`: two words before `--` and a command after it. */
export function isRunForm(ctx: CommandContext): boolean {
  return ctx.flags.argsLenAtDash === 2 && ctx.args.length > 2;
}

/** The environment CMD gets. */
export function electEnv(name: string, key: string, rev: bigint): Record<string, string> {
  return { ETCD_ELECT_NAME: name, ETCD_ELECT_KEY: key, ETCD_ELECT_REV: String(rev) };
}

/** elect's options as this form uses them. */
export interface ElectRunOptions {
  listen: boolean;
  ttl: bigint;
  /** Nanoseconds between SIGTERM and SIGKILL. */
  grace: bigint;
}

/** Campaigns, then runs the command while leader. */
export async function electRun(ctx: CommandContext, opts: ElectRunOptions): Promise<void> {
  const [name, proposal, ...command] = ctx.args as [string, string, ...string[]];
  const { listen, ttl, grace } = opts;
  if (listen) throw new BadArgsError('a command to run is not allowed with -l');
  const client = await ctx.client();
  const timing = timingOf(ctx);
  const session = await newSession(client, ttl, ctx.signal, timing);
  const election = new Election(client, session, name, timing);
  try {
    try {
      await election.campaign(Buffer.from(proposal, 'utf8'), ctx.signal);
    } catch (err) {
      await election.resign().catch(() => undefined);
      // A standby stopped by SIGINT/SIGTERM is a normal end of service, not an error.
      if (ctx.signal.aborted) return;
      throw err;
    }
    if (ctx.signal.aborted) return election.resign();
    const rev = election.createRevision;
    await runWhileHeld(ctx, {
      session,
      key: election.key,
      createRev: rev,
      command,
      env: electEnv(name, election.keyText, rev),
      graceMs: millis(grace),
      timing,
      release: () => election.resign(),
      lostText: 'leadership lost',
      forwardSignals: true,
      reportFailure: false,
    });
  } finally {
    session.close();
  }
}
