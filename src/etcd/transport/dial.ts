// The channels to every endpoint, dialled together as grpc-go's balancer does: the first one that
// connects is used, so a frozen or black-holed endpoint costs only a short grace period. An
// endpoint that TLS reaches only because of --insecure-skip-tls-verify is dialled both with TLS
// and in plaintext; whichever connects first stays.
import * as grpc from '@grpc/grpc-js';
import type { Endpoint } from './endpoints.js';
import type { ConnectionOptions } from './connection.js';
import { newChannel } from './channel.js';

const { READY, IDLE, CONNECTING } = grpc.connectivityState;
// Once an endpoint is ready, endpoints before it in the order of preference that are still
// connecting get this long to catch up, so that the choice stays stable when all are healthy.
const graceMs = 5;

/** What a wait for a connected endpoint found. */
export interface Dialled {
  /** The preferred endpoint that is ready, if any. */
  ready?: number;
  /** Endpoints still connecting (when none was ready before the deadline). */
  connecting: number[];
}

/** One grpc-js client per endpoint (two while TLS and plaintext race), created on first use. */
export class Dialer {
  private readonly clients: (grpc.Client | undefined)[] = [];
  private readonly plaintext: (grpc.Client | undefined)[] = [];
  /** Per endpoint: TLS on, off, or undecided until one of the two connects. */
  private readonly tls: (boolean | 'either')[];

  constructor(
    private readonly endpoints: readonly Endpoint[],
    private readonly opts: ConnectionOptions,
  ) {
    this.tls = endpoints.map((ep) => (ep.tls && ep.plaintextToo ? 'either' : ep.tls));
  }

  /** The grpc-js client of endpoint i (the TLS one while both race). */
  client(i: number): grpc.Client {
    let c = this.clients[i];
    if (!c) {
      const mode = this.tls[i]!;
      c = newChannel(this.endpoints[i]!, this.opts, mode !== false);
      this.clients[i] = c;
      if (mode === 'either') this.plaintext[i] = newChannel(this.endpoints[i]!, this.opts, false);
    }
    return c;
  }

  /** The state of endpoint i, starting to connect if idle; settles a TLS/plaintext race. */
  state(i: number): grpc.connectivityState {
    const main = this.client(i).getChannel().getConnectivityState(true);
    const alt = this.plaintext[i];
    if (!alt) return main;
    const other = alt.getChannel().getConnectivityState(true);
    if (main !== READY && other !== READY) {
      const pending = [main, other].some((s) => s === IDLE || s === CONNECTING);
      return pending ? CONNECTING : main;
    }
    const [keep, drop] = main === READY ? [this.clients[i]!, alt] : [alt, this.clients[i]!];
    drop.close();
    this.clients[i] = keep;
    this.plaintext[i] = undefined;
    this.tls[i] = main === READY;
    return READY;
  }

  /**
   * Waits for the first endpoint of `order` (most preferred first) that is ready, giving those
   * before it that are still connecting `graceMs` more; gives up at `until`, or at once when none
   * is connecting. `failed` hears of every endpoint seen in a failed state.
   */
  async firstReady(
    order: readonly number[],
    until: number,
    signal: AbortSignal | undefined,
    failed: (i: number) => void,
  ): Promise<Dialled> {
    let readySince: number | undefined;
    for (;;) {
      let ready: number | undefined;
      let earlierPending = false;
      const connecting: number[] = [];
      for (const i of order) {
        const s = this.state(i);
        if (s === READY) ready ??= i;
        else if (s === IDLE || s === CONNECTING) {
          connecting.push(i);
          if (ready === undefined) earlierPending = true;
        } else failed(i);
      }
      const now = Date.now();
      if (ready !== undefined) {
        readySince ??= now;
        if (!earlierPending || now >= readySince + graceMs) return { ready, connecting };
      } else if (connecting.length === 0) return { connecting };
      const by = ready !== undefined ? readySince! + graceMs : until;
      if (now >= by || signal?.aborted) return { ready, connecting };
      // Failed endpoints too: grpc-js reconnects them, and one may come back first.
      await this.change(order, by, signal);
    }
  }

  /** Drops endpoint i's channel (its member stopped answering); the next use dials afresh. */
  reset(i: number): void {
    this.clients[i]?.close();
    this.plaintext[i]?.close();
    this.clients[i] = this.plaintext[i] = undefined;
  }

  /** Closes every channel. */
  close(): void {
    for (const c of [...this.clients, ...this.plaintext]) c?.close();
  }

  /** Resolves when any channel of `endpoints` changes state, at `by`, or on abort. */
  private change(endpoints: readonly number[], by: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      signal?.addEventListener('abort', done, { once: true });
      for (const i of endpoints) {
        for (const c of [this.clients[i], this.plaintext[i]]) {
          const channel = c?.getChannel();
          channel?.watchConnectivityState(channel.getConnectivityState(false), by, done);
        }
      }
    });
  }
}
