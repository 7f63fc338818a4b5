// The pure parts of auth, user and role: the new user from argument and flags, permission types
// and ranges with etcdctl's texts and exit codes, Go's TrimSpace and Scanf("%s") as the password
// readers use them, and the password prompts on a pipe and a terminal (in-process, no server).
import { describe, expect, it } from 'vitest';
import { buildProgram, run } from '../../src/cli.js';
import type { Connect } from '../../src/etcd/client-config.js';
import type { EtcdClient } from '../../src/etcd/client.js';
import { fromStatus } from '../../src/etcd/errors.js';
import { parseArgv } from '../../src/cli/argv.js';
import { globalFlags } from '../../src/cli/globals.js';
import { userAddFlags, newUser, userAddRequest } from '../../src/commands/etcdctl/auth/user-add.js';
import { permRange, permType } from '../../src/commands/etcdctl/auth/perm.js';
import {
  grantFlags,
  grantRequest,
  revokeFlags,
  revokeRequest,
} from '../../src/commands/etcdctl/auth/role.js';
import { askNewPassword, scanPassword } from '../../src/commands/etcdctl/auth/password.js';
import { goTrimSpace, scanfWord } from '../../src/go/scan.js';
import { readLine } from '../../src/io.js';
import { bufferIo } from '../helpers/io.js';
import { failure } from '../helpers/failure.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const parsed = (argv: string[]) => parseArgv(argv, buildProgram(bufferIo().io), globalFlags);

function userAdd(...argv: string[]) {
  const p = parsed(['user', 'add', ...argv]);
  return newUser(p.args, userAddFlags.read(p.flags));
}

describe('user add: name and password from the argument and flags', () => {
  it.each([
    [['alice'], { name: 'alice', password: undefined, noPassword: false }],
    [['alice:pw'], { name: 'alice', password: 'pw', noPassword: false }],
    [['alice:a:b'], { name: 'alice', password: 'a:b', noPassword: false }],
    [['alice:'], { name: 'alice', password: '', noPassword: false }],
    [['alice', '--new-user-password', 'pw'], { name: 'alice', password: 'pw', noPassword: false }],
    [['a:b', '--new-user-password', 'pw'], { name: 'a:b', password: 'pw', noPassword: false }],
    [['a:b', '--no-password'], { name: 'a:b', password: '', noPassword: true }],
    [
      ['a', '--no-password', '--new-user-password', 'x'],
      { name: 'a', password: '', noPassword: true },
    ],
    [['alice', '--interactive=false'], { name: 'alice', password: undefined, noPassword: false }],
  ])('%j', (argv, want) => expect(userAdd(...argv)).toEqual(want));

  it('argument errors (128)', () => {
    const missing = 'user add command requires user name as its argument';
    expect(failure(() => userAdd())).toEqual([missing, 128, undefined]);
    expect(failure(() => userAdd('a', 'b'))).toEqual([missing, 128, undefined]);
    expect(failure(() => userAdd(':pw'))).toEqual([
      'empty user name is not allowed',
      128,
      undefined,
    ]);
  });

  it('always sends the options message', () => {
    expect(userAddRequest('a', 'p', false)).toEqual({
      name: 'a',
      password: 'p',
      options: { no_password: false },
    });
  });
});

describe('permissions', () => {
  it('types in any case; anything else is exit 128', () => {
    expect(['read', 'WRITE', 'ReadWrite'].map(permType)).toEqual([0, 1, 2]);
    expect(failure(() => permType('rw'))).toEqual(['invalid permission type: rw', 128, undefined]);
    expect(failure(() => permType('constructor'))[0]).toBe('invalid permission type: constructor');
  });

  const f = (prefix: boolean, fromKey: boolean) => ({ prefix, fromKey });
  it.each([
    [['foo'], f(false, false), 'foo', ''],
    [['a', 'z'], f(false, false), 'a', 'z'],
    [['a', 'z', 'extra'], f(false, false), 'a', 'z'],
    [['pfx/'], f(true, false), 'pfx/', 'pfx0'],
    [['aÿ'], f(true, false), 'a\xc3\xbf', 'a\xc3\xc0'], // argv arrives as UTF-8
    [['fk'], f(false, true), 'fk', '\x00'],
    [[''], f(false, false), '\x00', ''],
    [[''], f(true, false), '\x00', '\x00'],
    [[''], f(false, true), '\x00', '\x00'],
    [['', 'ignored'], f(false, false), '\x00', ''],
    [['', 'ignored'], f(true, false), '\x00', '\x00'],
  ])('%j %j → [%j, %j)', (args, flags, key, end) => {
    const r = permRange(args, flags);
    expect([Buffer.from(r.key), Buffer.from(r.rangeEnd)]).toEqual([b(key), b(end)]);
  });

  it('flag errors (128)', () => {
    const excl = '--from-key and --prefix flags are mutually exclusive';
    expect(failure(() => permRange(['k'], f(true, true)))[0]).toBe(excl);
    expect(failure(() => permRange([''], f(true, true)))[0]).toBe(excl);
    expect(failure(() => permRange(['k', 'e'], f(true, false)))).toEqual([
      'unexpected endkey argument with --prefix flag',
      128,
      undefined,
    ]);
    expect(failure(() => permRange(['k', 'e'], f(false, true)))[0]).toBe(
      'unexpected endkey argument with --from-key flag',
    );
    // With both flags and an endkey, the --prefix text wins, as in etcdctl.
    expect(failure(() => permRange(['k', 'e'], f(true, true)))[0]).toBe(
      'unexpected endkey argument with --prefix flag',
    );
  });

  it('grant and revoke requests, and their argument errors in etcdctl’s order', () => {
    const grant = (...argv: string[]) => {
      const p = parsed(['role', 'grant-permission', ...argv]);
      return grantRequest(p.args, grantFlags.read(p.flags));
    };
    const revoke = (...argv: string[]) => {
      const p = parsed(['role', 'revoke-permission', ...argv]);
      return revokeRequest(p.args, revokeFlags.read(p.flags));
    };
    const g = grant('r', 'readwrite', '--prefix', 'p/');
    expect([
      g.name,
      g.perm.permType,
      Buffer.from(g.perm.key),
      Buffer.from(g.perm.range_end),
    ]).toEqual(['r', 2, b('p/'), b('p0')]);
    const r = revoke('r', 'a', 'z');
    expect([r.role, Buffer.from(r.key), Buffer.from(r.range_end)]).toEqual(['r', b('a'), b('z')]);
    const grantMissing =
      'role grant command requires role name, permission type, and key [endkey] as its argument';
    expect(failure(() => grant('r', 'read'))).toEqual([grantMissing, 128, undefined]);
    // The type is checked before the range flags.
    expect(failure(() => grant('r', 'bad', 'k', 'e', '--prefix'))[0]).toBe(
      'invalid permission type: bad',
    );
    expect(failure(() => revoke('r'))).toEqual([
      'role revoke-permission command requires role name and key [endkey] as its argument',
      128,
      undefined,
    ]);
  });
});

describe("Go's white space", () => {
  it.each([
    ['  p q  ', 'p q'],
    ['\tpw\r', 'pw'],
    ['\u0085pw\u00a0\u3000', 'pw'],
    ['\ufeffpw', '\ufeffpw'], // not white space in Go (JS's trim removes it)
    ['', ''],
  ])('TrimSpace(%j) = %j', (s, want) => expect(goTrimSpace(s)).toBe(want));

  it.each([
    ['pw\n', 'pw', 3],
    ['  x y\n', 'x', 4],
    ['\nx\n', '', 1],
    ['\r\nx\n', '', 2],
    ['  \n', '', 3],
    ['', '', 0],
    ['last', 'last', 4],
    ['p\xc2\xa0q\n', 'p', 3], // U+00A0 in UTF-8
    ['\xe3\x80\x80w\n', 'w', 5], // U+3000 before the word
    ['\xff\xfeok \n', '\ufffd\ufffdok', 5],
  ])('Scanf("%%s") of %j: %j, %i bytes consumed', (input, word, consumed) => {
    expect(scanfWord(b(input))).toEqual({ word, consumed });
  });
});

describe('reading passwords', () => {
  const signal = new AbortController().signal;

  it('from a pipe: each prompt on stdout, one line each (trimmed), a newline after each', async () => {
    const t = bufferIo({ input: ' pw1 \r\npw1\nrest\n' });
    expect(await askNewPassword(t.io, signal, 'alice')).toBe('pw1');
    expect(t.stdout().toString()).toBe(
      'Password of alice: \nType password of alice again for confirmation: \n',
    );
    expect(t.stderr()).toBe('');
    expect(await readLine(t.io.stdin)).toBe('rest'); // what follows is left for --user's prompt
  });

  it('from a pipe: empty, different, or input ending early (128)', async () => {
    const run = async (input: string) => {
      try {
        await askNewPassword(bufferIo({ input }).io, signal, 'bob');
      } catch (e) {
        return [(e as Error).message, (e as { exitCode: number }).exitCode];
      }
      return 'no error';
    };
    expect(await run('\n')).toEqual(['empty password', 128]);
    expect(await run('')).toEqual(['empty password', 128]);
    expect(await run('a\nb\n')).toEqual(['given passwords are different', 128]);
    expect(await run('a')).toEqual(['given passwords are different', 128]);
    expect(await run('a\na')).toBe('no error');
  });

  it('on a terminal: two hidden prompts, nothing written by ectl itself', async () => {
    const t = bufferIo({ stdinIsTTY: true, password: 'secret' });
    const asked: string[] = [];
    const prompt = t.io.promptHidden;
    t.io.promptHidden = (q) => (asked.push(q), prompt(q));
    expect(await askNewPassword(t.io, signal, 'alice')).toBe('secret');
    expect(asked).toEqual([
      'Password of alice: ',
      'Type password of alice again for confirmation: ',
    ]);
    expect(t.stdout().length).toBe(0);
  });

  it('on a terminal: a failing prompt is exit 128, a cancelled one an interruption', async () => {
    const t = bufferIo({ stdinIsTTY: true });
    t.io.promptHidden = () => Promise.reject(new Error('no tty'));
    await expect(askNewPassword(t.io, signal, 'a')).rejects.toMatchObject({
      message: 'failed to ask password: no tty',
      exitCode: 128,
    });
    t.io.promptHidden = () => Promise.reject('');
    await expect(askNewPassword(t.io, signal, 'a')).rejects.toMatchObject({ exitCode: 130 });
  });

  it('--interactive=false: one word, the next read starts after its delimiter', async () => {
    const t = bufferIo({ input: 'new pw\nrootpw\n' });
    expect(await scanPassword(t.io)).toBe('new');
    expect(await readLine(t.io.stdin)).toBe('pw');
    expect(await scanPassword(bufferIo({ input: '' }).io)).toBe('');
  });
});

describe('auth enable and auth status through the CLI (a scripted client)', () => {
  /** A client answering each method from `answers` (an Error is thrown), recording the calls. */
  function scripted(answers: Record<string, (unknown | Error)[]>) {
    const calls: { method: string; req: unknown; deadline?: number }[] = [];
    const connect: Connect = async () =>
      ({
        unary: async (method: string, req: unknown, opts?: { deadline?: number }) => {
          calls.push({ method, req, deadline: opts?.deadline });
          const next = answers[method]?.shift();
          if (next instanceof Error) throw next;
          if (next === undefined) throw new Error(`unexpected ${method}`);
          return next;
        },
        close: () => undefined,
      }) as unknown as EtcdClient;
    return { calls, connect };
  }
  const etcdErr = (text: string) => fromStatus(9, text);
  const header = { cluster_id: 1n, member_id: 2n, revision: 3n, raft_term: 4n };
  async function ectl(argv: string[], connect: Connect) {
    const t = bufferIo();
    const code = await run(argv, t.io, new AbortController().signal, { connect });
    return { code, out: t.stdout().toString(), err: t.stderr() };
  }

  it('auth enable creates role root and grants it when etcd asks, then enables', async () => {
    const s = scripted({
      'Auth.AuthEnable': [etcdErr('etcdserver: root user does not have root role'), { header }],
      'Auth.RoleAdd': [{ header }],
      'Auth.UserGrantRole': [{ header }],
    });
    const started = Date.now();
    expect(await ectl(['auth', 'enable', '--command-timeout', '3s'], s.connect)).toEqual({
      code: 0,
      out: 'Authentication Enabled\n',
      err: '',
    });
    expect(s.calls.map((c) => [c.method, c.req])).toEqual([
      ['Auth.AuthEnable', {}],
      ['Auth.RoleAdd', { name: 'root' }],
      ['Auth.UserGrantRole', { user: 'root', role: 'root' }],
      ['Auth.AuthEnable', {}],
    ]);
    // One deadline for the whole command, --command-timeout away.
    const deadlines = new Set(s.calls.map((c) => c.deadline));
    expect(deadlines.size).toBe(1);
    const [deadline] = [...deadlines] as [number];
    expect(deadline - started).toBeGreaterThanOrEqual(2900);
    expect(deadline - started).toBeLessThan(3500);
  });

  it('auth enable stops at any other error (exit 1), e.g. a root role not granted', async () => {
    const s = scripted({
      'Auth.AuthEnable': [etcdErr('etcdserver: root user does not have root role')],
      'Auth.RoleAdd': [etcdErr('etcdserver: role name already exists')],
    });
    expect(await ectl(['auth', 'enable'], s.connect)).toEqual({
      code: 1,
      out: '',
      err: 'Error: etcdserver: role name already exists\n',
    });
  });

  it('auth status (etcd 3.5+): simple, json; fields is exit 4 after the RPC', async () => {
    const answer = () => ({ header, enabled: true, authRevision: 9n });
    const s = scripted({ 'Auth.AuthStatus': [answer(), answer(), answer()] });
    expect(await ectl(['auth', 'status'], s.connect)).toEqual({
      code: 0,
      out: 'Authentication Status: true\nAuthRevision: 9\n',
      err: '',
    });
    expect((await ectl(['auth', 'status', '-w', 'json'], s.connect)).out).toBe(
      '{"header":{"cluster_id":1,"member_id":2,"revision":3,"raft_term":4},"enabled":true,"authRevision":9}\n',
    );
    expect(await ectl(['auth', 'status', '-w', 'fields'], s.connect)).toEqual({
      code: 4,
      out: '',
      err: 'Error: fields not supported as output format\n',
    });
    expect(s.calls).toHaveLength(3);
  });
});
