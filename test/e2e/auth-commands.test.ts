// The auth, user and role commands beyond the compatibility table: passwords kept out of --debug
// output, error messages and child processes; the order of the new user's prompts and --user's;
// token renewal between the RPCs of `user get --detail`; a dead cluster ends within the timeouts
// with its cause named (etcdctl hangs); user and role names completed by the new commands.
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { candidatesFor } from '../../src/cli/completion/run.js';
import { authenticate, gateway, useEtcd } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { hasEtcdctl, runEctl, runEtcdctl, spawnEctl } from '../harness/run.js';
import { bufferIo } from '../helpers/io.js';
import {
  QUICK,
  both,
  delayingProxy,
  expectDeadline,
  expectOk as ok,
  hangingServer,
  refusedEndpoint,
} from './util.js';

// Simple tokens that expire one second after their last use, to exercise renewal.
const etcd = useEtcd({
  auth: true,
  extraArgs: ['--auth-token', 'simple', '--auth-token-ttl', '1'],
});
const ep = () => ['--endpoints', etcd.endpoint];
const ROOT = { ETCDCTL_USER: 'root:rootpw' };

/** A root-authenticated call to the gateway (the test's own set-up, not under test). */
async function asRoot(path: string, body: Record<string, unknown>): Promise<void> {
  await gateway(etcd.node, path, body, await authenticate(etcd.node, 'root', 'rootpw'));
}

describe('passwords stay secret', () => {
  it('never in --debug output, error messages or stdout', async () => {
    const runs = await Promise.all([
      runEctl([...ep(), '--debug', 'user', 'add', 'sec1'], {
        env: ROOT,
        stdin: 'SeCrEt1\nSeCrEt1\n',
      }),
      runEctl([...ep(), '--debug', 'user', 'add', 'sec2', '--new-user-password', 'SeCrEt2']),
      runEctl(
        [...ep(), '--debug', '--user', 'root', 'user', 'add', 'sec3', '--interactive=false'],
        {
          stdin: 'SeCrEt3\nrootpw\n',
        },
      ),
      // Errors after the password was read: the user exists, the user does not.
      runEctl([...ep(), 'user', 'add', 'alice:SeCrEt4'], { env: ROOT }),
      runEctl([...ep(), '--debug', 'user', 'passwd', 'nosuch'], {
        env: ROOT,
        stdin: 'SeCrEt5\nSeCrEt5\n',
      }),
      runEctl([...ep(), 'user', 'add', 'sec6'], { env: ROOT, stdin: 'SeCrEt6\nSeCrEt7\n' }),
    ]);
    const codes = runs.map((r) => r.code);
    expect(codes).toEqual([0, 1, 0, 1, 1, 128]);
    expect(runs[1]!.stderr).toMatch(/^Error: etcdserver: user name is empty\n$/m);
    expect(runs[3]!.stderr).toBe('Error: etcdserver: user name already exists\n');
    expect(runs[4]!.stderr).toMatch(/^Error: etcdserver: user name not found\n$/m);
    expect(runs[5]!.stderr).toBe('Error: given passwords are different\n');
    for (const r of runs) expect(r.stdout.toString() + r.stderr).not.toMatch(/SeCrEt|rootpw/);
    // The passwords were the ones typed (trimmed lines, one word).
    const login = (user: string, pw: string) =>
      runEctl([...ep(), 'user', 'get', user], { env: { ETCDCTL_USER: `${user}:${pw}` } });
    ok(await login('sec1', 'SeCrEt1'), 'User: sec1\nRoles:\n');
    ok(await login('sec3', 'SeCrEt3'), 'User: sec3\nRoles:\n');
  });

  it('no child process is started while a password is read (etcdctl runs stty)', async () => {
    // A fake stty first on PATH records any call; ectl must never make one.
    const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}stty-`));
    trackDir(dir);
    const log = join(dir, 'calls');
    writeFileSync(join(dir, 'stty'), `#!/bin/sh\necho "$@" >> '${log}'\n`);
    chmodSync(join(dir, 'stty'), 0o755);
    const env = { ...ROOT, PATH: `${dir}:${process.env.PATH ?? ''}` };
    const p = spawnEctl([...ep(), 'user', 'add', 'kid'], { env, keepStdinOpen: true });
    await p.waitFor(/Password of kid: $/);
    expect(childrenOf(p.child.pid!)).toEqual([]);
    p.child.stdin!.write('kidpw\n');
    await p.waitFor(/confirmation: $/);
    expect(childrenOf(p.child.pid!)).toEqual([]);
    p.child.stdin!.end('kidpw\n');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toContain('User kid created\n');
    expect(existsSync(log)).toBe(false);
  });
});

/** PIDs whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) kids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return kids;
}

describe('prompts from a pipe', () => {
  it('the new user’s two prompts come before --user’s, all on stdout, as in etcdctl', async () => {
    const run = (tool: typeof runEctl, name: string) =>
      tool([...ep(), '--user', 'root', 'user', 'add', name], { stdin: 'p1\np1\nrootpw\n' });
    const [mine, ref] = await Promise.all([
      run(runEctl, 'order1'),
      hasEtcdctl() ? run(runEtcdctl, 'order2') : undefined,
    ]);
    const out = (n: string) =>
      `Password of ${n}: \nType password of ${n} again for confirmation: \nPassword: \nUser ${n} created\n`;
    ok(mine, out('order1'));
    if (ref) expect([ref.stdout.toString(), ref.code]).toEqual([out('order2'), 0]);
  });
});

describe('token renewal', () => {
  it('user get --detail re-authenticates when the token expires between its RPCs', async () => {
    await asRoot('/v3/auth/user/add', { name: 'renewuser', password: 'x' });
    await asRoot('/v3/auth/role/add', { name: 'renewrole' });
    await asRoot('/v3/auth/user/grant', { user: 'renewuser', role: 'renewrole' });
    const want = 'User: renewuser\n\nRole renewrole\nKV Read:\nKV Write:\n';
    // The proxy holds RoleGet (found by the role's name) for 3 s: the 1 s token expires.
    const attempt = async (tool: typeof runEctl) => {
      const proxy = await delayingProxy(etcd.node.spec.clientPort, 'renewrole', 3000);
      try {
        const args = ['--endpoints', proxy.endpoint, '--command-timeout', '10s'];
        const res = await tool([...args, 'user', 'get', 'renewuser', '--detail'], { env: ROOT });
        return { res, delayed: proxy.delayed };
      } finally {
        await proxy.close();
      }
    };
    const [mine, ref] = await Promise.all([
      attempt(runEctl),
      hasEtcdctl() ? attempt(runEtcdctl) : undefined,
    ]);
    expect(mine.delayed).toBe(true);
    ok(mine.res, want);
    if (ref) ok(ref.res, want);
  });
});

describe('a dead cluster', () => {
  it('user list, role list, user add, role get end within the timeouts, naming the cause', async () => {
    const refused = await refusedEndpoint();
    const hang = await hangingServer();
    try {
      const commands = [
        ['user', 'list'],
        ['role', 'list'],
        ['user', 'add', 'x:y'],
        ['role', 'get', 'r'],
        ['auth', 'status'],
      ];
      const cases: [string, RegExp][] = [
        [refused, /connection refused/],
        [hang.endpoint, /connection timed out/],
      ];
      await Promise.all(
        cases.flatMap(([dead, why]) =>
          commands.map(async (cmd) => {
            const res = await runEctl(['--endpoints', dead, ...QUICK, ...cmd]);
            expectDeadline(res, [[dead, why]]);
          }),
        ),
      );
      // With credentials, authentication itself fails within the dial timeout (exit 2).
      const auth = await runEctl(['--endpoints', refused, ...QUICK, 'user', 'list'], { env: ROOT });
      expectDeadline(auth, [[refused, /connection refused/]], { code: 2 });
    } finally {
      await hang.close();
    }
  });

  it.skipIf(!hasEtcdctl())('where etcdctl hangs (no deadline on user list)', async () => {
    const refused = await refusedEndpoint();
    const { ectl, etcdctl } = await both(['--endpoints', refused, ...QUICK, 'user', 'list'], {
      timeoutMs: 4000,
    });
    expectDeadline(ectl, [[refused, /connection refused/]]);
    expect(etcdctl?.timedOut).toBe(true);
  });
});

describe('completion of user and role names', () => {
  const program = buildProgram(bufferIo().io);
  // What is found, not how fast (completion.test.ts checks the budget): 5 s for a loaded machine.
  const complete = async (...words: string[]) =>
    (
      await candidatesFor(
        await program,
        ['ectl', ...ep(), ...words],
        { env: ROOT, now: () => 0 },
        5000,
      )
    ).candidates.map((c) => c.value);

  it('user names and role names at the arguments of the user and role commands', async () => {
    await asRoot('/v3/auth/role/add', { name: 'complrole' });
    expect(await complete('user', 'get', '')).toEqual(expect.arrayContaining(['alice', 'root']));
    expect(await complete('user', 'delete', 'al')).toEqual(['alice']);
    expect(await complete('user', 'passwd', 'al')).toEqual(['alice']);
    expect(await complete('user', 'grant-role', 'alice', 'compl')).toEqual(['complrole']);
    expect(await complete('user', 'revoke-role', 'al')).toEqual(['alice']);
    expect(await complete('role', 'get', 'compl')).toEqual(['complrole']);
    expect(await complete('role', 'delete', 'compl')).toEqual(['complrole']);
    expect(await complete('role', 'grant-permission', 'compl')).toEqual(['complrole']);
    expect(await complete('role', 'grant-permission', 'complrole', 'read')).toEqual([
      'read',
      'readwrite',
    ]);
    expect(await complete('role', 'revoke-permission', 'compl')).toEqual(['complrole']);
  });
});
