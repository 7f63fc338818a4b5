// What `check perf` and `check datascale` share (etcdctl's check.go and util.go, main): the --load
// model, the refusal of a prefix that already has keys, the clients, and the clean-up afterwards
// (deletion of the prefix, --auto-compact, --auto-defrag) with etcdctl's 30-second bounds.
import type { CommandContext } from '../../../cli/context.js';
import type { ClientHooks } from '../../../etcd/client-config.js';
import type { EtcdClient } from '../../../etcd/client.js';
import type { EndpointClients } from '../../../etcd/transport/per-endpoint.js';
import { type LoadModel, loadModelOf } from '../../../etcd/recipes/check-load.js';
import { BadFeatureError, InvalidInputError } from '../../../errors.js';
import { goQuoteString } from '../../../go/format.js';
import { prefixRange } from '../../../etcd/keys.js';
import {
  compactedLine,
  compactingLine,
  defragmentedLine,
  defragmentingLine,
} from '../../../output/check.js';

const encoder = new TextEncoder();

/** etcdctl's timeout for the deletion, compaction and each defragmentation after a check. */
export const CLEANUP_TIMEOUT_MS = 30_000;

/** The model --load names; anything else is etcdctl's `unknown load option` (exit 4). */
export function modelOf(load: string): LoadModel {
  const model = loadModelOf(load);
  if (!model) throw new BadFeatureError(`unknown load option ${load}`);
  return model;
}

/** The clients of a check: one with failover for the load, one per endpoint to defragment. */
export async function checkClients(
  ctx: CommandContext,
  hooks: ClientHooks,
): Promise<{ client: EtcdClient; perEndpoint: EndpointClients }> {
  const { EndpointClients } = await import('../../../etcd/transport/per-endpoint.js');
  // Credentials are resolved (and a password asked for) once, for every client.
  const perEndpoint = await EndpointClients.create(ctx.config(), hooks, ctx.connect);
  return { client: await perEndpoint.configured(), perEndpoint };
}

/**
 * Ends the check (exit 3) when its prefix holds a key already: perf's message quotes the command,
 * datascale's does not (etcdctl main).
 */
export async function refuseUsedPrefix(
  client: EtcdClient,
  prefix: string,
  deadline: number,
  quoteHint: boolean,
): Promise<void> {
  const resp = await client.unary(
    'KV.Range',
    { ...prefixRange(encoder.encode(prefix)), limit: 1n },
    { deadline, idempotent: true },
  );
  if (resp.kvs.length === 0) return;
  const del = `etcdctl del --prefix ${prefix}`;
  throw new InvalidInputError(
    `prefix ${goQuoteString(prefix)} has keys. Delete with ${quoteHint ? `'${del}'` : del} first`,
  );
}

/** Deletes every key under the prefix; resolves with the revision of the deletion. */
export async function deletePrefix(
  client: EtcdClient,
  prefix: string,
  timeoutMs = CLEANUP_TIMEOUT_MS,
): Promise<bigint> {
  const resp = await client.unary('KV.DeleteRange', prefixRange(encoder.encode(prefix)), {
    deadline: Date.now() + timeoutMs,
  });
  return resp.header?.revision ?? 0n;
}

/** --auto-compact: a physical compaction at `rev`, announced before and after. */
export async function compactAt(ctx: CommandContext, client: EtcdClient, rev: bigint) {
  ctx.write(compactingLine(rev));
  await client.unary(
    'KV.Compact',
    { revision: rev, physical: true },
    { deadline: Date.now() + CLEANUP_TIMEOUT_MS },
  );
  ctx.write(compactedLine(rev));
}

/** --auto-defrag: each endpoint of the client in turn, announced before and after. */
export async function defragEach(
  ctx: CommandContext,
  client: EtcdClient,
  perEndpoint: EndpointClients,
): Promise<void> {
  for (const { display: ep } of client.connection.endpoints) {
    ctx.write(defragmentingLine(ep));
    const one = await perEndpoint.one(ep);
    try {
      await one.unary('Maintenance.Defragment', {}, { deadline: Date.now() + CLEANUP_TIMEOUT_MS });
    } finally {
      one.close();
    }
    ctx.write(defragmentedLine(ep));
  }
}
