// Contexts that carry TLS files and credentials, against real servers: a context's cacert, cert and
// key reach a client-cert-auth server; its user and password-file authenticate (the password never
// in the file); a flag or ETCDCTL_* variable still wins over the context.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { runEctl } from '../harness/run.js';

const mtls = useEtcd({ tls: { clientCertAuth: true }, name: 'ctx-mtls' });
const auth = useEtcd({ auth: true, name: 'ctx-auth' });
let env: Record<string, string>;
let dir: string;

const ectl = (args: string[], extra: Record<string, string> = {}) =>
  runEctl(args, { env: { ...env, ...extra } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}contexts-secure-`));
  trackDir(dir);
  env = { ECTL_CONFIG: join(dir, 'config.yaml') };
  const { caFile, clientCert, clientKey } = mtls.node.tls!;
  const pw = join(dir, 'root.pw');
  writeFileSync(pw, 'rootpw\n', { mode: 0o600 });
  const set = [
    [
      'secure',
      '--endpoints',
      mtls.endpoint,
      '--cacert',
      caFile,
      '--cert',
      clientCert,
      '--key',
      clientKey,
    ],
    ['authed', '--endpoints', auth.endpoint, '--user', 'root', '--password-file', pw],
  ];
  for (const args of set) {
    const r = await ectl(['config', 'set-context', ...args]);
    expect(r.stderr).toBe('');
  }
});

describe('contexts with TLS and credentials', () => {
  it("the context's TLS files reach a client-cert-auth server", async () => {
    const put = await ectl(['--context', 'secure', 'put', 'k', 'tls']);
    expect([put.code, put.stdout.toString(), put.stderr]).toEqual([0, 'OK\n', '']);
    const get = await ectl(['get', 'k'], { ECTL_CONTEXT: 'secure' });
    expect(get.stdout.toString()).toBe('k\ntls\n');
  });

  it('user and password-file authenticate; the password is not in the config file', async () => {
    const r = await ectl(['--context', 'authed', 'user', 'list']);
    expect([r.code, r.stdout.toString(), r.stderr]).toEqual([0, 'alice\nroot\n', '']);
    expect(readFileSync(env.ECTL_CONFIG!, 'utf8')).not.toContain('rootpw');
  });

  it('ETCDCTL_* and flags win over the context', async () => {
    // Another user from the environment: the context's password file is not used for it.
    const r = await ectl(['--context', 'authed', 'get', 'alice/x'], {
      ETCDCTL_USER: 'alice:wrong',
    });
    expect([r.code, r.stderr]).toEqual([
      2,
      'Error: etcdserver: authentication failed, invalid user ID or password\n',
    ]);
    // Endpoints from ETCDCTL_ENDPOINTS and TLS files from flags: the context's user stays (the
    // mTLS server has no auth, so it is not asked) and the other server answers.
    const { caFile, clientCert, clientKey } = mtls.node.tls!;
    const tls = ['--cacert', caFile, '--cert', clientCert, '--key', clientKey];
    const other = await ectl(['--context', 'authed', ...tls, 'get', 'k'], {
      ETCDCTL_ENDPOINTS: mtls.endpoint,
    });
    expect([other.code, other.stdout.toString(), other.stderr]).toEqual([0, 'k\ntls\n', '']);
  });
});
