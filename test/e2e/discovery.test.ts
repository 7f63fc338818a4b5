// --discovery-srv against a DNS server the test runs (ECTL_DNS_SERVERS points ectl at it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { startSrvDns } from '../harness/dns.js';
import { runEctl } from '../harness/run.js';

const etcd = useEtcd();
let dns: { server: string; close(): void };

beforeAll(async () => {
  const port = Number(etcd.endpoint.split(':')[1]);
  dns = await startSrvDns({
    '_etcd-client._tcp.plain.test': [{ target: '127.0.0.1', port }],
    '_etcd-client-blue._tcp.named.test': [{ target: '127.0.0.1', port }],
  });
});
afterAll(() => dns.close());

const run = (args: string[]) => runEctl(args, { env: { ECTL_DNS_SERVERS: dns.server } });

describe('--discovery-srv', () => {
  it('finds the endpoints from _etcd-client._tcp records and ignores --endpoints', async () => {
    expect((await run(['put', 'disc/k', 'v', '--endpoints', '127.0.0.1:1'])).code).toBe(1);
    const put = await run(['-d', 'plain.test', '--endpoints', '127.0.0.1:1', 'put', 'disc/k', 'v']);
    expect(put.stderr).toBe('');
    expect(put.stdout.toString()).toBe('OK\n');
    const get = await run(['--discovery-srv', 'plain.test', 'get', 'disc/k', '--print-value-only']);
    expect(get.stdout.toString()).toBe('v\n');
  });

  it('uses the service name suffix of --discovery-srv-name', async () => {
    const r = await run([
      '-d',
      'named.test',
      '--discovery-srv-name',
      'blue',
      'get',
      'disc/k',
      '--print-value-only',
    ]);
    expect(r.stdout.toString()).toBe('v\n');
  });

  it('drops insecure endpoints with --insecure-discovery=false, naming each', async () => {
    const r = await run([
      '-d',
      'plain.test',
      '--insecure-discovery=false',
      '--endpoints',
      '127.0.0.1:1',
      '--command-timeout',
      '1s',
      'get',
      'k',
    ]);
    expect(r.stderr).toContain(
      `ignoring discovered insecure endpoint "http://127.0.0.1:${etcd.endpoint.split(':')[1]}"`,
    );
    expect(r.code).not.toBe(0);
  });

  it('reports failed lookups with exit 1', async () => {
    const r = await run(['-d', 'nothing.test', 'get', 'k']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: dns lookup errors: /);
  });
});
