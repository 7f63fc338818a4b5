// A throwaway PKI for TLS tests, made with the openssl CLI so the harness needs no npm package.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEMP_PREFIX, trackDir } from './pids.js';

export interface CertPaths {
  dir: string;
  caFile: string;
  serverCert: string;
  serverKey: string;
  /** CN=client: an ordinary client certificate. */
  clientCert: string;
  clientKey: string;
  /** CN=root: with --client-cert-auth and auth enabled, etcd treats the caller as user root. */
  rootCert: string;
  rootKey: string;
  /** No CN: with auth on, etcd 3.4 refuses gateway requests whose client certificate has a CN. */
  anonCert: string;
  anonKey: string;
  /**
   * The server certificate does not verify on purpose (wrong names, expired): the harness's own
   * health checks skip verification.
   */
  insecure?: boolean;
}

// Our own minimal config, so the result does not depend on the distribution's openssl.cnf.
const CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
# clientAuth too: etcd's gRPC gateway dials its own gRPC port with the server certificate.
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
[client]
basicConstraints = CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = clientAuth
`;

// P-256 keys: generated in milliseconds, and accepted by both Go's and Node's TLS stacks.
const NEW_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
let issued = 0;

let cached: CertPaths | undefined;

/** Generates (once per test process) a CA plus server, client, root and CN-less certificates. */
export function testCerts(): CertPaths {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}certs-`));
  trackDir(dir);
  const cnf = join(dir, 'openssl.cnf');
  writeFileSync(cnf, CONFIG);
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const days = ['-days', '3650'];

  const req = (subject: string, key: string, out: string, extra: string[]) => {
    const args = ['req', '-config', cnf, '-subj', subject, ...NEW_KEY, ...extra];
    openssl([...args, '-keyout', key, '-out', out]);
  };
  req('/CN=ectl test CA', 'ca-key.pem', 'ca.pem', ['-x509', '-extensions', 'ca', ...days]);

  const issue = (name: string, subject: string, section: 'server' | 'client') => {
    const [key, csr, cert] = [`${name}-key.pem`, `${name}.csr`, `${name}.pem`];
    req(subject, key, csr, ['-new']);
    // A random serial: no ca.srl file to share between certificates.
    const serial = `0x${Date.now().toString(16)}${Math.floor(Math.random() * 1e9).toString(16)}`;
    const signer = ['-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-set_serial', serial, ...days];
    const ext = ['-extfile', cnf, '-extensions', section];
    openssl(['x509', '-req', '-in', csr, ...signer, ...ext, '-out', cert]);
    return { cert: join(dir, cert), key: join(dir, key) };
  };
  const server = issue('server', '/CN=etcd-server', 'server');
  const client = issue('client', '/CN=client', 'client');
  const root = issue('root', '/CN=root', 'client');
  const anon = issue('anon', '/O=ectl test', 'client');
  cached = {
    dir,
    caFile: join(dir, 'ca.pem'),
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
    rootCert: root.cert,
    rootKey: root.key,
    anonCert: anon.cert,
    anonKey: anon.key,
  };
  return cached;
}

/**
 * A server certificate signed by the test CA with the given subjectAltName (OpenSSL syntax),
 * valid from now (or `notBefore`) for `days` days from now (`-days -1`: expired a day ago); the
 * test CA and client certificates stay as they are.
 */
export function serverCert(opts: { san: string; days: number; notBefore?: string }): CertPaths {
  const base = testCerts();
  const name = `server-${++issued}`;
  const cnf = join(base.dir, `${name}.cnf`);
  const section = CONFIG.slice(CONFIG.indexOf('[server]'), CONFIG.indexOf('[client]'));
  writeFileSync(
    cnf,
    `${CONFIG}\n${section.replace('[server]', '[custom]').replace(/subjectAltName = .*/, `subjectAltName = ${opts.san}`)}`,
  );
  const openssl = (args: string[]) =>
    execFileSync('openssl', args, { cwd: base.dir, stdio: 'pipe' });
  const [key, csr, cert] = [`${name}-key.pem`, `${name}.csr`, `${name}.pem`];
  openssl([
    'req',
    '-config',
    cnf,
    '-subj',
    '/CN=etcd-server',
    ...NEW_KEY,
    '-new',
    '-keyout',
    key,
    '-out',
    csr,
  ]);
  if (opts.notBefore) {
    // `openssl x509` always starts at now; `openssl ca` takes explicit dates (YYYYMMDDHHMMSSZ);
    // its serial file wants an even number of hex digits.
    const db = `${name}-db`;
    writeFileSync(join(base.dir, `${db}.txt`), '');
    writeFileSync(join(base.dir, `${db}.serial`), `${(0x1000 + issued).toString(16)}\n`);
    const caCnf = join(base.dir, `${name}-ca.cnf`);
    const ca = `[ca]\ndefault_ca = d\n[d]\ndatabase = ${db}.txt\nserial = ${db}.serial\nnew_certs_dir = .\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n`;
    writeFileSync(caCnf, ca);
    const end = new Date(Date.now() + opts.days * 86_400_000);
    const enddate = `${end.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
    openssl(
      ['ca', '-batch', '-config', caCnf, '-cert', 'ca.pem', '-keyfile', 'ca-key.pem']
        .concat(['-in', csr, '-out', cert, '-notext', '-startdate', opts.notBefore])
        .concat(['-enddate', enddate, '-extfile', cnf, '-extensions', 'custom']),
    );
    return {
      ...base,
      serverCert: join(base.dir, cert),
      serverKey: join(base.dir, key),
      insecure: true,
    };
  }
  const serial = `0x${Date.now().toString(16)}${issued}`;
  openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-set_serial',
      serial,
    ].concat(['-days', String(opts.days), '-extfile', cnf, '-extensions', 'custom', '-out', cert]),
  );
  return {
    ...base,
    serverCert: join(base.dir, cert),
    serverKey: join(base.dir, key),
    insecure: true,
  };
}

/**
 * A client certificate signed by a CA of its own (not the test CA): a server with
 * --client-cert-auth rejects it.
 */
export function strangerClientCert(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}stranger-client-`));
  trackDir(dir);
  const cnf = join(dir, 'openssl.cnf');
  writeFileSync(cnf, CONFIG);
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const req = ['req', '-config', cnf, ...NEW_KEY];
  openssl(
    [...req, '-subj', '/CN=stranger CA', '-x509', '-extensions', 'ca', '-days', '30'].concat([
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
    ]),
  );
  openssl([
    ...req,
    '-subj',
    '/CN=client',
    '-new',
    '-keyout',
    'client-key.pem',
    '-out',
    'client.csr',
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    'client.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca-key.pem',
    '-set_serial',
    '7',
    '-days',
    '30',
    '-extfile',
    cnf,
    '-extensions',
    'client',
    '-out',
    'client.pem',
  ]);
  return { cert: join(dir, 'client.pem'), key: join(dir, 'client-key.pem') };
}
