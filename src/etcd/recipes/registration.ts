// Service registration: a key put with a lease that is kept alive for as long as the registration
// lasts. Revoked when it ends (the key goes at once, not a TTL later); when the lease is lost (the
// cluster unreachable longer than the TTL) the key is put again with a new lease as soon as the
// cluster answers, or the loss is returned for the caller to end with.
import type { EtcdClient } from '../client.js';
import { aborted, call, persist, type Timing } from '../concurrency/calls.js';
import { newSession, type Session } from '../concurrency/session.js';
import { anySignal, sleep } from '../transport/sleep.js';

/** One registration made: its lease and the revision of its put. */
export interface Registered {
  lease: bigint;
  ttl: bigint;
  revision: bigint;
  /** The lease this one replaces after a loss (undefined the first time). */
  replaces?: bigint;
}

/** What to register, and whom to tell. */
export interface RegistrationOptions {
  key: Uint8Array;
  value: Uint8Array;
  /** The lease TTL in seconds. */
  ttl: bigint;
  /** Ends the registration: the lease is revoked. */
  signal: AbortSignal;
  /** Return 'lost' when the lease is lost instead of registering again. */
  exitOnLoss: boolean;
  onRegistered(r: Registered): void;
}

/** How a registration ended: by its signal (revoked, or `revokeError`) or by losing the lease. */
export type RegistrationEnd =
  { kind: 'ended'; revokeError?: Error } | { kind: 'lost'; lease: bigint; reason: string };

/**
 * Registers and keeps the registration until `o.signal` aborts or (with exitOnLoss) the lease is
 * lost. The first registration's failure is thrown; later ones are retried until they succeed.
 */
export async function keepRegistered(
  client: EtcdClient,
  o: RegistrationOptions,
  timing: Timing,
): Promise<RegistrationEnd> {
  let replaces: bigint | undefined;
  let pause = 200;
  for (;;) {
    let session: Session;
    let revision: bigint;
    try {
      session = await newSession(client, o.ttl, o.signal, timing);
    } catch (err) {
      if (o.signal.aborted) return { kind: 'ended' };
      if (replaces === undefined) throw err;
      timing.debug?.(`register: lease grant failed (${(err as Error).message}); retrying`);
      await sleep(pause, o.signal);
      pause = Math.min(pause * 2, 2000);
      continue;
    }
    try {
      revision = await put(client, o, session, timing);
    } catch (err) {
      session.close();
      await revoke(client, session.lease, timing).catch(() => undefined);
      if (o.signal.aborted) return { kind: 'ended' };
      if (replaces === undefined && !session.lost.aborted) throw err;
      continue;
    }
    pause = 200;
    o.onRegistered({ lease: session.lease, ttl: session.ttl, revision, replaces });
    // The old lease may still live (only its renewals went unanswered): it holds no key now.
    if (replaces !== undefined) void revoke(client, replaces, timing).catch(() => undefined);
    await aborted(anySignal(o.signal, session.lost));
    session.close();
    if (o.signal.aborted) {
      const revoked = await revoke(client, session.lease, timing).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      return revoked ? { kind: 'ended', revokeError: revoked } : { kind: 'ended' };
    }
    const reason = session.end?.reason ?? 'lost';
    if (o.exitOnLoss) return { kind: 'lost', lease: session.lease, reason };
    timing.debug?.(`register: lease ${session.lease.toString(16)} ${reason}`);
    replaces = session.lease;
  }
}

/** Puts the key with the session's lease, retrying transient failures while the lease lives. */
function put(client: EtcdClient, o: RegistrationOptions, session: Session, timing: Timing) {
  const req = { key: o.key, value: o.value, lease: session.lease };
  const signal = anySignal(o.signal, session.lost);
  return persist(
    async () => {
      const deadline = Date.now() + timing.dialMs + timing.requestMs;
      const resp = await call(client, 'KV.Put', req, { signal, deadline, idempotent: true });
      return resp.header?.revision ?? 0n;
    },
    { signal, stop: session.lost, what: 'put' },
    timing,
  );
}

function revoke(client: EtcdClient, lease: bigint, timing: Timing): Promise<unknown> {
  const deadline = Date.now() + timing.dialMs + timing.requestMs;
  return call(client, 'Lease.LeaseRevoke', { ID: lease }, { deadline, idempotent: true });
}
