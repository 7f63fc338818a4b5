// Authentication: --user/--password (and their variables), the password prompt on a non-TTY
// stdin, auth and permission errors, --debug never leaking secrets, auth over failover and
// against a dead cluster, and renewal of an expired token; compared with etcdctl.
import { describe, expect, it } from 'vitest';
import { authenticate, b64, gateway, useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl } from '../harness/run.js';
import {
  both,
  delayingProxy,
  errorLines,
  expectDeadline,
  expectOk as ok,
  expectRefDeadline,
  hangingServer,
  refusedEndpoint,
} from './util.js';

// Simple tokens that expire one second after their last use, to exercise renewal.
const etcd = useEtcd({
  auth: true,
  extraArgs: ['--auth-token', 'simple', '--auth-token-ttl', '1'],
});

const ROOT = ['--user', 'root:rootpw'];
const EMPTY = 'etcdserver: user name is empty';
const AUTH_FAILED = 'etcdserver: authentication failed, invalid user ID or password';
const DENIED = 'etcdserver: permission denied';
// A simple token looks like `<16 letters>.<index>`.
const TOKEN = /\b[A-Za-z]{16}\.\d+\b/;

const ep = () => ['--endpoints', etcd.endpoint];

describe('credentials', () => {
  it('root, --user name --password, alice within alice/, and the ETCDCTL_ variables', async () => {
    ok(await runEctl([...ep(), ...ROOT, 'put', 'top', 'r']), 'OK\n');
    const pw = await both([...ep(), '--user', 'root', '--password', 'rootpw', 'get', 'top']);
    ok(pw.ectl, 'top\nr\n');
    ok(pw.etcdctl, 'top\nr\n');
    const alice = ['--user', 'alice:alicepw'];
    ok(await runEctl([...ep(), ...alice, 'put', 'alice/x', '1']), 'OK\n');
    const got = await both([...ep(), ...alice, 'get', '--prefix', 'alice/']);
    ok(got.ectl, 'alice/x\n1\n');
    ok(got.etcdctl, 'alice/x\n1\n');
    const env = { ETCDCTL_USER: 'alice', ETCDCTL_PASSWORD: 'alicepw' };
    ok(await runEctl([...ep(), 'del', 'alice/x'], { env }), '1\n');
  });

  it('errors and exit codes match etcdctl', async () => {
    const cases: [string[], string, number, Record<string, string>?][] = [
      [['get', 'top'], EMPTY, 1],
      [['--password', 'rootpw', 'get', 'top'], EMPTY, 1], // --password alone is ignored
      [['--user', 'root:', 'get', 'top'], EMPTY, 1], // empty password: no authentication
      [['--user', 'root:wrong', 'get', 'top'], AUTH_FAILED, 2],
      [['--user', 'nobody:x', 'put', 'top', 'v'], AUTH_FAILED, 2],
      [['--user', 'root', '--password', 'wrong', 'get', 'top'], AUTH_FAILED, 2],
      // With --password the user is taken verbatim, colon included.
      [['--user', 'root:rootpw', '--password', 'rootpw', 'get', 'top'], AUTH_FAILED, 2],
      [['get', 'top'], AUTH_FAILED, 2, { ETCDCTL_USER: 'root:wrong' }],
      [['--user', 'alice:alicepw', 'get', 'top'], DENIED, 1],
      [['--user', 'alice:alicepw', 'put', 'top', 'v'], DENIED, 1],
      [['--user', 'alice:alicepw', 'del', 'top'], DENIED, 1],
      [['--user', 'alice:alicepw', 'get', '--prefix', 'alice'], DENIED, 1], // alice0… is outside
    ];
    // One case at a time: etcd checks each password with bcrypt, and two dozen logins at once on
    // a busy machine outlast etcdctl's 2 s dial timeout (it then says "context deadline exceeded").
    for (const [args, msg, code, env] of cases) {
      const { ectl, etcdctl } = await both([...ep(), ...args], { env });
      expect([ectl.stderr, ectl.code], args.join(' ')).toEqual([`Error: ${msg}\n`, code]);
      if (etcdctl) expect([errorLines(etcdctl), etcdctl.code]).toEqual([`Error: ${msg}`, code]);
    }
  });
});

describe('password prompt when stdin is not a terminal', () => {
  it('prints `Password: ` on stdout and reads one line', async () => {
    const args = [...ep(), '--user', 'root', 'get', 'top'];
    const res = await runEctl(args, { stdin: 'rootpw\nnot-the-password\n' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = res.stdout.toString();
    expect(out.startsWith('Password: ')).toBe(true);
    expect(out.replace(/^Password: \n?/, '')).toBe('top\nr\n');
  });

  it('a wrong password from stdin is exit 2', async () => {
    const { ectl, etcdctl } = await both([...ep(), '--user', 'root', 'get', 'top'], {
      stdin: 'nope\n',
    });
    expect([ectl.stderr, ectl.code]).toEqual([`Error: ${AUTH_FAILED}\n`, 2]);
    expect(ectl.stdout.toString()).toMatch(/^Password: \n?$/); // see known bugs
    if (etcdctl) expect([errorLines(etcdctl), etcdctl.code]).toEqual([`Error: ${AUTH_FAILED}`, 2]);
  });
});

describe('--debug', () => {
  it('prints the ETCDCTL_* configuration but never a password or token', async () => {
    const runs = await Promise.all([
      runEctl([...ep(), '--debug', ...ROOT, 'get', 'top']),
      runEctl([...ep(), '--debug', '--user', 'root', '--password', 'rootpw', 'get', 'top']),
      runEctl([...ep(), '--debug', '--user', 'root', 'get', 'top'], { stdin: 'rootpw\n' }),
      runEctl([...ep(), 'get', 'top'], {
        env: { ETCDCTL_DEBUG: 'true', ETCDCTL_USER: 'root', ETCDCTL_PASSWORD: 'rootpw' },
      }),
    ]);
    for (const r of runs) {
      expect(r.code, r.stderr).toBe(0);
      const settings = r.stderr.split('\n').filter((l) => /^ETCDCTL_[A-Z_]+=/.test(l));
      expect(settings.length).toBeGreaterThanOrEqual(18);
      expect([...settings].sort()).toEqual(settings);
      expect(settings).toContain(`ETCDCTL_ENDPOINTS=[${etcd.endpoint}]`);
      expect(settings).toContain('ETCDCTL_DEBUG=true');
      expect(settings.some((l) => l.startsWith('ETCDCTL_USER=root'))).toBe(true);
      const all = r.stderr + r.stdout.toString();
      expect(all).not.toContain('rootpw');
      expect(all).not.toMatch(TOKEN);
    }
    const jwt = await runEctl([
      ...ep(),
      '--debug',
      '--auth-jwt-token',
      'SeCrEtJwT.x.y',
      'get',
      'k',
    ]);
    expect(jwt.stderr).toMatch(/^ETCDCTL_AUTH_JWT_TOKEN=/m);
    expect(jwt.stderr + jwt.stdout.toString()).not.toContain('SeCrEtJwT');
  });
});

describe('auth and connectivity', () => {
  it('authenticates past dead first endpoints (refused, unresponsive)', async () => {
    const dead = await refusedEndpoint();
    const hang = await hangingServer();
    try {
      const eps = `${dead},${hang.endpoint},${etcd.endpoint}`;
      const { ectl, etcdctl } = await both(['--endpoints', eps, ...ROOT, 'get', 'top']);
      ok(ectl, 'top\nr\n');
      expect(ectl.ms).toBeLessThan(2000); // the dial timeout (2 s) bounds Authenticate
      ok(etcdctl, 'top\nr\n');
    } finally {
      await hang.close();
    }
  });

  it('a dead cluster fails authentication within the dial timeout (exit 2)', async () => {
    const hang = await hangingServer();
    const refused = await refusedEndpoint();
    try {
      const cases: [string, RegExp][] = [
        [refused, /connection refused/],
        [hang.endpoint, /timed out/],
      ];
      await Promise.all(
        cases.map(async ([dead, why]) => {
          // A long command timeout: only the dial timeout may bound Authenticate.
          const args = ['--endpoints', dead, '--dial-timeout', '1s', '--command-timeout', '9s'];
          const { ectl, etcdctl } = await both([...args, ...ROOT, 'get', 'k']);
          expectDeadline(ectl, [[dead, why]], { code: 2, boundMs: 1000 + 1500 });
          expectRefDeadline(etcdctl, 2);
        }),
      );
    } finally {
      await hang.close();
    }
  });

  it('renews an expired token once and retries the request', async () => {
    // The token really expires: unused for 2.5 s, etcd rejects it.
    const expiry = (async () => {
      const token = await authenticate(etcd.node, 'root', 'rootpw');
      await new Promise((r) => setTimeout(r, 2500));
      await expect(gateway(etcd.node, '/v3/kv/range', { key: b64('top') }, token)).rejects.toThrow(
        /invalid auth token/,
      );
    })();
    // A proxy holds the Put (found by its key) for 3 s, after Authenticate went through.
    const run = async (tool: typeof runEctl, key: string) => {
      const proxy = await delayingProxy(etcd.node.spec.clientPort, key, 3000);
      try {
        const args = ['--endpoints', proxy.endpoint, '--command-timeout', '10s', ...ROOT];
        const res = await tool([...args, 'put', key, 'fresh']);
        return { res, delayed: proxy.delayed };
      } finally {
        await proxy.close();
      }
    };
    const [mine, ref] = await Promise.all([
      run(runEctl, 'renew-ectl'),
      hasEtcdctl() ? run(runEtcdctl, 'renew-etcdctl') : undefined,
      expiry,
    ]);
    expect(mine.delayed).toBe(true);
    ok(mine.res, 'OK\n');
    if (ref) {
      expect(ref.delayed).toBe(true);
      ok(ref.res, 'OK\n');
    }
    ok(await runEctl([...ep(), ...ROOT, 'get', 'renew-ectl', '--print-value-only']), 'fresh\n');
  });
});

describe('fixed bugs (kept as regressions)', () => {
  it('the password prompt is followed by a newline, as in etcdctl', async () => {
    ok(await runEctl([...ep(), ...ROOT, 'put', 'top', 'r']), 'OK\n');
    const { ectl, etcdctl } = await both([...ep(), '--user', 'root', 'get', 'top'], {
      stdin: 'rootpw\n',
    });
    if (etcdctl) expect(etcdctl.stdout.toString()).toBe('Password: \ntop\nr\n');
    expect(ectl.stdout.toString()).toBe('Password: \ntop\nr\n');
  });
});

describe('stdin shared by the password and the command', () => {
  it('txn reads what follows the password line, as etcdctl does', async () => {
    const input = 'rootpw\n\nput auth/txn v\n\n\n';
    const { ectl, etcdctl } = await both([...ep(), '--user', 'root', 'txn'], { stdin: input });
    if (etcdctl) expect(ectl.stdout.toString()).toBe(etcdctl.stdout.toString());
    expect(ectl.stdout.toString()).toBe('Password: \nSUCCESS\n\nOK\n');
    expect(ectl.code).toBe(0);
  });
});
