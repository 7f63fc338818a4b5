// `check` in the command tree, in-process and without etcd: where help lists it, what --load
// completes to, the exit codes and environment topics, the refusals that come before any
// connection, and the test hook that shortens check perf's 60 s.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Connect } from '../../src/etcd/client-config.js';
import { perfDurationMs } from '../../src/commands/etcdctl/check/perf.js';
import { bufferIo } from '../helpers/io.js';

let connects = 0;
const noConnect: Connect = () => {
  connects++;
  return Promise.reject(new Error('no connection expected'));
};

async function ectl(argv: string[], env: Record<string, string> = {}) {
  const b = bufferIo({ env });
  const code = await run(argv, b.io, new AbortController().signal, { connect: noConnect });
  return { code, out: b.stdout().toString(), err: b.stderr() };
}

describe('check in the tree', () => {
  it('is a utility command with perf and datascale', async () => {
    const root = await ectl(['--help']);
    expect(root.out).toMatch(/Utility commands:\n(.*\n)*  check {2,}commands for checking/);
    const check = await ectl(['check']);
    expect(check.code).toBe(0);
    expect(check.out).toMatch(
      /\n {2}perf \[options\] +Check the performance of the etcd cluster\n/,
    );
    expect(check.out).toMatch(/\n {2}datascale \[options\] +Check the memory usage/);
    const perf = await ectl(['check', 'perf', '--help']);
    expect(perf.out).toContain('(default "/etcdctl-check-perf/")');
    expect(perf.out).toContain('--auto-compact');
    const ds = (await ectl(['help', 'check', 'datascale'])).out.replace(/\s+/g, ' ');
    expect(ds).toContain('If multiple endpoints are provided, first endpoint will be used.');
    expect(ds).toContain('(default "/etcdctl-check-datascale/")');
  });

  it("completes --load with main's names", async () => {
    for (const sub of ['perf', 'datascale']) {
      const r = await ectl(['__complete', 'words', 'ectl', 'check', sub, '--load', '']);
      expect(r.out).toBe('small\nmedium\nlarge\nxLarge\n:4\n');
    }
    const subs = await ectl(['__complete', 'words', 'ectl', 'check', '']);
    expect(subs.out).toMatch(/^perf\t.*\ndatascale\t.*\n:4\n$/);
  });

  it('is in the exit codes and environment topics', async () => {
    const codes = (await ectl(['help', 'exit-codes'])).out;
    expect(codes).toMatch(/\n {2}1 .*check perf and datascale: FAIL/);
    expect(codes).toMatch(/\n {2}3 .*check: its --prefix already holds keys/);
    expect(codes).toMatch(/\n {2}4 .*unknown check --load/);
    expect((await ectl(['help', 'environment'])).out).toContain('ECTL_CHECK_PERF_DURATION');
  });
});

describe('refused before connecting', () => {
  it.each(['perf', 'datascale'])('check %s --load with an unknown model: exit 4', async (sub) => {
    connects = 0;
    expect(await ectl(['check', sub, '--load', 'huge'])).toEqual({
      code: 4,
      out: '',
      err: 'Error: unknown load option huge\n',
    });
    expect(await ectl(['check', sub, '--load'])).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^Error: flag needs an argument: --load\n/),
    });
    expect(connects).toBe(0);
  });
});

describe('ECTL_CHECK_PERF_DURATION', () => {
  it.each([
    [{}, 60_000],
    [{ ECTL_CHECK_PERF_DURATION: '' }, 60_000],
    [{ ECTL_CHECK_PERF_DURATION: '5s' }, 5000],
    [{ ECTL_CHECK_PERF_DURATION: '1.5s' }, 1500],
    [{ ECTL_CHECK_PERF_DURATION: '2m' }, 120_000],
  ])('%j is %i ms', (env, ms) => {
    expect(perfDurationMs(env, 60)).toBe(ms);
  });

  it.each(['5', 'soon', '0s', '-1s'])('%j is refused (128)', (v) => {
    expect(() => perfDurationMs({ ECTL_CHECK_PERF_DURATION: v }, 60)).toThrow(
      `invalid ECTL_CHECK_PERF_DURATION "${v}": want a duration`,
    );
  });
});
