// Reading what is registered under a prefix (discover): the keys at one revision, and the TTL left
// on each lease they are attached to, asked once per distinct lease however many keys share it.
import type { ClientCallOptions, EtcdClient } from '../client.js';
import { prefixEnd } from '../keys.js';
import type { KeyValue } from '../proto/gen/messages.js';

/** The keys under `prefix`, the revision they were read at, and each lease's TTL left. */
export interface RegistrationsRead {
  revision: bigint;
  kvs: KeyValue[];
  /** Seconds left per lease ID; -1 for a lease that expired between the two reads. */
  ttls: Map<bigint, bigint>;
}

/** Reads the keys under `prefix` and asks LeaseTimeToLive once per distinct lease. */
export async function readRegistrations(
  client: EtcdClient,
  prefix: Uint8Array,
  call: () => ClientCallOptions,
): Promise<RegistrationsRead> {
  const resp = await client.unary(
    'KV.Range',
    { key: prefix, range_end: prefixEnd(prefix) },
    { ...call(), idempotent: true },
  );
  const leases = [...new Set(resp.kvs.map((kv) => kv.lease).filter((l) => l !== 0n))];
  const answers = await Promise.all(
    leases.map((ID) =>
      client.unary('Lease.LeaseTimeToLive', { ID }, { ...call(), idempotent: true }),
    ),
  );
  const ttls = new Map(leases.map((id, i) => [id, answers[i]!.TTL]));
  return { revision: resp.header?.revision ?? 0n, kvs: resp.kvs, ttls };
}
