// The etcdctl family run in-process against a fake client passed through run(..., { connect }):
// what each command sends and prints, without any etcd binary.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { bufferIo } from '../helpers/io.js';
import { FakeEtcd } from '../helpers/fake-client.js';

async function ectl(fake: FakeEtcd, argv: string[], input?: string) {
  const b = bufferIo({ input });
  const code = await run(argv, b.io, new AbortController().signal, { connect: fake.connect });
  return { code, stdout: b.stdout().toString(), stderr: b.stderr() };
}

describe('etcdctl family with a fake client', () => {
  it('put then get: the request built from the flags, the simple output', async () => {
    const fake = new FakeEtcd();
    expect(await ectl(fake, ['put', 'k', 'v'])).toEqual({ code: 0, stdout: 'OK\n', stderr: '' });
    expect(fake.calls[0]).toMatchObject({ method: 'KV.Put', req: { prev_kv: false } });
    expect(await ectl(fake, ['get', 'k'])).toEqual({ code: 0, stdout: 'k\nv\n', stderr: '' });
  });

  it('get --prefix reads in pages and prints every key once, in order', async () => {
    const fake = new FakeEtcd();
    for (let i = 0; i < 5; i++) await ectl(fake, ['put', `p/${i}`, `v${i}`]);
    const out = await ectl(fake, ['get', '--prefix', 'p/', '--keys-only']);
    expect(out.stdout).toBe('p/0\n\np/1\n\np/2\n\np/3\n\np/4\n\n');
    expect(fake.calls.filter((c) => c.method === 'KV.Range').length).toBeGreaterThan(0);
  });

  it('del --prev-kv -w json prints the deleted count', async () => {
    const fake = new FakeEtcd();
    await ectl(fake, ['put', 'a', '1']);
    const out = await ectl(fake, ['del', 'a', '-w', 'json']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/"deleted":1/);
  });

  it('a server error is one Error: line and exit 1', async () => {
    const fake = new FakeEtcd();
    fake.failWith = 'etcdserver: permission denied';
    expect(await ectl(fake, ['get', 'k'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Error: etcdserver: permission denied\n',
    });
  });

  it('bad arguments fail before any client is made', async () => {
    const fake = new FakeEtcd();
    const out = await ectl(fake, ['get']);
    expect(out.code).toBe(128);
    expect(fake.connects).toBe(0);
  });

  it('an unsupported format is exit 4 after the call, as etcdctl', async () => {
    const fake = new FakeEtcd();
    const out = await ectl(fake, ['put', 'k', 'v', '-w', 'table']);
    expect(out).toEqual({
      code: 4,
      stdout: '',
      stderr: 'Error: table not supported as output format\n',
    });
    expect(fake.calls.map((c) => c.method)).toEqual(['KV.Put']);
  });
});
