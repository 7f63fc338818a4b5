// auth enable and auth status through the whole CLI in-process, against a scripted client: etcd
// 3.4.23, the only server here, has no AuthStatus RPC, and enable's retry after etcd asks for the
// root role is checked call by call.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Connect } from '../../src/etcd/client-config.js';
import type { EtcdClient } from '../../src/etcd/client.js';
import { fromStatus } from '../../src/etcd/errors.js';
import { bufferIo } from '../helpers/io.js';

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
        close: async () => undefined,
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
