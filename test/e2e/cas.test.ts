// put/del --if-* (ectl's compare-and-swap) against a real etcd: on success the output is plain
// put's/del's; on failure nothing is written, one `Error: precondition failed: ...` line says what
// was found, and the exit status is 7.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { runEctl, type RunResult } from '../harness/run.js';

const etcd = useEtcd();

const ectl = (...args: string[]) => runEctl(['--endpoints', etcd.endpoint, ...args]);
const lines = (r: RunResult) => r.stderr.split('\n').filter((l) => l !== '');

/** The key's value and mod revision, or undefined when it is absent. */
async function read(
  key: string,
): Promise<{ value: string; mod: string; version: string } | undefined> {
  const r = await ectl('get', key, '-w', 'json');
  expect(r.code).toBe(0);
  const kv = (JSON.parse(r.stdout.toString()) as { kvs?: Record<string, string>[] }).kvs?.[0];
  if (!kv) return undefined;
  return {
    value: Buffer.from(kv.value ?? '', 'base64').toString(),
    mod: String(kv.mod_revision),
    version: String(kv.version),
  };
}

/** A failed precondition: exit 7, nothing on stdout, exactly the expected Error line. */
function expectFailed(r: RunResult, message: string): void {
  expect(r.code).toBe(7);
  expect(r.stdout.toString()).toBe('');
  expect(lines(r)).toEqual([`Error: precondition failed: ${message}`]);
}

describe('put --if-*', () => {
  it('--if-absent: writes a new key as put does; an existing one is left alone, exit 7', async () => {
    const plain = await ectl('put', 'cas/plain', 'v');
    const r = await ectl('put', 'cas/a', 'one', '--if-absent');
    expect(r.code).toBe(0);
    expect(r.stdout.equals(plain.stdout)).toBe(true);
    expect(r.stderr).toBe('');
    const before = await read('cas/a');
    expect(before?.value).toBe('one');
    expectFailed(
      await ectl('put', 'cas/a', 'two', '--if-absent'),
      `"cas/a" exists (mod_revision ${before!.mod})`,
    );
    expect(await read('cas/a')).toEqual(before);
  });

  it('--if-value: swaps on the expected value; else says what is there', async () => {
    await ectl('put', 'cas/v', 'x');
    expectFailed(
      await ectl('put', 'cas/v', 'z', '--if-value', 'y'),
      '"cas/v" has value "x", not "y"',
    );
    expect((await read('cas/v'))?.value).toBe('x');
    const ok = await ectl('put', 'cas/v', 'z', '--if-value', 'x');
    expect([ok.code, ok.stdout.toString(), ok.stderr]).toEqual([0, 'OK\n', '']);
    expect((await read('cas/v'))?.value).toBe('z');
    expectFailed(
      await ectl('put', 'cas/none', 'z', '--if-value', 'x'),
      '"cas/none" does not exist',
    );
    expect(await read('cas/none')).toBeUndefined();
  });

  it('--if-mod-rev: a stale revision fails, the current one writes; -w json as put', async () => {
    await ectl('put', 'cas/m', 'one');
    const cur = await read('cas/m');
    await ectl('put', 'cas/m', 'two');
    const now = await read('cas/m');
    expectFailed(
      await ectl('put', 'cas/m', 'three', '--if-mod-rev', cur!.mod),
      `"cas/m" has mod_revision ${now!.mod}, not ${cur!.mod}`,
    );
    expect(await read('cas/m')).toEqual(now);
    const plain = await ectl('put', 'cas/other', 'x', '-w', 'json');
    const later = await read('cas/m');
    const r = await ectl('put', 'cas/m', 'three', '--if-mod-rev', later!.mod, '-w', 'json');
    expect(r.code).toBe(0);
    // The same response as a plain put, one revision later.
    const want = JSON.parse(plain.stdout.toString()) as { header: { revision: number } };
    const got = JSON.parse(r.stdout.toString()) as { header: { revision: number } };
    expect(got.header.revision).toBe(want.header.revision + 1);
    expect({ ...got, header: { ...got.header, revision: 0 } }).toEqual({
      ...want,
      header: { ...want.header, revision: 0 },
    });
    expect((await read('cas/m'))?.value).toBe('three');
  });

  it('--if-version: on the version; 0 means absent', async () => {
    await ectl('put', 'cas/ver', 'a');
    await ectl('put', 'cas/ver', 'b');
    const now = await read('cas/ver');
    expect(now?.version).toBe('2');
    expectFailed(
      await ectl('put', 'cas/ver', 'c', '--if-version', '1'),
      '"cas/ver" has version 2, not 1',
    );
    expect(await read('cas/ver')).toEqual(now);
    expect((await ectl('put', 'cas/ver', 'c', '--if-version', '2')).code).toBe(0);
    expect((await ectl('put', 'cas/ver0', 'c', '--if-version', '0')).code).toBe(0);
    expect((await read('cas/ver0'))?.value).toBe('c');
  });

  it('two --if-* flags are bad arguments (128), nothing sent', async () => {
    const r = await ectl('put', 'cas/two', 'v', '--if-absent', '--if-version', '0');
    expect(r.code).toBe(128);
    expect(lines(r)).toEqual([
      'Error: only one of --if-absent, --if-version can be set at the same time',
    ]);
    expect(await read('cas/two')).toBeUndefined();
  });
});

describe('del --if-*', () => {
  it('--if-value: deletes as del does; a different value is left alone, exit 7', async () => {
    await ectl('put', 'cas/d1', 'v');
    await ectl('put', 'cas/d2', 'v');
    const plain = await ectl('del', 'cas/d1', '--prev-kv');
    expectFailed(await ectl('del', 'cas/d2', '--if-value', 'w'), '"cas/d2" has value "v", not "w"');
    expect((await read('cas/d2'))?.value).toBe('v');
    const r = await ectl('del', 'cas/d2', '--prev-kv', '--if-value', 'v');
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe(plain.stdout.toString().replace('cas/d1', 'cas/d2'));
    expect(await read('cas/d2')).toBeUndefined();
    expectFailed(await ectl('del', 'cas/d2', '--if-value', 'v'), '"cas/d2" does not exist');
  });

  it('--if-mod-rev over a --prefix range: every key must match', async () => {
    await ectl('put', 'cas/p/a', '1');
    const a = await read('cas/p/a');
    await ectl('put', 'cas/p/b', '2');
    const b = await read('cas/p/b');
    expectFailed(
      await ectl('del', '--prefix', 'cas/p/', '--if-mod-rev', a!.mod),
      `"cas/p/b" has mod_revision ${b!.mod}, not ${a!.mod}`,
    );
    expect(await read('cas/p/a')).toEqual(a);
    expect(await read('cas/p/b')).toEqual(b);
    expectFailed(
      await ectl('del', '--prefix', 'cas/q/', '--if-mod-rev', '5'),
      'no keys under "cas/q/"',
    );
    const ok = await ectl('del', 'cas/p/a', '--if-mod-rev', a!.mod);
    expect([ok.code, ok.stdout.toString()]).toEqual([0, '1\n']);
  });
});
