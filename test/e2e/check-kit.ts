// Helpers of the `check` e2e tests: the server's revision and key count read through etcd's own
// gateway (not the code under test), the shape of check perf's verdict, and a proxy in front of
// etcd that passes gRPC through but answers HTTP/1.1 requests (/metrics) its own way.
import net from 'node:net';
import { expect } from 'vitest';
import { authenticate, b64, gateway, type EtcdNode } from '../harness/etcd.js';
import type { RunResult } from '../harness/run.js';

/** The node's current revision. */
export async function revisionOf(node: EtcdNode): Promise<bigint> {
  const r = await gateway<{ header: { revision: string } }>(node, '/v3/kv/range', {
    key: b64('\0'),
  });
  return BigInt(r.header.revision);
}

/** How many keys start with `prefix` (as root when the node has auth enabled). */
export async function countUnder(node: EtcdNode, prefix: string): Promise<number> {
  const root = node.authUsers?.root;
  const token = root ? await authenticate(node, root.user, root.password) : undefined;
  const end = Buffer.from(prefix);
  end[end.length - 1]! += 1;
  const r = await gateway<{ count?: string }>(
    node,
    '/v3/kv/range',
    {
      key: b64(prefix),
      range_end: end.toString('base64'),
      count_only: true,
    },
    token,
  );
  return Number(r.count ?? 0);
}

const throughput = /(?:PASS: Throughput is|FAIL: Throughput too low:) (\d+) writes\/s\n/;
const slowest = /(?:PASS: Slowest request took|Slowest request took too long:) \d+\.\d{6}s\n/;
const stddev = /(?:PASS: Stddev is|Stddev too high:) (?:\d+\.\d{6}|NaN)s\n/;

/** check perf's verdict lines at the end of `out`: exit 0 with PASS, 1 with FAIL. */
export function expectPerfVerdict(r: RunResult | { stdout: string; code: number | null }) {
  const out = r.stdout.toString();
  const verdict = new RegExp(
    `${throughput.source}${slowest.source}${stddev.source}(PASS|FAIL)\\n$`,
  ).exec(out);
  expect(verdict, out).not.toBeNull();
  expect(r.code).toBe(verdict![2] === 'PASS' ? 0 : 1);
  return { writes: Number(verdict![1]), pass: verdict![2] === 'PASS', out };
}

/** A proxy to 127.0.0.1:port: gRPC passes, an HTTP/1.1 request gets `answer` (undefined: closed). */
export async function metricsProxy(
  port: number,
  answer: (() => string | undefined) | string | undefined,
): Promise<{ endpoint: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    client.once('data', (first: Buffer) => {
      if (/^(GET|POST) /.test(first.toString('latin1', 0, 5))) {
        const body = typeof answer === 'function' ? answer() : answer;
        if (body === undefined) client.destroy();
        else
          client.end(
            `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
          );
        return;
      }
      const upstream = net.connect(port, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      upstream.write(first);
      client.pipe(upstream);
      upstream.pipe(client);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port: own } = server.address() as net.AddressInfo;
  return {
    endpoint: `127.0.0.1:${own}`,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
