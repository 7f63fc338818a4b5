// A session as in the Go client's concurrency package: a lease granted for the command's lifetime
// and kept alive; lock and election keys are attached to it, so they vanish when the process dies
// and stops renewing. Unlike the Go session it survives the death of its endpoint and leader
// changes (the keep-alive reconnects), and it reports its loss with the reason.
import { ClientError } from '../errors.js';
import type { EtcdClient } from '../client.js';
import { call, persist, type Timing } from './calls.js';
import { keepAlive, type KeepAlive, type KeepAliveEnd } from './keepalive.js';

/** The TTL etcdctl's sessions use when none (or one <= 0) is given. */
export const defaultSessionTtl = 60n;

/** A live session; `lost` aborts when its lease is gone or could not be renewed within its TTL. */
export class Session {
  private readonly lostController = new AbortController();
  /** Why the session ended, once `lost` has aborted. */
  end: KeepAliveEnd | undefined;
  private readonly renewListeners: ((safeUntil: number) => void)[] = [];

  constructor(
    readonly client: EtcdClient,
    readonly lease: bigint,
    readonly ttl: bigint,
    private readonly keeper: KeepAlive,
    /**
     * Epoch ms before which the lease cannot have expired on the server: the last confirmed
     * renewal's request time plus the TTL (the server renewed it after the request was sent).
     */
    public safeUntil: number,
  ) {
    void keeper.done.then((end) => {
      this.end = end;
      if (end.reason !== 'stopped') this.lostController.abort(end.reason);
    });
  }

  /** Called with the new safeUntil after every confirmed renewal. */
  onRenew(listener: (safeUntil: number) => void): void {
    this.renewListeners.push(listener);
  }

  /** Records a confirmed renewal (the keep-alive's responses). */
  renewed(sentAt: number, ttl: bigint): void {
    this.safeUntil = sentAt + Number(ttl) * 1000;
    for (const l of this.renewListeners) l(this.safeUntil);
  }

  /** Aborts when the session is lost (lease expired or revoked, or unconfirmed for a TTL). */
  get lost(): AbortSignal {
    return this.lostController.signal;
  }

  /**
   * Stops renewing. The lease is not revoked, as etcdctl leaves it: keys still attached to it go
   * when its TTL runs out.
   */
  close(): void {
    this.keeper.stop();
  }
}

/**
 * How a lock or campaign that failed ends: its key is deleted at once (the next waiter need not wait
 * for the lease to expire), then it rejects with `context canceled` if `signal` aborted, `lostText`
 * if the session was lost, or the error itself.
 */
export async function abandon(
  err: unknown,
  release: () => Promise<void>,
  signal: AbortSignal,
  session: Session,
  lostText: string,
): Promise<never> {
  await release().catch(() => undefined);
  if (signal.aborted) throw new ClientError('context canceled', 'canceled');
  if (session.lost.aborted) throw new ClientError(lostText, 'session');
  throw err;
}

/**
 * Grants a lease of `ttl` seconds (<= 0: 60, as the Go session) and keeps it alive. The grant
 * is retried on transient failures for up to --command-timeout; `signal` cancels it.
 */
export async function newSession(
  client: EtcdClient,
  ttl: bigint,
  signal: AbortSignal,
  timing: Timing,
): Promise<Session> {
  const want = ttl > 0n ? ttl : defaultSessionTtl;
  const giveUp = AbortSignal.timeout(timing.requestMs);
  const grantedAt = Date.now();
  const resp = await persist(
    () =>
      call(
        client,
        'Lease.LeaseGrant',
        { TTL: want },
        { signal, deadline: Date.now() + timing.dialMs + timing.requestMs },
      ),
    { signal, stop: giveUp, what: 'lease grant' },
    timing,
  );
  // The keep-alive calls back once the session below exists (its first answer comes later).
  const ref: { session?: Session } = {};
  const keeper = keepAlive(
    client,
    resp.ID,
    {
      firstDeadline: grantedAt + Number(resp.TTL) * 1000,
      ttlHint: resp.TTL,
      onResponse: (r, sentAt) => ref.session?.renewed(sentAt, r.TTL),
    },
    timing,
  );
  timing.debug?.(`session lease ${resp.ID.toString(16)} granted with TTL ${resp.TTL}s`);
  ref.session = new Session(client, resp.ID, resp.TTL, keeper, grantedAt + Number(resp.TTL) * 1000);
  return ref.session;
}
