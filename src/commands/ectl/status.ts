// `ectl status [--watch DURATION]`: the cluster at a glance, members from the member list, each
// asked in parallel; ectl's own command (etcdctl spreads this over member list and endpoint
// status/health). Exit 1 when any member is unhealthy.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { defineFlags } from '../../cli/typed-flags.js';
import { BadArgsError, BadFeatureError, SilentExitError, messageOf } from '../../errors.js';
import { formatDuration } from '../../go/format.js';
import { millis } from '../../etcd/client-config.js';
import type { ClusterState } from '../../etcd/recipes/cluster-status.js';
import { sleep } from '../../etcd/transport/sleep.js';

const statusFlags = defineFlags({
  watch: {
    kind: 'duration',
    default: 0n,
    usage: 'redraw every DURATION (e.g. 2s) until interrupted; in place on a terminal',
  },
});

/**
 * A frame drawn over the previous one (`lines` tall): cursor up to its first line, each line
 * cleared to its end as it is written, what is left below cleared last. Clearing the whole screen
 * first would push every frame into the terminal's scroll-back (tmux's scroll-on-clear).
 */
function overPrevious(lines: number, frame: string): string {
  const up = lines > 0 ? `\x1b[${lines}A\r` : '';
  return `${up}${frame.replace(/\n/g, '\x1b[K\n')}\x1b[J`;
}

async function statusCommand(ctx: CommandContext): Promise<void> {
  const { watch } = statusFlags.read(ctx.flags);
  if (watch < 0n) throw new BadArgsError('--watch must not be negative');
  const format = ctx.ectlFormat();
  // Key and value lists are for key-value commands: a report has neither.
  if (format === 'key' || format === 'value')
    throw new BadFeatureError(`-o ${format} is not supported by this command`);
  const config = ctx.config();
  const [layer, { clusterStatus }, humanView, script, { colours }] = await Promise.all([
    import('../../etcd/transport/per-endpoint.js'),
    import('../../etcd/recipes/cluster-status.js'),
    import('../../output/human/status.js'),
    import('../../output/script/status.js'),
    import('../../output/human/colour.js'),
  ]);
  const { renderStatus, isHealthy } = humanView;
  const { statusView } = script;
  const clients = await layer.EndpointClients.create(config, ctx.clientHooks(), ctx.connect);
  const gather = () =>
    clusterStatus(
      clients,
      // A member that is down costs --dial-timeout (+1 s), not the whole --command-timeout.
      () => Math.min(ctx.commandDeadline(), Date.now() + millis(config.dialTimeoutNs) + 1000),
      () => ctx.io.now(),
      layer.causeOf,
    );
  const c = colours({ mode: config.color, env: ctx.io.env, isTTY: ctx.io.stdoutIsTTY });
  const human = format === 'human' || format === 'wide';
  const show = (state: ClusterState, when?: string) => {
    if (!human) return ctx.printScript(statusView(state));
    return ctx.write(renderStatus(state, { wide: format === 'wide', when }, c));
  };

  if (watch === 0n) {
    const state = await gather();
    show(state);
    if (!state.members.every(isHealthy)) throw new SilentExitError();
    return;
  }
  const every = Number(watch / 1_000_000n);
  const inPlace = human && ctx.io.stdoutIsTTY;
  let drawn = 0;
  while (!ctx.signal.aborted) {
    const when = `every ${formatDuration(watch)} · ${new Date().toTimeString().slice(0, 8)}`;
    let frame: string;
    try {
      const state = await gather();
      if (!human) {
        show(state);
        frame = '';
      } else frame = renderStatus(state, { wide: format === 'wide', when }, c);
    } catch (err) {
      if (ctx.signal.aborted) break;
      frame = human ? `${c.red('cannot reach the cluster:')} ${messageOf(err)} · ${when}\n` : '';
      if (!human) ctx.io.stderr.write(`Error: ${messageOf(err)}\n`);
    }
    if (human) {
      ctx.write(inPlace ? overPrevious(drawn, frame) : (drawn > 0 ? '\n' : '') + frame);
      drawn = frame.split('\n').length - 1;
    }
    await sleep(every, ctx.signal);
  }
}

/** Registers `status`. */
export function register(program: EctlCommand): void {
  program
    .command('status')
    .summary('Shows the cluster at a glance: every member, its leader, size, raft state and health')
    .description(
      'Shows every member (from the member list), asked in parallel: NAME (★ the leader), ' +
        'ENDPOINT, ID, VERSION, DB SIZE, QUOTA (% of the quota, 3.6+), raft TERM and INDEX, LAG ' +
        '(committed but not yet applied), ALARMS, HEALTH and LATENCY (a linearizable read). A ' +
        'member that does not answer is a row that says why; fields a server does not report show ' +
        'as -. -o wide shows every field, -o json|yaml|ndjson (or -w json) the same for scripts. ' +
        '--watch redraws until interrupted. Exit 1 when any member is unhealthy.',
    )
    .flags(statusFlags)
    .examples([
      'ectl status',
      'ectl status -o wide                   # every field: storage version, in use, quota, peer URLs',
      'ectl status --watch 2s                # redraw in place every 2 seconds; Ctrl-C ends',
      'ectl status -o json | jq \'.members[] | select(.health != "healthy")\'',
    ])
    .handle(statusCommand);
}
