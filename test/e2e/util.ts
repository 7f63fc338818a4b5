// Shared helpers of the connection e2e tests (failover, tls, auth): fake endpoints on 127.0.0.1
// that refuse, never answer or delay traffic, and side-by-side runs of ectl and etcdctl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { freePorts } from '../harness/node.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import {
  hasEtcdctl,
  runEctl,
  runEtcdctl,
  type RunOptions,
  type RunResult,
} from '../harness/run.js';

/** Short deadlines for commands against dead endpoints. */
export const QUICK = ['--dial-timeout', '1s', '--command-timeout', '1s'];
/** Upper bound for a command run with QUICK: dial + command timeout plus node start-up slack. */
export const QUICK_BOUND_MS = 2 * 1000 + 1500;

/** A 127.0.0.1 endpoint nobody listens on: connections are refused. */
export async function refusedEndpoint(): Promise<string> {
  const [port] = await freePorts(1);
  return `127.0.0.1:${port}`;
}

export interface FakeServer {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

function serve(server: net.Server, sockets: Set<net.Socket>): Promise<FakeServer> {
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('error', () => {});
    s.once('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        port,
        endpoint: `127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}

/** A 127.0.0.1 endpoint that answers every connection with an HTTP/1.1 error in plaintext. */
export function plaintextServer(): Promise<FakeServer> {
  const server = net.createServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  return serve(server, new Set());
}

/** A 127.0.0.1 endpoint that accepts TCP connections and never sends or reads a byte. */
export function hangingServer(): Promise<FakeServer> {
  return serve(net.createServer({ pauseOnConnect: true }), new Set());
}

/**
 * A TCP proxy to 127.0.0.1:targetPort that holds the first client→server chunk containing `marker`
 * (and everything after it on that connection) for `delayMs`, once per proxy; `delayed` tells
 * whether that happened.
 */
export async function delayingProxy(
  targetPort: number,
  marker: string,
  delayMs: number,
): Promise<FakeServer & { readonly delayed: boolean }> {
  const sockets = new Set<net.Socket>();
  let delayed = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.pipe(client);
    let chain = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      const hold = !delayed && chunk.includes(marker);
      if (hold) delayed = true;
      chain = chain
        .then(() => (hold ? new Promise<void>((r) => setTimeout(r, delayMs)) : undefined))
        .then(() => {
          if (!upstream.destroyed) upstream.write(chunk);
        });
    });
  });
  const fake = await serve(server, sockets);
  return {
    ...fake,
    get delayed() {
      return delayed;
    },
  };
}

/** A self-signed CA that signed nothing the harness uses: verifying etcd against it must fail. */
export function strangerCa(): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}stranger-`));
  trackDir(dir);
  const out = join(dir, 'ca.pem');
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  execFileSync(
    'openssl',
    ['req', '-x509', '-subj', '/CN=stranger CA', ...key, '-days', '30'].concat([
      '-keyout',
      join(dir, 'ca-key.pem'),
      '-out',
      out,
    ]),
    { stdio: 'pipe' },
  );
  return out;
}

// Node's warning on every TLS connection to an IP address (a known bug, see tls.test.ts).
const DEP0123 = /^\(node:\d+\) \[DEP0123\].*\n(?:\(Use `node --trace-deprecation.*\n)?/gm;
// The Go client's log line per failed attempt (etcdctl only).
const GO_WARN = /^\{"level":"warn".*\n/gm;

/** stderr without etcdctl's JSON warnings and Node's DEP0123 warning. */
export function quiet(r: RunResult): string {
  return r.stderr.replace(DEP0123, '').replace(GO_WARN, '');
}

/** Exit 0, nothing on stderr (see quiet) and, when given, exactly `out` on stdout. */
export function expectOk(r: RunResult | undefined, out?: string): void {
  if (!r) return;
  expect(quiet(r)).toBe('');
  expect(r.code).toBe(0);
  if (out !== undefined) expect(r.stdout.toString()).toBe(out);
}

/**
 * One `Error: context deadline exceeded (…)` line naming each endpoint with its cause, exit `code`,
 * within `boundMs`.
 */
export function expectDeadline(
  r: RunResult,
  causes: [endpoint: string, why: RegExp][],
  opts: { code?: number; boundMs?: number } = {},
): void {
  expect(r.code, r.stderr).toBe(opts.code ?? 1);
  expect(r.ms).toBeLessThan(opts.boundMs ?? QUICK_BOUND_MS);
  expect(quiet(r)).toMatch(/^Error: context deadline exceeded \([^\n]*\n$/);
  for (const [ep, why] of causes) {
    expect(quiet(r)).toMatch(new RegExp(`[(;] ?${re(ep)}: [^;]*${why.source}`));
  }
}

/** etcdctl's plain `Error: context deadline exceeded` with exit `code` (skipped without etcdctl). */
export function expectRefDeadline(r: RunResult | undefined, code = 1): void {
  if (!r) return;
  expect(r.code).toBe(code);
  expect(errorLines(r)).toBe('Error: context deadline exceeded');
}

/** The `Error: ...` lines of a run (etcdctl also logs JSON warnings on stderr). */
export function errorLines(res: RunResult): string {
  return res.stderr
    .split('\n')
    .filter((l) => l.startsWith('Error: '))
    .join('\n');
}

export interface Pair {
  ectl: RunResult;
  /** undefined when etcdctl is not installed. */
  etcdctl: RunResult | undefined;
}

/** Runs the same command line through ectl and (when installed) etcdctl, concurrently. */
export async function both(args: string[], opts: RunOptions = {}): Promise<Pair> {
  const [ectl, etcdctl] = await Promise.all([
    runEctl(args, opts),
    hasEtcdctl() ? runEtcdctl(args, opts) : Promise.resolve(undefined),
  ]);
  return { ectl, etcdctl };
}

/** Escapes a string for use inside a RegExp. */
export function re(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A value of `n` bytes ('x' repeated) for message-size tests. */
export function blob(n: number, fill = 'x'): Buffer {
  return Buffer.alloc(n, fill);
}
