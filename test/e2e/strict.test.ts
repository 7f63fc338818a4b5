// ectl's --strict on get, del and txn against a real etcd: stdout stays etcdctl's, and only the
// exit status and one `Error:` line are added when nothing was found, nothing was deleted or the
// compares failed. Without --strict, etcdctl's exit 0.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { runEctl, type RunResult } from '../harness/run.js';

const etcd = useEtcd();

function ectl(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  return runEctl(['--endpoints', etcd.endpoint, ...args], opts);
}

/** The stderr lines (no trailing empty line). */
const lines = (r: RunResult) => r.stderr.split('\n').filter((l) => l !== '');

describe('--strict', () => {
  it('get of a missing key: same stdout, exit 1 and one Error line (etcdctl: 0)', async () => {
    const plain = await ectl(['get', 'strict/missing']);
    expect(plain.code).toBe(0);
    const strict = await ectl(['--strict', 'get', 'strict/missing']);
    expect(strict.code).toBe(1);
    expect(strict.stdout.equals(plain.stdout)).toBe(true);
    expect(lines(strict)).toEqual(['Error: key "strict/missing" not found']);
    const env = await ectl(['get', 'strict/missing', '-w', 'json'], { env: { ECTL_STRICT: '1' } });
    expect(env.code).toBe(1);
    expect(env.stdout.toString()).toContain('"header"');
  });

  it('get --prefix with nothing under it says so; a found key exits 0', async () => {
    const r = await ectl(['--strict', 'get', '--prefix', 'strict/none/']);
    expect(r.code).toBe(1);
    expect(lines(r)).toEqual(['Error: no keys under "strict/none/"']);
    expect((await ectl(['put', 'strict/here', 'v'])).code).toBe(0);
    const ok = await ectl(['--strict', 'get', 'strict/here']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.toString()).toBe('strict/here\nv\n');
    expect(ok.stderr).toBe('');
  });

  it('del that deleted nothing: prints 0, exits 1; del of a key exits 0', async () => {
    const plain = await ectl(['del', 'strict/gone']);
    expect(plain.code).toBe(0);
    const r = await ectl(['--strict', 'del', 'strict/gone']);
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe('0\n');
    expect(lines(r)).toEqual(['Error: key "strict/gone" not found']);
    const p = await ectl(['--strict', 'del', '--prefix', 'strict/gone/']);
    expect(lines(p)).toEqual(['Error: no keys under "strict/gone/"']);
    await ectl(['put', 'strict/del', 'v']);
    const ok = await ectl(['--strict', 'del', 'strict/del']);
    expect(ok.code).toBe(0);
    expect(ok.stdout.toString()).toBe('1\n');
  });

  it('txn that took the failure branch: same output, then exit 7', async () => {
    const txn = 'value("strict/t") = "nope"\n\nput strict/t yes\n\nget strict/t\n\n';
    const plain = await ectl(['txn'], { stdin: txn });
    expect(plain.code).toBe(0);
    const r = await ectl(['--strict', 'txn'], { stdin: txn });
    expect(r.code).toBe(7);
    expect(r.stdout.equals(plain.stdout)).toBe(true);
    expect(r.stdout.toString()).toMatch(/^FAILURE\n/);
    expect(lines(r)).toHaveLength(1);
    expect(lines(r)[0]).toMatch(/^Error: transaction failed/);
    const ok = await ectl(['--strict', 'txn'], {
      stdin: 'version("strict/t") = "0"\n\nput strict/t yes\n\n\n',
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout.toString()).toBe('SUCCESS\n\nOK\n');
  });
});
