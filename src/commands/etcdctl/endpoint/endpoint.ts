// `endpoint health | status | hashkv [--cluster]`: etcdctl's ep_command.go (main), each endpoint
// queried through its own client, in parallel, every call with its own --command-timeout.
import type { EctlCommand } from '../../../cli/command.js';
import { boolFlag, defineFlags, intFlag } from '../../../cli/typed-flags.js';
import type { CommandContext } from '../../../cli/context.js';
import type { HashKVResponse, StatusResponse } from '../../../etcd/proto/gen/messages.js';
import { CliError, SilentExitError, withExitCode } from '../../../errors.js';
import {
  type EpHashKV,
  type EpHealth,
  type EpStatus,
  renderHashKV,
  renderHealth,
  renderStatus,
} from '../../../output/endpoint.js';
import { type Outcome, checkHealth, endpointLayer, queryEach } from './query.js';
import {
  type EndpointOutcome,
  hashKVView,
  healthView,
  statusView,
} from '../../../output/script/cluster.js';

/** The -o formats of endpoint's sub-commands: a document, or an endpoint a line. */
const scriptFormats = ['json', 'ndjson', 'yaml'] as const;

/** Outcomes as -o prints them: a failed endpoint is a record with its `error`. */
function scriptOutcomes<R>(
  outcomes: readonly Outcome<R>[],
  plainMessage: (err: unknown) => string,
): EndpointOutcome<R>[] {
  return outcomes.map((o) => ('resp' in o ? o : { ep: o.ep, error: plainMessage(o.err) }));
}

async function healthCommand(ctx: CommandContext): Promise<void> {
  const layer = await endpointLayer(ctx);
  const { clients, targets } = layer;
  // Printed in completion order, as etcdctl drains its channel: fast healthy members first.
  const list: EpHealth[] = [];
  await Promise.all(
    targets.map(async (ep) => {
      list.push(await checkHealth(ctx, clients, ep, layer));
    }),
  );
  ctx.signal.throwIfAborted(); // interrupted: cli.ts reports it, nothing half-printed
  if (ctx.config().output) {
    // Scripts get the endpoints in the order given, not in the order they answered.
    ctx.printScript(healthView(targets.map((ep) => list.find((h) => h.ep === ep)!)));
  } else {
    const out = renderHealth(ctx.config().writeOut, list);
    ctx.write(out.stdout);
    if (out.stderr) ctx.io.stderr.write(out.stderr);
  }
  if (list.some((h) => h.error !== '')) throw new CliError('unhealthy cluster');
}

async function statusCommand(ctx: CommandContext): Promise<void> {
  const { clients, targets, plainMessage } = await endpointLayer(ctx);
  const outcomes = await queryEach<StatusResponse>(clients, targets, (c) =>
    c.unary('Maintenance.Status', {}, { deadline: ctx.commandDeadline(), idempotent: true }),
  );
  ctx.signal.throwIfAborted();
  const list: EpStatus[] = [];
  let failed = false;
  for (const o of outcomes) {
    if ('resp' in o) list.push(o);
    else {
      failed = true;
      ctx.io.stderr.write(
        `Failed to get the status of endpoint ${o.ep} (${plainMessage(o.err)})\n`,
      );
    }
  }
  const { writeOut, hex, output } = ctx.config();
  if (output) ctx.printScript(statusView(scriptOutcomes(outcomes, plainMessage)));
  else ctx.write(renderStatus(writeOut, list, { hex }));
  if (failed) throw new SilentExitError();
}

async function hashkvCommand(ctx: CommandContext): Promise<void> {
  const { clients, targets, plainMessage } = await endpointLayer(ctx);
  const revision = hashkvFlags.read(ctx.flags).rev;
  const outcomes = await queryEach<HashKVResponse>(clients, targets, (c) =>
    c.unary(
      'Maintenance.HashKV',
      { revision },
      { deadline: ctx.commandDeadline(), idempotent: true },
    ),
  );
  ctx.signal.throwIfAborted();
  const list: EpHashKV[] = [];
  let last: unknown;
  for (const o of outcomes) {
    if ('resp' in o) list.push(o);
    else {
      last = o.err;
      ctx.io.stderr.write(`Failed to get the hash of endpoint ${o.ep} (${plainMessage(o.err)})\n`);
    }
  }
  const { writeOut, hex, output } = ctx.config();
  if (output) ctx.printScript(hashKVView(scriptOutcomes(outcomes, plainMessage)));
  else ctx.write(renderHashKV(writeOut, list, { hex }));
  if (last !== undefined) throw withExitCode(last, 1);
}

const cluster = { cluster: boolFlag('use all endpoints from the cluster member list') };
/** The flags of endpoint and of health and status: --cluster. */
export const endpointFlags = defineFlags(cluster);
const hashkvFlags = defineFlags({
  ...cluster,
  rev: intFlag('maximum revision to hash (default: latest revision)'),
});

/** Registers `endpoint` and its sub-commands. */
export function register(program: EctlCommand): void {
  const endpoint = program
    .command('endpoint')
    .description('Endpoint related commands')
    .usage('<subcommand> [options]')
    .addHelpCommand(false)
    // Declared on the parent too, so `endpoint --cluster health` finds its sub-command.
    .flags(endpointFlags)
    .examples([
      'ectl endpoint health --cluster',
      'ectl endpoint status -w table',
      'ectl endpoint hashkv --cluster --rev 100',
    ]);
  endpoint
    .command('health')
    .description('Checks the healthiness of endpoints specified in `--endpoints` flag')
    .flags(endpointFlags)
    .scriptOutput(scriptFormats)
    .examples([
      'ectl endpoint health                        # each of --endpoints',
      'ectl endpoint health --cluster -w table     # every member, from the member list',
      'ectl --endpoints a:2379,b:2379 endpoint health -w json',
    ])
    .handle(healthCommand);
  endpoint
    .command('status')
    .summary('Prints out the status of endpoints specified in `--endpoints` flag')
    .description(
      'Prints out the status of endpoints specified in `--endpoints` flag.\n\n' +
        'When --write-out is set to simple, this command prints out comma-separated status lists for each endpoint.\n' +
        'The items in the lists are endpoint, ID, version, storage version, db size, in use, percentage not in use,\n' +
        'quota, is leader, is learner, raft term, raft index, raft applied index, errors, downgrade target version,\n' +
        'downgrade enabled.',
    )
    .flags(endpointFlags)
    .scriptOutput(scriptFormats)
    .examples([
      'ectl endpoint status --cluster -w table',
      "ectl endpoint status --cluster -o ndjson | jq -r 'select(.is_leader) | .endpoint'",
      'ectl endpoint status -w json                # the StatusResponse of each endpoint',
    ])
    .handle(statusCommand);
  endpoint
    .command('hashkv')
    .description('Prints the KV history hash for each endpoint in --endpoints')
    .flags(hashkvFlags)
    .scriptOutput(scriptFormats)
    .examples([
      'ectl endpoint hashkv --cluster              # compare the members: the hashes must agree',
      'ectl endpoint hashkv --rev 42 -w table',
    ])
    .handle(hashkvCommand);
}
