// ectl batch over an authenticated connection: every line carries the token got once (three puts
// and three gets in a row, so the later ones are written on streams the direct path opened ahead,
// token included), a denied line stops the batch with etcdctl's error, and the line after it never
// reaches etcd.
import { describe, expect, it } from 'vitest';
import { AUTH_USERS, useEtcd } from '../harness/etcd.js';
import { runEctl } from '../harness/run.js';

const etcd = useEtcd({ auth: true, name: 'batch-auth' });
const { alice, root } = AUTH_USERS;
const as = (u: { user: string; password: string }) => ['--user', `${u.user}:${u.password}`];

const lines = [
  ['put', 'alice/1', 'one'],
  ['put', 'alice/2', 'two', '--prev-kv'],
  ['put', 'alice/3', 'three'],
  ['get', 'alice/1'],
  ['get', 'alice/2'],
  ['get', 'outside/x'],
  ['put', 'alice/4', 'never'],
];

describe('ectl batch with authentication', () => {
  it('runs each line with the token; a denied line stops it as etcdctl would fail', async () => {
    const batch = await runEctl(['--endpoints', etcd.endpoint, ...as(alice), 'batch'], {
      stdin: lines.map((l) => `${l.join(' ')}\n`).join(''),
    });
    const denied = await runEctl(['--endpoints', etcd.endpoint, ...as(alice), ...lines[5]!]);
    expect(denied.stderr).toBe('Error: etcdserver: permission denied\n');
    expect(batch.stderr).toBe(`line 6: ${denied.stderr}`);
    expect(batch.code).toBe(denied.code);
    expect(batch.stdout.toString()).toBe('OK\nOK\nOK\nalice/1\none\nalice/2\ntwo\n');
    const left = await runEctl([
      '--endpoints',
      etcd.endpoint,
      ...as(root),
      'get',
      'alice/',
      '--prefix',
      '--keys-only',
    ]);
    expect(left.stdout.toString()).toBe('alice/1\n\nalice/2\n\nalice/3\n\n');
  });
});
