// The per-endpoint queries behind `endpoint health | status | hashkv`: every endpoint asked in
// parallel through its own client, each call with its own --command-timeout deadline.
import type { CommandContext } from '../../../cli/context.js';
import type { EtcdClient } from '../../../etcd/client.js';
import type { EndpointClients } from '../../../etcd/transport/per-endpoint.js';
import { EtcdError } from '../../../etcd/errors.js';
import { healthKey, raisedAlarmName } from '../../../etcd/health.js';
import { CliError, ExitCode, hasOwnExitCode, messageOf, withExitCode } from '../../../errors.js';
import type { EpHealth } from '../../../output/endpoint.js';
import { formatDuration } from '../../../go/format.js';
import { endpointFlags } from './endpoint.js';

/**
 * The per-endpoint layer, loaded only when an endpoint command runs (it brings in gRPC), with the
 * endpoints to query; `cluster` is the command's --cluster (endpoint's own by default).
 */
export async function endpointLayer(
  ctx: CommandContext,
  cluster = endpointFlags.read(ctx.flags).cluster,
) {
  const layer = await import('../../../etcd/transport/per-endpoint.js');
  const clients = await layer.EndpointClients.create(ctx.config(), ctx.clientHooks(), ctx.connect);
  const targets = await endpointTargets(ctx, clients, cluster);
  return { ...layer, clients, targets };
}

/**
 * The endpoints to query: with --cluster, every member's client URLs in member order (asked of the
 * configured endpoints, discovery included); otherwise --endpoints as given, which etcdctl uses
 * even when --discovery-srv is set. An empty list queries nothing and succeeds, as in etcdctl.
 */
async function endpointTargets(
  ctx: CommandContext,
  clients: EndpointClients,
  cluster: boolean,
): Promise<string[]> {
  if (!cluster) return ctx.config().endpoints.filter((e) => e !== '');
  let client: EtcdClient;
  try {
    client = await clients.configured();
  } catch (err) {
    throw withExitCode(err, ExitCode.Error);
  }
  try {
    return await clients.memberClientUrls(client, ctx.commandDeadline());
  } catch (err) {
    throw new CliError(
      `failed to fetch endpoints from etcd cluster member list: ${messageOf(err)}`,
    );
  } finally {
    client.close();
  }
}

/** One endpoint's outcome: its response, or the error of its call. */
export type Outcome<R> = { ep: string; resp: R } | { ep: string; err: unknown };

/**
 * Calls `fn` on every endpoint in parallel and returns the outcomes in endpoint order. A client
 * that cannot be created ends the command (etcdctl's mustClient: exit 2), once all have settled.
 */
export async function queryEach<R>(
  clients: EndpointClients,
  targets: readonly string[],
  fn: (client: EtcdClient) => Promise<R>,
): Promise<Outcome<R>[]> {
  let fatal: unknown;
  const outcomes = await Promise.all(
    targets.map(async (ep): Promise<Outcome<R> | undefined> => {
      let client: EtcdClient;
      try {
        client = await clients.one(ep);
      } catch (err) {
        fatal ??= err;
        return undefined;
      }
      try {
        return { ep, resp: await fn(client) };
      } catch (err) {
        return { ep, err };
      } finally {
        client.close();
      }
    }),
  );
  if (fatal !== undefined)
    throw hasOwnExitCode(fatal) || fatal instanceof EtcdError
      ? fatal
      : withExitCode(fatal, ExitCode.BadConnection);
  return outcomes as Outcome<R>[];
}

/** How checkHealth words errors (from the lazily loaded per-endpoint layer). */
export interface HealthErrors {
  plainMessage(err: unknown): string;
  isPermissionDenied(err: unknown): boolean;
  causeOf(err: unknown): string;
}

/**
 * etcdctl's health check of one endpoint: a linearizable get of `health` (success or permission
 * denied is healthy), timed, then (3.5+) the alarm list, any active alarm being unhealthy.
 */
export async function checkHealth(
  ctx: CommandContext,
  clients: EndpointClients,
  ep: string,
  errs: HealthErrors,
): Promise<EpHealth> {
  let client: EtcdClient;
  try {
    client = await clients.one(ep);
  } catch (err) {
    return { ep, health: false, took: '', error: errs.plainMessage(err) };
  }
  try {
    const call = { deadline: ctx.commandDeadline(), idempotent: true };
    const start = ctx.io.now();
    let failure: unknown;
    try {
      await client.unary('KV.Range', { key: healthKey }, call);
    } catch (err) {
      if (!errs.isPermissionDenied(err)) failure = err;
    }
    const took = formatDuration(BigInt(Math.round((ctx.io.now() - start) * 1e6)));
    if (failure !== undefined) {
      const error = errs.plainMessage(failure);
      const cause = errs.causeOf(failure);
      return { ep, health: false, took, error, ...(cause ? { cause } : {}) };
    }
    try {
      const { alarms } = await client.unary('Maintenance.Alarm', { action: 0 }, call);
      if (alarms.length > 0) {
        const names = alarms.map((a) => `${raisedAlarmName(a.alarm) ?? 'UNKNOWN'} `).join('');
        return { ep, health: false, took, error: `Active Alarm(s): ${names}` };
      }
    } catch {
      return { ep, health: false, took, error: 'Unable to fetch the alarm list' };
    }
    return { ep, health: true, took, error: '' };
  } finally {
    client.close();
  }
}
