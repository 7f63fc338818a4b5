// A throwaway etcd for the demo and the benchmarks: loopback ports, a temp data dir, stopped by PID
// at exit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** POSTs JSON to etcd's gRPC gateway. */
export function gateway(endpoint, path, body) {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      `http://${endpoint}${path}`,
      { method: 'POST', headers: { 'content-length': Buffer.byteLength(data) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(Buffer.concat(chunks).toString()))
            : reject(new Error(Buffer.concat(chunks).toString())),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/**
 * Starts etcd (on `clientPort`, or a free one); resolves with its endpoint and a stop function once
 * it answers.
 */
export async function startEtcd({ clientPort, extraArgs = [], name = 'ectl' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ectl-etcd-'));
  const [client, peer] = [clientPort ?? (await freePort()), await freePort()];
  const endpoint = `127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const proc = spawn(
    process.env.ECTL_TEST_ETCD || 'etcd',
    [
      '--name',
      name,
      '--data-dir',
      join(dir, 'data'),
      '--listen-client-urls',
      `http://${endpoint}`,
      '--advertise-client-urls',
      `http://${endpoint}`,
      '--listen-peer-urls',
      peerUrl,
      '--initial-advertise-peer-urls',
      peerUrl,
      '--initial-cluster',
      `${name}=${peerUrl}`,
      '--logger',
      'zap',
      '--log-level',
      'error',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const stop = () => {
    proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  for (let i = 0; i < 100; i++) {
    try {
      await gateway(endpoint, '/v3/kv/range', { key: Buffer.from('x').toString('base64') });
      return { endpoint, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  stop();
  throw new Error('etcd did not start');
}
