// The raw network steps of a diagnosis, each bounded by a timeout and never throwing: a DNS
// lookup, a TCP connection, and "send these bytes, see what comes back" on a fresh connection.
import { lookup } from 'node:dns/promises';
import net from 'node:net';
import type { Target } from './target.js';

/** What a step found: a value, or the error code (ECONNREFUSED, ENOTFOUND, 'timeout', ...). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const timedOut = (ms: number) =>
  ({ ok: false, code: 'timeout', message: `no answer within ${ms} ms` }) as const;

function failure(err: unknown): { ok: false; code: string; message: string } {
  const e = err as NodeJS.ErrnoException;
  return { ok: false, code: e.code ?? 'error', message: e.message ?? String(err) };
}

/** Resolves `host` as connecting would (getaddrinfo), within `ms`. */
export async function resolveHost(host: string, ms: number): Promise<Outcome<string[]>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Outcome<string[]>>(
    (r) => (timer = setTimeout(() => r(timedOut(ms)), ms)),
  );
  const found = lookup(host, { all: true }).then(
    (list): Outcome<string[]> => ({ ok: true, value: list.map((a) => a.address) }),
    failure,
  );
  try {
    return await Promise.race([found, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens a plain socket to the target (host:port or unix socket). */
export function openSocket(target: Target): net.Socket {
  return target.socketPath
    ? net.connect({ path: target.socketPath })
    : net.connect({ host: target.host, port: target.port });
}

/** Connects and closes again; the value is how long connecting took (ms). */
export function tcpConnect(target: Target, ms: number): Promise<Outcome<number>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const s = openSocket(target);
    const done = (o: Outcome<number>) => {
      clearTimeout(timer);
      s.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => done(timedOut(ms)), ms);
    s.once('connect', () => done({ ok: true, value: performance.now() - started }));
    s.once('error', (err) => done(failure(err)));
  });
}

/** What a peer sent back to a probe: its first bytes, and whether it closed (or reset) the line. */
export interface Answer {
  bytes: Buffer;
  closed: boolean;
  /** A socket error (ECONNRESET, an SSL alert) that ended the exchange. */
  error?: { code: string; message: string };
}

/** When an answer is complete: after this many bytes, or when a predicate says so. */
export type Enough = number | ((bytes: Buffer) => boolean);

export const isEnough = (enough: Enough, bytes: Buffer) =>
  typeof enough === 'number' ? bytes.length >= enough : enough(bytes);

/**
 * Sends `payload` on a connected socket and collects what comes back until it is `enough`, the
 * end of the connection, or `ms`; the socket is destroyed afterwards.
 */
export function exchange(
  socket: net.Socket,
  payload: Buffer | string,
  ms: number,
  enough: Enough = 4096,
): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = (closed: boolean, error?: Answer['error']) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), closed, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => done(false), ms);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (isEnough(enough, Buffer.concat(chunks))) done(false);
    });
    socket.once('end', () => done(true));
    socket.once('close', () => done(true));
    socket.once('error', (err) => done(true, failure(err)));
    socket.write(payload);
  });
}

/** Connects, then exchanges `payload` (see exchange); the whole within `ms`. */
export function connectAndSend(
  target: Target,
  payload: Buffer | string,
  ms: number,
  enough: Enough = 4096,
) {
  const started = Date.now();
  return new Promise<Outcome<Answer>>((resolve) => {
    const s = openSocket(target);
    const timer = setTimeout(() => {
      s.destroy();
      resolve(timedOut(ms));
    }, ms);
    s.once('error', (err) => {
      clearTimeout(timer);
      resolve(failure(err));
    });
    s.once('connect', () => {
      clearTimeout(timer);
      s.removeAllListeners('error');
      const left = Math.max(1, ms - (Date.now() - started));
      void exchange(s, payload, left, enough).then((value) => resolve({ ok: true, value }));
    });
  });
}
