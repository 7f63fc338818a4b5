// ectl history and ectl diff against real etcd: every version from the compaction point up,
// deleted keys included; unified diffs of one key and of a prefix, JSON pretty-printed,
// --exit-code, and etcd's error (etcdctl's exit code) for a compacted or future revision.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { ECTL_BIN, runEctl, runEtcdctl, hasEtcdctl, type RunResult } from '../harness/run.js';
import { useTmux } from '../harness/tmux.js';

const etcd = useEtcd();
const terminals = useTmux('history-diff');
const ectl = (...args: string[]) => runEctl(['--endpoints', etcd.endpoint, ...args]);

/** Puts and returns the revision of the write. */
async function put(key: string, value: string): Promise<number> {
  const r = await ectl('put', key, value, '-w', 'json');
  expect(r.code).toBe(0);
  return Number(
    (JSON.parse(r.stdout.toString()) as { header: { revision: number } }).header.revision,
  );
}

async function del(key: string): Promise<number> {
  const r = await ectl('del', key, '-w', 'json');
  return Number(
    (JSON.parse(r.stdout.toString()) as { header: { revision: number } }).header.revision,
  );
}

const out = (r: RunResult) => r.stdout.toString();

describe('ectl history', () => {
  it('lists every version, deletions included, as a table', async () => {
    const r1 = await put('h/k', 'one');
    const r2 = await put('h/k', 'two');
    const r3 = await del('h/k');
    const r4 = await put('h/k', 'multi\nline\x1b[31m');
    await put('h/other', 'x');
    const r = await ectl('history', 'h/k');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pad = (s: string | number, n: number) => String(s).padEnd(n);
    expect(out(r)).toBe(
      [
        'REVISION  VERSION  ACTION  SIZE  VALUE',
        `${pad(r1, 10)}1        PUT     3     one`,
        `${pad(r2, 10)}2        PUT     3     two`,
        `${pad(r3, 10)}-        DELETE  -`,
        `${pad(r4, 10)}1        PUT     15    multi\\nline\\x1b[31m`,
        '',
      ].join('\n'),
    );
    const last = await ectl('history', 'h/k', '--limit', '2', '-o', 'ndjson');
    expect(
      out(last)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { revision: r3, action: 'DELETE', key: 'h/k' },
      {
        revision: r4,
        action: 'PUT',
        key: 'h/k',
        value: 'multi\nline\x1b[31m',
        version: 1,
        create_revision: r4,
      },
    ]);
  });

  it('a key deleted at the end, and a key that never existed', async () => {
    await put('h/gone', 'a');
    const d = await del('h/gone');
    const r = await ectl('history', 'h/gone', '-o', 'json');
    const doc = JSON.parse(out(r)) as { history: { revision: number; action: string }[] };
    expect(doc.history.map((e) => e.action)).toEqual(['PUT', 'DELETE']);
    expect(doc.history[1]!.revision).toBe(d);
    const none = await ectl('history', 'h/never');
    expect([none.code, out(none), none.stderr]).toEqual([
      0,
      'REVISION  VERSION  ACTION  SIZE  VALUE\n',
      '',
    ]);
  });

  it('after a compaction: from the compaction point up, the version kept from before included', async () => {
    const kept = await put('h/c', 'before');
    await put('h/c2', 'first');
    await put('h/c2', 'second');
    const at = await put('h/filler', 'x');
    expect((await ectl('compaction', String(at))).code).toBe(0);
    const after = await put('h/c2', 'third');
    const c = JSON.parse(out(await ectl('history', 'h/c', '-o', 'json'))) as Record<
      string,
      unknown
    >;
    expect(c).toMatchObject({
      key: 'h/c',
      compact_revision: at,
      history: [{ revision: kept, action: 'PUT', value: 'before' }],
    });
    const c2 = JSON.parse(out(await ectl('history', 'h/c2', '-o', 'json'))) as {
      history: { revision: number; value: string }[];
    };
    expect(c2.history.map((e) => e.value)).toEqual(['second', 'third']);
    expect(c2.history[1]!.revision).toBe(after);
  });

  it('a long history, replayed in several batches, of a key deleted at the end', async () => {
    // etcd replays at most 1,000 revisions per watch response; the end of a deleted key's history
    // is found by progress notifications after the replay went quiet.
    const n = 2100;
    const script =
      Array.from({ length: n }, (_, i) => `put h/long v${i}`).join('\n') + '\ndel h/long\n';
    const b = await runEctl(['--endpoints', etcd.endpoint, 'batch'], {
      stdin: script,
      timeoutMs: 120_000,
    });
    expect(b.code, b.stderr).toBe(0);
    const r = await ectl('history', 'h/long', '-o', 'ndjson');
    const recs = out(r)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { action: string; value?: string });
    expect(recs).toHaveLength(n + 1);
    expect(recs[n - 1]!.value).toBe(`v${n - 1}`);
    expect(recs[n]!.action).toBe('DELETE');
  }, 180_000);

  it('argument errors', async () => {
    const r = await ectl('history');
    expect([r.code, r.stderr]).toEqual([128, 'Error: history command needs 1 argument\n']);
  });
});

describe('ectl diff', () => {
  it('one key: a unified diff, JSON pretty-printed (64-bit numbers intact)', async () => {
    const a = await put('d/j', '{"id":2324035781864696876,"a":[1,2],"s":"x"}');
    const b = await put('d/j', '{"id":2324035781864696876,"a":[1,3],"s":"x"}');
    const r = await ectl('diff', 'd/j', '--rev', String(a));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(out(r)).toBe(
      [
        `--- d/j@${a}`,
        `+++ d/j@${b}`,
        '@@ -2,7 +2,7 @@',
        '   "id": 2324035781864696876,',
        '   "a": [',
        '     1,',
        '-    2',
        '+    3',
        '   ],',
        '   "s": "x"',
        ' }',
        '',
      ].join('\n'),
    );
    const same = await ectl('diff', 'd/j', '--rev', String(b), '--exit-code');
    expect([same.code, out(same)]).toEqual([0, '']);
    const changed = await ectl(
      'diff',
      'd/j',
      '--rev',
      String(a),
      '--rev',
      String(b),
      '--exit-code',
    );
    expect([changed.code, changed.stderr]).toEqual([1, '']);
  });

  it('--prefix: keys added, removed and changed, then the diffs; colour only when asked', async () => {
    const a = await put('p/changed', 'old\n');
    await put('p/removed', 'bye\n');
    await put('p/same', 'same\n');
    await put('p/changed', 'new\n');
    await put('p/added', 'hi\n');
    const b = await del('p/removed');
    const r = await ectl('diff', '--prefix', 'p/', '--rev', String(a + 2));
    expect(r.code).toBe(0);
    expect(out(r)).toBe(
      [
        'added:   p/added',
        'changed: p/changed',
        'removed: p/removed',
        '',
        '--- /dev/null',
        `+++ p/added@${b}`,
        '@@ -0,0 +1 @@',
        '+hi',
        `--- p/changed@${a + 2}`,
        `+++ p/changed@${b}`,
        '@@ -1 +1 @@',
        '-old',
        '+new',
        `--- p/removed@${a + 2}`,
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-bye',
        '',
      ].join('\n'),
    );
    const coloured = await runEctl(
      ['--endpoints', etcd.endpoint, 'diff', 'p/changed', '--rev', String(a)],
      {
        env: { FORCE_COLOR: '1' },
      },
    );
    expect(out(coloured)).toContain('\x1b[31m-old\x1b[39m');
    expect(out(coloured)).toContain('\x1b[32m+new\x1b[39m');
    expect(out(coloured)).toContain('\x1b[36m@@ -1 +1 @@\x1b[39m');
  });

  it("a compacted or future revision: etcd's error with etcdctl's exit code", async () => {
    await put('d/c', 'x');
    const at = await put('d/filler', 'y');
    await ectl('compaction', String(at));
    const r = await ectl('diff', 'd/c', '--rev', String(at - 1));
    expect([r.code, r.stderr]).toEqual([
      1,
      'Error: etcdserver: mvcc: required revision has been compacted\n',
    ]);
    if (hasEtcdctl()) {
      const ref = await runEtcdctl([
        '--endpoints',
        etcd.endpoint,
        'get',
        'd/c',
        '--rev',
        String(at - 1),
      ]);
      expect(ref.code).toBe(r.code);
      expect(ref.stderr).toContain(r.stderr.trim());
    }
    const f = await ectl('diff', 'd/c', '--rev', String(at + 1000));
    expect([f.code, f.stderr]).toEqual([
      1,
      'Error: etcdserver: mvcc: required revision is a future revision\n',
    ]);
  });

  it('argument errors: exit 128', async () => {
    const cases: [string[], string][] = [
      [['diff', 'k'], '--rev is required (--rev A [--rev B])'],
      [['diff', 'k', '--rev', '1', '--rev', '2', '--rev', '3'], '--rev may be given at most twice'],
      [['diff', 'k', '--rev', 'x'], 'invalid --rev "x"'],
      [['diff', 'k', '--rev', '0'], 'invalid --rev "0": revisions start at 1'],
      [['diff', '--rev', '1'], 'diff command needs 1 argument'],
    ];
    for (const [args, text] of cases) {
      const r = await ectl(...args);
      expect([r.code, r.stderr]).toEqual([128, `Error: ${text}\n`]);
    }
    // A default for scripts does not break diff: it prints its diff.
    const first = await put('d/env', 'x');
    await put('d/env', 'y');
    const env = await runEctl(
      ['--endpoints', etcd.endpoint, 'diff', 'd/env', '--rev', String(first)],
      {
        env: { ECTL_OUTPUT: 'json' },
      },
    );
    expect([env.code, env.stderr]).toEqual([0, '']);
    expect(out(env)).toMatch(/^--- d\/env@\d+\n/);
    for (const format of [
      ['-w', 'json'],
      ['-o', 'yaml'],
    ]) {
      const r = await ectl('diff', 'k', '--rev', '1', ...format);
      expect([r.code, r.stderr]).toEqual([
        4,
        `Error: diff prints a unified diff: ${format[1]} is not supported as output format\n`,
      ]);
    }
  });
});

describe('on a terminal', () => {
  it('diff is coloured as git colours it; history escapes what would drive the terminal', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const a = await put('tty/k', 'old\n');
    await put('tty/k', 'new\x1b[2J\n');
    const run = (name: string, ...args: string[]) =>
      terminals.run(name, [process.execPath, ECTL_BIN, '--endpoints', etcd.endpoint, ...args]);
    const d = run('diff', 'diff', 'tty/k', '--rev', String(a));
    expect(await d.waitForEnd()).toEqual({ status: 0 });
    const styled = d.styledScreen();
    expect(styled).toMatch(/\x1b\[31m-old/);
    expect(styled).toMatch(/\x1b\[36m(\x1b\[\d+m)*@@ -1 \+1 @@/);
    expect(d.screen()).toMatch(/^\+new\\x1b\[2J$/m);
    const h = run('history', 'history', 'tty/k');
    expect(await h.waitForEnd()).toEqual({ status: 0 });
    expect(h.screen()).toMatch(/PUT +8 +new\\x1b\[2J\\n$/m);
    expect(h.styledScreen()).toMatch(/\x1b\[1mREVISION/);
    // Values get what the other columns leave of the terminal's 200 columns.
    await put('tty/long', 'y'.repeat(300));
    const l = run('long', 'history', 'tty/long');
    expect(await l.waitForEnd()).toEqual({ status: 0 });
    expect(l.screen()).toMatch(new RegExp(`PUT +300 +${'y'.repeat(159)}…\n`));
  });
});
