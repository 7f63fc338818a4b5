// The harness itself, checked through etcd's HTTP gateway and etcdctl only (no ectl needed).
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  authenticate,
  b64,
  gateway,
  GatewayError,
  isHealthy,
  startEtcd,
  useCluster,
  useEtcd,
  type EtcdNode,
} from '../harness/etcd.js';
import { hasEtcdctl, runEtcdctl, spawnEtcdctl } from '../harness/run.js';

type RangeResponse = { kvs?: { key: string; value: string }[] };

const get = async (node: EtcdNode, key: string, token?: string) => {
  const res = await gateway<RangeResponse>(node, '/v3/kv/range', { key: b64(key) }, token);
  return res.kvs?.[0] ? Buffer.from(res.kvs[0].value, 'base64').toString() : undefined;
};
const put = (node: EtcdNode, key: string, value: string, token?: string) =>
  gateway(node, '/v3/kv/put', { key: b64(key), value: b64(value) }, token);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** GET /health over https with exactly the TLS material given (no client cert unless given). */
function httpsHealth(url: string, tls: https.RequestOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = https.get(`${url}/health`, { ...tls, agent: false, timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe('single node', () => {
  const etcd = useEtcd();

  it('starts on free ports, answers the gateway and records its pid', async () => {
    const { node } = etcd;
    expect(node.clientUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(node.endpoint).not.toMatch(/:(2379|2380)$/);
    expect(await isHealthy(node)).toBe(true);
    await put(node, 'foo', 'bar');
    expect(await get(node, 'foo')).toBe('bar');
    const runDir = process.env.ECTL_HARNESS_RUN_DIR as string;
    expect(readFileSync(join(runDir, `pids-${process.pid}.txt`), 'utf8')).toContain(
      `${node.pid}\n`,
    );
  });

  it('runs etcdctl from a clean environment', async ({ skip }) => {
    if (!hasEtcdctl()) skip();
    process.env.ETCDCTL_ENDPOINTS = '127.0.0.1:1';
    try {
      const res = await runEtcdctl([
        '--endpoints',
        etcd.endpoint,
        'get',
        'foo',
        '--print-value-only',
      ]);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(res.stdout.toString()).toBe('bar\n');
    } finally {
      delete process.env.ETCDCTL_ENDPOINTS;
    }
  });

  it('follows a long-running process', async ({ skip }) => {
    if (!hasEtcdctl()) skip();
    const watch = spawnEtcdctl(['--endpoints', etcd.endpoint, 'watch', 'w']);
    // etcdctl prints nothing until the watch is established: poll with puts until one shows up.
    const putter = setInterval(() => void put(etcd.node, 'w', 'v1').catch(() => {}), 100);
    try {
      await watch.waitFor(/^PUT\nw\nv1\n/);
    } finally {
      clearInterval(putter);
    }
    expect(await watch.kill()).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('stop() ends the process and restart() keeps the data', async () => {
    const { node } = etcd;
    const pid = node.pid;
    await node.stop();
    expect(node.isRunning()).toBe(false);
    expect(alive(pid)).toBe(false);
    expect(await isHealthy(node)).toBe(false);
    await node.restart();
    expect(node.pid).not.toBe(pid);
    expect(await get(node, 'foo')).toBe('bar');
  });
});

describe('TLS', () => {
  it('serves https that verifies against the test CA', async () => {
    const node = await startEtcd({ tls: true });
    try {
      const tls = node.tls!;
      expect(node.clientUrl).toMatch(/^https:\/\//);
      const ca = readFileSync(tls.caFile);
      expect(await httpsHealth(node.clientUrl, { ca })).toContain('"health":"true"');
      await expect(httpsHealth(node.clientUrl, {})).rejects.toThrow(/certificate/);
    } finally {
      await node.destroy();
    }
  });

  it('with clientCertAuth, requires a client certificate', async () => {
    const node = await startEtcd({ tls: { clientCertAuth: true }, auth: true });
    try {
      const tls = node.tls!;
      const ca = readFileSync(tls.caFile);
      const cert = readFileSync(tls.clientCert);
      const key = readFileSync(tls.clientKey);
      await expect(httpsHealth(node.clientUrl, { ca })).rejects.toThrow();
      expect(await httpsHealth(node.clientUrl, { ca, cert, key })).toContain('"health":"true"');
      const token = await authenticate(node, 'root', 'rootpw');
      await put(node, 'k', 'v', token);
      expect(await get(node, 'k', token)).toBe('v');
    } finally {
      await node.destroy();
    }
  });
});

describe('auth', () => {
  const etcd = useEtcd({ auth: true });

  it('rejects anonymous requests and accepts tokens within the granted prefix', async () => {
    const { node } = etcd;
    expect(node.authUsers?.alice).toEqual({ user: 'alice', password: 'alicepw', prefix: 'alice/' });
    await expect(get(node, 'foo')).rejects.toThrow(GatewayError);
    await expect(get(node, 'foo')).rejects.toThrow(/user name is empty/);
    const root = await authenticate(node, 'root', 'rootpw');
    await put(node, 'foo', 'root-was-here', root);
    expect(await get(node, 'foo', root)).toBe('root-was-here');
    const alice = await authenticate(node, 'alice', 'alicepw');
    await put(node, 'alice/x', '1', alice);
    expect(await get(node, 'alice/x', alice)).toBe('1');
    await expect(get(node, 'foo', alice)).rejects.toThrow(/permission denied/);
  });
});

describe('3-member cluster', () => {
  const etcd = useCluster(3);

  it('has a leader, survives losing it, and takes it back after restart()', async () => {
    const { cluster } = etcd;
    expect(new Set(cluster.endpoints).size).toBe(3);
    const leader = await cluster.leader();
    const pid = leader.pid;
    await leader.kill();
    expect(alive(pid)).toBe(false);
    const others = cluster.nodes.filter((n) => n !== leader);
    const next = await cluster.leader();
    expect(others).toContain(next);
    await put(next, 'after', 'failover');
    for (const n of others) expect(await isHealthy(n)).toBe(true);
    await leader.restart();
    expect(leader.isRunning()).toBe(true);
    expect(await isHealthy(leader)).toBe(true);
    expect(await get(leader, 'after')).toBe('failover');
  });
});
