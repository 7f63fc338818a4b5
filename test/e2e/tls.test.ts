// TLS: flag validation (exit 128), when TLS is used (flags, https://, unixs://, --insecure-*),
// verification failures and client certificates; compared with etcdctl where it behaves the same.
import { describe, expect, it } from 'vitest';
import { testCerts, useEtcd } from '../harness/etcd.js';
import { runEctl, type RunResult } from '../harness/run.js';
import {
  QUICK,
  both,
  errorLines,
  expectDeadline,
  expectOk as ok,
  expectRefDeadline as refDeadline,
  hangingServer,
  plaintextServer,
  quiet,
  re,
  strangerCa,
} from './util.js';

/** Exit 1 within the deadline, `context deadline exceeded` naming `ep` and a cause matching `why`. */
const deadline = (r: RunResult, ep: string, why: RegExp) => expectDeadline(r, [[ep, why]]);

const certs = testCerts();
const server = useEtcd({ tls: true, unixSocket: true });
const mtls = useEtcd({ tls: { clientCertAuth: true }, name: 'mtls' });
const plain = useEtcd({ name: 'plain' });

describe('TLS flag validation (before connecting)', () => {
  const { clientCert, clientKey, caFile } = certs;
  const cases: [string[], string][] = [
    [
      ['--cert', clientCert],
      `KeyFile and CertFile must both be present[key: , cert: ${clientCert}]`,
    ],
    [['--key', clientKey], `KeyFile and CertFile must both be present[key: ${clientKey}, cert: ]`],
    [['--cacert', '/nope'], 'open /nope: no such file or directory'],
    [['--cert', '/nope', '--key', clientKey], 'open /nope: no such file or directory'],
    [['--cert', clientCert, '--key', '/nope'], 'open /nope: no such file or directory'],
    [['--cert', ''], 'empty string is passed to --cert option'],
    [['--key', '', '--cacert', caFile], 'empty string is passed to --key option'],
    [['--cacert', ''], 'empty string is passed to --cacert option'],
  ];

  it('exit 128 with etcdctl’s exact messages', async () => {
    await Promise.all(
      cases.map(async ([flags, msg]) => {
        const { ectl, etcdctl } = await both([
          '--endpoints',
          server.endpoint,
          ...flags,
          'get',
          'k',
        ]);
        expect(ectl.stderr).toBe(`Error: ${msg}\n`);
        expect(ectl.code).toBe(128);
        if (etcdctl) {
          expect(errorLines(etcdctl)).toBe(`Error: ${msg}`);
          expect(etcdctl.code).toBe(128);
        }
      }),
    );
  });

  it('reads the same flags from ETCDCTL_CERT / ETCDCTL_CACERT', async () => {
    const env = { ETCDCTL_CERT: clientCert };
    const { ectl, etcdctl } = await both(['--endpoints', server.endpoint, 'get', 'k'], { env });
    const msg = `Error: KeyFile and CertFile must both be present[key: , cert: ${clientCert}]`;
    expect(ectl.stderr).toBe(`${msg}\n`);
    expect(ectl.code).toBe(128);
    if (etcdctl) expect([errorLines(etcdctl), etcdctl.code]).toEqual([msg, 128]);
    const cacert = await runEctl(['--endpoints', server.endpoint, 'put', 'env', 'v'], {
      env: { ETCDCTL_CACERT: caFile },
    });
    ok(cacert, 'OK\n');
  });
});

describe('when TLS is used', () => {
  it('a TLS flag, https:// or unixs:// turn it on; the CA verifies the server', async () => {
    const ep = server.endpoint;
    const ca = ['--cacert', certs.caFile];
    ok(await runEctl(['--endpoints', ep, ...ca, 'put', 'tls', 'v'], {}), 'OK\n');
    for (const form of [ep, `https://${ep}`, `localhost:${server.node.spec.clientPort}`]) {
      const { ectl, etcdctl } = await both(['--endpoints', form, ...ca, 'get', 'tls']);
      ok(ectl, 'tls\nv\n');
      ok(etcdctl, 'tls\nv\n');
    }
    const unixs = `unixs://localhost:${server.node.spec.clientPort}`;
    const sock = await both(['--endpoints', unixs, ...ca, 'get', 'tls'], { cwd: server.node.dir });
    ok(sock.ectl, 'tls\nv\n');
    ok(sock.etcdctl, 'tls\nv\n');
  });

  it('--insecure-skip-tls-verify works without a CA', async () => {
    const ep = server.endpoint;
    const skip = '--insecure-skip-tls-verify';
    const r = await both(['--endpoints', ep, '--insecure-transport=false', skip, 'get', 'tls']);
    ok(r.ectl, 'tls\nv\n');
    ok(r.etcdctl, 'tls\nv\n');
    ok(await runEctl(['--endpoints', `https://${ep}`, skip, 'get', 'tls']), 'tls\nv\n');
    // The flag alone switches etcdctl 3.6+ to TLS, and leaves etcdctl 3.4 in plaintext: ectl tries
    // both, so a TLS server and a plaintext one answer (below).
    ok(await runEctl(['--endpoints', ep, skip, 'get', 'tls']), 'tls\nv\n');
  });

  it('--insecure-skip-tls-verify alone against a plaintext server: plaintext, as etcdctl 3.4', async () => {
    const ep = plain.endpoint;
    ok(await runEctl(['--endpoints', ep, 'put', 'plain', 'p']), 'OK\n');
    const skip = '--insecure-skip-tls-verify';
    const { ectl, etcdctl } = await both(['--endpoints', ep, skip, ...QUICK, 'get', 'plain']);
    ok(ectl, 'plain\np\n');
    ok(etcdctl, 'plain\np\n');
    expect(ectl.ms).toBeLessThan(1000);
    // Only the flag alone: asking for TLS otherwise keeps it required.
    const strict = await runEctl([
      '--endpoints',
      ep,
      skip,
      '--insecure-transport=false',
      ...QUICK,
      'get',
      'plain',
    ]);
    deadline(strict, ep, /TLS/);
  });

  it('plaintext to a TLS server (no flag, or http:// with a CA) fails within the deadline', async () => {
    const ep = server.endpoint;
    const ca = ['--cacert', certs.caFile];
    await Promise.all(
      [[ep], [`http://${ep}`, ...ca]].map(async ([target, ...flags]) => {
        const args = ['--endpoints', target!, ...flags, ...QUICK, 'get', 'tls'];
        const { ectl, etcdctl } = await both(args);
        deadline(ectl, target!, /\S/);
        refDeadline(etcdctl);
      }),
    );
  });
});

describe('TLS failures name their cause', () => {
  it('no CA, the wrong CA, or a server that never answers the handshake', async () => {
    const stranger = strangerCa();
    const hang = await hangingServer();
    const ep = server.endpoint;
    const untrusted = /TLS handshake failed: [^)]*(verify|certificate|self.signed)/;
    const cases: [string[], RegExp][] = [
      [[`https://${ep}`], untrusted],
      [[ep, '--cacert', stranger], untrusted],
      [[ep, '--insecure-transport=false'], untrusted],
      [[hang.endpoint, '--cacert', certs.caFile], /[^;)]*timed out/],
    ];
    try {
      await Promise.all(
        cases.map(async ([[target, ...flags], why]) => {
          const args = ['--endpoints', target!, ...flags, ...QUICK, 'put', 'k', 'v'];
          const { ectl, etcdctl } = await both(args);
          deadline(ectl, target!, why);
          refDeadline(etcdctl);
        }),
      );
    } finally {
      await hang.close();
    }
  });

  it('a plaintext server behind a TLS endpoint', async () => {
    const plain = await plaintextServer();
    try {
      const args = ['--endpoints', plain.endpoint, '--cacert', certs.caFile, ...QUICK, 'get', 'k'];
      deadline(await runEctl(args), plain.endpoint, /TLS handshake failed/);
    } finally {
      await plain.close();
    }
  });

  it('--client-cert-auth: refused without a client certificate, served with one', async () => {
    const ep = mtls.endpoint;
    const ca = ['--cacert', certs.caFile];
    const without = await both(['--endpoints', ep, ...ca, ...QUICK, 'put', 'k', 'v']);
    deadline(without.ectl, ep, /TLS handshake failed: [^\n]*certificate/);
    refDeadline(without.etcdctl);
    const mine = ['--cert', certs.clientCert, '--key', certs.clientKey];
    ok(await runEctl(['--endpoints', ep, ...ca, ...mine, 'put', 'k', 'mtls']), 'OK\n');
    const { ectl, etcdctl } = await both(['--endpoints', ep, ...ca, ...mine, 'get', 'k']);
    ok(ectl, 'k\nmtls\n');
    ok(etcdctl, 'k\nmtls\n');
  });
});

describe('fixed bugs (kept as regressions)', () => {
  it('a TLS connection to 127.0.0.1 prints nothing on stderr (no DEP0123 warning)', async () => {
    const res = await runEctl([
      '--endpoints',
      server.endpoint,
      '--cacert',
      certs.caFile,
      'get',
      'k',
    ]);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
  });

  it('unix:// keeps TLS when a TLS flag is given, as etcdctl does', async () => {
    const ca = ['--cacert', certs.caFile];
    ok(await runEctl(['--endpoints', server.endpoint, ...ca, 'put', 'ut', 'v']), 'OK\n');
    const unix = `unix://localhost:${server.node.spec.clientPort}`;
    const args = ['--endpoints', unix, ...ca, ...QUICK, 'get', 'ut'];
    const { ectl, etcdctl } = await both(args, { cwd: server.node.dir });
    ok(etcdctl, 'ut\nv\n');
    ok(ectl, 'ut\nv\n');
  });

  it('a rejected client certificate keeps the whole message on one line', async () => {
    const ep = mtls.endpoint;
    const res = await runEctl(['--endpoints', ep, '--cacert', certs.caFile, ...QUICK, 'get', 'k']);
    expect(res.code).toBe(1);
    expect(quiet(res)).toMatch(
      new RegExp(
        `^Error: context deadline exceeded \\(${re(ep)}: TLS handshake failed: [^\\n]*\\)\\n$`,
      ),
    );
  });
});
