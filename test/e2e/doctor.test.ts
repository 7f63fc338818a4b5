// ectl doctor against each broken set-up, built for real: TLS servers reached without the CA, with
// https:// to a plaintext port and plaintext to a TLS port, certificates with wrong names, expired
// or expiring soon, client-cert-auth without a client certificate, auth with a bad password or
// none, a NOSPACE alarm under a tiny quota, the peer port, a name that does not resolve, a refused
// port and one that never answers; and a healthy server, which passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EtcdNode,
  serverCert,
  startEtcd,
  strangerClientCert,
  testCerts,
} from '../harness/etcd.js';
import { authenticate, httpRequest } from '../harness/gateway.js';
import { runEctl, type RunResult } from '../harness/run.js';
import { hangingServer, refusedEndpoint } from './util.js';
import { startSrvDns } from '../harness/dns.js';

interface Check {
  name: string;
  status: 'ok' | 'fail' | 'warn' | 'skip';
  detail: string;
  hint: string;
}
interface Report {
  endpoint: string;
  checks: Check[];
}

const certs = testCerts();
const CA = ['--cacert', certs.caFile];
const nodes: Record<string, EtcdNode> = {};

beforeAll(async () => {
  const specs = {
    plain: {},
    tls: { tls: true },
    mtls: { tls: { clientCertAuth: true } },
    auth: { auth: true },
    quota: { extraArgs: ['--quota-backend-bytes', String(1 << 20)] },
    wrongSan: { tls: { certs: serverCert({ san: 'DNS:wrong.example', days: 365 }) } },
    expired: { tls: { certs: serverCert({ san: 'IP:127.0.0.1', days: -1 }) } },
    expiring: { tls: { certs: serverCert({ san: 'IP:127.0.0.1', days: 10 }) } },
    future: {
      tls: { certs: serverCert({ san: 'IP:127.0.0.1', days: 3650, notBefore: '20300101000000Z' }) },
    },
  };
  const started = await Promise.allSettled(
    Object.entries(specs).map(async ([name, opts]) => {
      nodes[name] = await startEtcd({ ...opts, name: `doc-${name}` });
    }),
  );
  const failed = started.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(nodes).map((n) => n.destroy()));
});

/** Runs doctor with `-o json`; returns the run and its reports. */
async function doctor(args: string[]): Promise<{ r: RunResult; reports: Report[] }> {
  const r = await runEctl([...args, 'doctor', '-o', 'json']);
  expect(r.stderr).toBe('');
  return { r, reports: JSON.parse(r.stdout.toString()) as Report[] };
}

/** The one report's check `name`. */
function check(reports: Report[], name: string): Check {
  const found = reports[0]!.checks.find((c) => c.name === name);
  if (!found) throw new Error(`no ${name} check in ${JSON.stringify(reports)}`);
  return found;
}

const failed = (reports: Report[]) =>
  reports.flatMap((r) => r.checks.filter((c) => c.status === 'fail').map((c) => c.name));

describe('a healthy server', () => {
  it('passes every check: exit 0, "No problems found." in the human report', async () => {
    const ep = nodes.plain!.endpoint;
    const { r, reports } = await doctor(['--endpoints', ep]);
    expect(r.code).toBe(0);
    expect(reports[0]!.endpoint).toBe(ep);
    const names = reports[0]!.checks.map((c) => `${c.name}:${c.status}`);
    expect(names).toEqual([
      'dns:ok',
      'tcp:ok',
      'protocol:ok',
      'client port:ok',
      'grpc:ok',
      'leader:ok',
      'raft:ok',
      'auth:ok',
      'alarms:ok',
      'db size:ok',
    ]);
    expect(check(reports, 'grpc').detail).toMatch(
      /^etcd 3\.\d+\.\d+, member [0-9a-f]{16}, \d+ ms$/,
    );
    expect(check(reports, 'db size').detail).toMatch(/quota unknown/);
    const human = await runEctl(['--endpoints', ep, 'doctor']);
    expect(human.code).toBe(0);
    const out = human.stdout.toString();
    expect(out).toMatch(/^127\.0\.0\.1:\d+\n +CHECK +RESULT\n✓ +dns +IP address, no lookup\n/);
    expect(out).toMatch(/\nNo problems found\.\n$/);
    expect(out).not.toMatch(/\x1b\[/); // not a terminal: no colour
  });

  it('TLS with --cacert passes; the certificate check says how long it is valid', async () => {
    const { r, reports } = await doctor(['--endpoints', nodes.tls!.endpoint, ...CA]);
    expect(failed(reports)).toEqual([]);
    expect(r.code).toBe(0);
    expect(check(reports, 'protocol').detail).toBe('TLS, HTTP/2');
    expect(check(reports, 'tls').detail).toBe('verified (issuer "ectl test CA")');
    expect(check(reports, 'certificate').detail).toMatch(
      /^valid until \d{4}-\d\d-\d\d \(\d+ days\)$/,
    );
  });
});

describe('connection problems', () => {
  it('a name that does not resolve', async () => {
    const { r, reports } = await doctor(['--endpoints', 'etcd.doctor.invalid:2379']);
    expect(r.code).toBe(1);
    expect(check(reports, 'dns')).toMatchObject({
      status: 'fail',
      detail: 'cannot resolve etcd.doctor.invalid (ENOTFOUND)',
    });
    expect(check(reports, 'grpc').status).toBe('skip');
  });

  it('no endpoints at all; -o key/value are refused (exit 4)', async () => {
    const { r, reports } = await doctor(['--endpoints', '']);
    expect(r.code).toBe(1);
    expect(reports[0]!.checks[0]).toMatchObject({ name: 'endpoints', status: 'fail' });
    for (const f of ['key', 'value']) {
      const bad = await runEctl(['doctor', '-o', f]);
      expect([bad.stderr, bad.code]).toEqual([
        `Error: -o ${f} is not supported by this command\n`,
        4,
      ]);
    }
  });

  it('a refused port', async () => {
    const { r, reports } = await doctor(['--endpoints', await refusedEndpoint()]);
    expect(r.code).toBe(1);
    expect(check(reports, 'tcp')).toMatchObject({ status: 'fail', detail: 'connection refused' });
    expect(check(reports, 'tcp').hint).toMatch(/is etcd running/);
  });

  it('a port that never answers: done within --dial-timeout + 1 s', async () => {
    const hang = await hangingServer();
    try {
      const r = await runEctl([
        '--endpoints',
        hang.endpoint,
        '--dial-timeout',
        '1s',
        'doctor',
        '-o',
        'json',
      ]);
      expect(r.code).toBe(1);
      // 2 s: the bound; the rest is the process's start-up on a busy machine.
      expect(r.ms).toBeLessThan(2000 + 1500);
      const reports = JSON.parse(r.stdout.toString()) as Report[];
      expect(check(reports, 'protocol')).toMatchObject({
        status: 'fail',
        detail: 'the port accepts connections but answers nothing',
      });
    } finally {
      await hang.close();
    }
  });

  it('the peer port by mistake: port 2380, not 2379, with the client URLs', async () => {
    const node = nodes.plain!;
    const { r, reports } = await doctor(['--endpoints', `127.0.0.1:${node.spec.peerPort}`]);
    expect(r.code).toBe(1);
    expect(check(reports, 'client port')).toEqual({
      name: 'client port',
      status: 'fail',
      detail: "this is etcd's peer port (it listed the members at /members)",
      hint: `use a client URL (port 2379, not 2380): ${node.clientUrl}`,
    });
  });
});

describe('--discovery-srv', () => {
  it('the SRV records as a report of their own, then the endpoints they name', async () => {
    const port = nodes.plain!.spec.clientPort;
    const dns = await startSrvDns({
      '_etcd-client._tcp.doc.test': [{ target: '127.0.0.1', port }],
    });
    try {
      const env = { env: { ECTL_DNS_SERVERS: dns.server } };
      const r = await runEctl(['-d', 'doc.test', 'doctor', '-o', 'json'], env);
      const reports = JSON.parse(r.stdout.toString()) as Report[];
      expect(reports.map((x) => x.endpoint)).toEqual(['SRV doc.test', `http://127.0.0.1:${port}`]);
      expect(reports[0]!.checks).toEqual([
        { name: 'discovery', status: 'ok', detail: `http://127.0.0.1:${port}`, hint: '' },
      ]);
      expect(failed(reports)).toEqual([]);
      expect(r.code).toBe(0);
      const none = await runEctl(['-d', 'none.test', 'doctor', '-o', 'json'], env);
      expect(none.code).toBe(1);
      const [report] = JSON.parse(none.stdout.toString()) as Report[];
      expect(report!.checks[0]).toMatchObject({ name: 'discovery', status: 'fail' });
      expect(report!.checks[0]!.hint).toBe(
        'publish _etcd-client-ssl._tcp.none.test or _etcd-client._tcp.none.test, or use --endpoints',
      );
    } finally {
      dns.close();
    }
  });
});

describe('protocol and TLS problems', () => {
  it('https:// to a plaintext port', async () => {
    const ep = nodes.plain!.endpoint;
    const { r, reports } = await doctor(['--endpoints', `https://${ep}`]);
    expect(r.code).toBe(1);
    expect(check(reports, 'protocol')).toMatchObject({
      status: 'fail',
      detail: 'TLS spoken to a plaintext port: the server answered in plaintext HTTP/2',
    });
    expect(check(reports, 'protocol').hint).toMatch(new RegExp(`^use http://${ep} `));
  });

  it('plaintext to a TLS port', async () => {
    const ep = nodes.tls!.endpoint;
    const { r, reports } = await doctor(['--endpoints', ep]);
    expect(r.code).toBe(1);
    expect(check(reports, 'protocol')).toEqual({
      name: 'protocol',
      status: 'fail',
      detail: 'plaintext spoken to a TLS port: the server speaks TLS',
      hint: `use https://${ep} with --cacert ca.pem (the CA that signed the server's certificate)`,
    });
  });

  it('a TLS server and no --cacert: unknown authority, hint --cacert', async () => {
    const { r, reports } = await doctor(['--endpoints', `https://${nodes.tls!.endpoint}`]);
    expect(r.code).toBe(1);
    expect(check(reports, 'tls')).toEqual({
      name: 'tls',
      status: 'fail',
      detail: 'certificate signed by unknown authority ("ectl test CA")',
      hint: '--cacert ca.pem (the CA that signed the server\'s certificate ("ectl test CA"))',
    });
    // --insecure-skip-tls-verify makes it a warning, and gRPC goes on.
    const skip = await doctor([
      '--endpoints',
      `https://${nodes.tls!.endpoint}`,
      '--insecure-skip-tls-verify',
    ]);
    expect(check(skip.reports, 'tls').status).toBe('warn');
    expect(check(skip.reports, 'grpc').status).toBe('ok');
    expect(skip.r.code).toBe(0);
    // The flag alone leaves plaintext or TLS possible, as the client does: both servers pass.
    const either = await doctor([
      '--endpoints',
      `${nodes.tls!.endpoint},${nodes.plain!.endpoint}`,
      '--insecure-skip-tls-verify',
    ]);
    expect(either.reports.map((x) => failed([x]))).toEqual([[], []]);
    expect(either.reports[0]!.checks.find((k) => k.name === 'tls')!.status).toBe('warn');
    expect(either.reports[1]!.checks.find((k) => k.name === 'protocol')!.detail).toBe(
      'plaintext HTTP/2',
    );
    expect(either.r.code).toBe(0);
  });

  it('a certificate whose names do not include the host', async () => {
    const { r, reports } = await doctor([
      '--endpoints',
      `https://${nodes.wrongSan!.endpoint}`,
      ...CA,
    ]);
    expect(r.code).toBe(1);
    expect(check(reports, 'tls')).toMatchObject({
      status: 'fail',
      detail: 'certificate is for DNS:wrong.example, not 127.0.0.1',
    });
    expect(check(reports, 'tls').hint).toMatch(/IP:127\.0\.0\.1 in its subjectAltName/);
  });

  it('an expired certificate fails; one expiring within 30 days warns (exit 0)', async () => {
    const expired = await doctor(['--endpoints', `https://${nodes.expired!.endpoint}`, ...CA]);
    expect(expired.r.code).toBe(1);
    expect(check(expired.reports, 'certificate')).toMatchObject({ status: 'fail' });
    expect(check(expired.reports, 'certificate').detail).toMatch(/^expired on \d{4}-\d\d-\d\d$/);
    const soon = await doctor(['--endpoints', `https://${nodes.expiring!.endpoint}`, ...CA]);
    expect(check(soon.reports, 'certificate')).toMatchObject({ status: 'warn' });
    expect(check(soon.reports, 'certificate').detail).toMatch(/^expires in (9|10) days \(/);
    expect(check(soon.reports, 'grpc').status).toBe('ok');
    expect(soon.r.code).toBe(0);
  });

  it('a certificate not valid yet (a clock problem, or issued for later)', async () => {
    const { r, reports } = await doctor([
      '--endpoints',
      `https://${nodes.future!.endpoint}`,
      ...CA,
    ]);
    expect(r.code).toBe(1);
    expect(check(reports, 'certificate')).toEqual({
      name: 'certificate',
      status: 'fail',
      detail: 'not valid before 2030-01-01',
      hint: 'check the clocks of this machine and of the server, or reissue the certificate',
    });
  });

  it('client-cert-auth without a client certificate; with one it passes', async () => {
    const ep = `https://${nodes.mtls!.endpoint}`;
    const { r, reports } = await doctor(['--endpoints', ep, ...CA]);
    expect(r.code).toBe(1);
    expect(check(reports, 'client cert')).toMatchObject({ status: 'fail' });
    expect(check(reports, 'client cert').detail).toMatch(
      /^the server requires a client certificate/,
    );
    expect(check(reports, 'client cert').hint).toMatch(/^--cert client\.pem --key client-key\.pem/);
    const withCert = await doctor([
      '--endpoints',
      ep,
      ...CA,
      '--cert',
      certs.clientCert,
      '--key',
      certs.clientKey,
    ]);
    expect(check(withCert.reports, 'client cert')).toMatchObject({
      status: 'ok',
      detail: 'accepted',
    });
    expect(withCert.r.code).toBe(0);
    // A client certificate from a CA the server does not trust: rejected.
    const stranger = strangerClientCert();
    const rejected = await doctor([
      '--endpoints',
      ep,
      ...CA,
      '--cert',
      stranger.cert,
      '--key',
      stranger.key,
    ]);
    expect(check(rejected.reports, 'client cert')).toMatchObject({ status: 'fail' });
    expect(check(rejected.reports, 'client cert').detail).toMatch(
      /^the server rejected the client certificate \(/,
    );
    expect(check(rejected.reports, 'client cert').hint).toBe(
      "use a client certificate signed by the CA of the server's --trusted-ca-file",
    );
    expect(rejected.r.code).toBe(1);
  });
});

describe('cluster problems', () => {
  it('auth enabled: no credentials, a bad password, then the right one', async () => {
    const ep = nodes.auth!.endpoint;
    const none = await doctor(['--endpoints', ep]);
    expect(check(none.reports, 'auth')).toMatchObject({
      status: 'fail',
      detail: 'enabled, and no credentials were given',
    });
    expect(none.r.code).toBe(1);
    const bad = await doctor(['--endpoints', ep, '--user', 'root:wrong']);
    expect(check(bad.reports, 'auth')).toMatchObject({
      status: 'fail',
      detail: 'enabled; user "root": authentication failed (wrong user name or password)',
    });
    expect(bad.r.code).toBe(1);
    const good = await doctor(['--endpoints', ep, '--user', 'root:rootpw']);
    expect(check(good.reports, 'auth')).toMatchObject({
      status: 'ok',
      detail: 'enabled; user "root" authenticated, token accepted',
    });
    expect(good.r.code).toBe(0);
    // A token given with --auth-jwt-token (etcd's simple token here): accepted, or rejected.
    const token = await authenticate(nodes.auth!, 'root', 'rootpw');
    const given = await doctor(['--endpoints', ep, '--auth-jwt-token', token]);
    expect(check(given.reports, 'auth')).toMatchObject({ status: 'ok', detail: 'token accepted' });
    const wrong = await doctor(['--endpoints', ep, '--auth-jwt-token', 'not-a-token']);
    expect(check(wrong.reports, 'auth')).toMatchObject({
      status: 'fail',
      detail: 'token rejected (etcdserver: invalid auth token)',
    });
    expect(wrong.r.code).toBe(1);
  });

  it('a tiny quota filled up: the NOSPACE alarm and how to clear it', async () => {
    const node = nodes.quota!;
    const value = Buffer.alloc(100 * 1024, 'x').toString('base64');
    for (let i = 0; i < 40; i++) {
      const key = Buffer.from(`k${i}`).toString('base64');
      const body = JSON.stringify({ key, value });
      const res = await httpRequest(node, 'POST', '/v3/kv/put', { body });
      if (/database space exceeded/.test(res.body)) break;
    }
    const { r, reports } = await doctor(['--endpoints', node.endpoint]);
    expect(r.code).toBe(1);
    const alarms = check(reports, 'alarms');
    expect(alarms.status).toBe('fail');
    expect(alarms.detail).toMatch(/^NOSPACE on [0-9a-f]{16}$/);
    expect(alarms.hint).toMatch(/ectl alarm disarm$/);
    // A 1 MiB quota fills up at about 1 MiB: bbolt's pages put the size on either side of it.
    expect(check(reports, 'db size').detail).toMatch(
      /^\d+\.\d [KM]iB \(in use \d+\.\d [KM]iB\); quota unknown /,
    );
  });
});
