// ectl edit against real etcd with scripted editors: each call of the editor runs the next step
// script of the test on the file (and records what it was shown, the file's mode and path).
// Without a terminal errors end the command (exit 3, exit 7); on a terminal (tmux) the editor
// opens again with the error on top, and a conflict shows the other writer's diff and offers to
// edit again. The temporary file is private and gone afterwards, Ctrl-C included.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gateway, b64, useEtcd } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { ECTL_BIN, runEctl, type RunResult } from '../harness/run.js';
import { useTmux } from '../harness/tmux.js';

const etcd = useEtcd();
const terminals = useTmux('edit-tty');

/** A scripted editor: call n runs `steps[n-1]` (sh, the file as $1) and keeps a copy of what it saw. */
function editor(steps: string[]): {
  env: Record<string, string>;
  dir: string;
  seen(n: number): string;
} {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}editor-`));
  trackDir(dir);
  steps.forEach((s, i) => writeFileSync(join(dir, `step.${i + 1}`), s));
  const script = join(dir, 'editor');
  writeFileSync(
    script,
    [
      '#!/bin/sh',
      `d='${dir}'`,
      'n=$(( $(cat "$d/count" 2>/dev/null || echo 0) + 1 )); echo $n > "$d/count"',
      'cp "$1" "$d/seen.$n"; stat -c %a "$1" > "$d/mode.$n"; echo "$1" > "$d/path"',
      '. "$d/step.$n"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    env: {
      VISUAL: '',
      EDITOR: script,
      ECTL: `${process.execPath} ${ECTL_BIN} --endpoints ${etcd.endpoint}`,
    },
    dir,
    seen: (n) => readFileSync(join(dir, `seen.${n}`), 'utf8'),
  };
}

const calls = (dir: string) => Number(readFileSync(join(dir, 'count'), 'utf8'));
const pathOf = (dir: string) => readFileSync(join(dir, 'path'), 'utf8').trim();

async function valueOf(key: string): Promise<string | undefined> {
  const res = await gateway<{ kvs?: { value?: string }[] }>(etcd.node, '/v3/kv/range', {
    key: b64(key),
  });
  const v = res?.kvs?.[0]?.value;
  return v === undefined ? undefined : Buffer.from(v, 'base64').toString();
}
const put = (k: string, v: string) =>
  gateway(etcd.node, '/v3/kv/put', { key: b64(k), value: b64(v) });
const ectl = (env: Record<string, string>, ...args: string[]) =>
  runEctl(['--endpoints', etcd.endpoint, 'edit', ...args], { env });
const lines = (r: RunResult) => [r.code, r.stdout.toString(), r.stderr];

describe('ectl edit without a terminal', () => {
  it('writes the edited value; the file was private (0600) and is gone', async () => {
    await put('e/j', '{"a":1}');
    const ed = editor([`sed -i 's/1/2/' "$1"`]);
    expect(lines(await ectl(ed.env, 'e/j'))).toEqual([0, '', '']);
    expect(await valueOf('e/j')).toBe('{"a":2}');
    expect(ed.seen(1)).toBe('{"a":1}');
    expect(readFileSync(join(ed.dir, 'mode.1'), 'utf8').trim()).toBe('600');
    expect(pathOf(ed.dir)).toMatch(/\/ectl-edit-[^/]+\/j\.json$/);
    expect(existsSync(pathOf(ed.dir))).toBe(false);
  });

  it('no change: "Edit cancelled, no changes made." and nothing written', async () => {
    await put('e/same', 'v');
    const before = await runEctl(['--endpoints', etcd.endpoint, 'get', 'e/same', '-w', 'json']);
    const ed = editor([':']);
    expect(lines(await ectl(ed.env, 'e/same'))).toEqual([
      0,
      '',
      'Edit cancelled, no changes made.\n',
    ]);
    const after = await runEctl(['--endpoints', etcd.endpoint, 'get', 'e/same', '-w', 'json']);
    expect(JSON.parse(after.stdout.toString()).kvs).toEqual(
      JSON.parse(before.stdout.toString()).kvs,
    );
  });

  it('the newline an editor adds to a value that had none is no change', async () => {
    await put('e/nl', '{"a":1}');
    const r = await ectl(editor([`printf '\\n' >> "$1"`]).env, 'e/nl');
    expect(lines(r)).toEqual([0, '', 'Edit cancelled, no changes made.\n']);
    expect((await ectl(editor([`echo '{"a":2}' > "$1"`]).env, 'e/nl')).code).toBe(0);
    expect(await valueOf('e/nl')).toBe('{"a":2}');
  });

  it('invalid JSON or YAML after the edit: exit 3, nothing written', async () => {
    await put('e/bad', '{"a":1}');
    const r = await ectl(editor([`sed -i 's/}//' "$1"`]).env, 'e/bad');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^Error: the edited value is not valid JSON: .*; nothing written\n$/);
    expect(await valueOf('e/bad')).toBe('{"a":1}');
    await put('e/y', 'a: 1\nb: [x, y]\n');
    const y = await ectl(editor([`printf 'a: [\\n' > "$1"`]).env, 'e/y');
    expect(y.code).toBe(3);
    expect(y.stderr).toMatch(/^Error: the edited value is not valid YAML: /);
    expect(await valueOf('e/y')).toBe('a: 1\nb: [x, y]\n');
  });

  it('a write made meanwhile: exit 7 with what was found, nothing written', async () => {
    await put('e/c', 'one');
    const ed = editor([`$ECTL put e/c theirs >/dev/null; echo mine > "$1"`]);
    const r = await ectl(ed.env, 'e/c');
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /^Error: precondition failed: "e\/c" has mod_revision \d+, not \d+; nothing written\n$/,
    );
    expect(await valueOf('e/c')).toBe('theirs');
    expect(existsSync(pathOf(ed.dir))).toBe(false);
  });

  it('--create: a missing key is created; one that appears meanwhile is left alone (exit 7)', async () => {
    const missing = await ectl(editor([':']).env, 'e/new');
    expect(lines(missing)).toEqual([
      1,
      '',
      'Error: "e/new" not found (use --create to create it)\n',
    ]);
    const ed = editor([`printf 'fresh' > "$1"`]);
    const r = await ectl(ed.env, 'e/new', '--create', '-o', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.toString())).toMatchObject({ key: 'e/new', value: 'fresh' });
    expect(await valueOf('e/new')).toBe('fresh');
    const race = editor([`$ECTL put e/new2 theirs >/dev/null; printf mine > "$1"`]);
    const c = await ectl(race.env, 'e/new2', '--create');
    expect(c.code).toBe(7);
    expect(c.stderr).toMatch(
      /^Error: precondition failed: "e\/new2" exists \(mod_revision \d+\); nothing written\n$/,
    );
    expect(await valueOf('e/new2')).toBe('theirs');
  });

  it('binary values: refused unless --hex, then edited as hex', async () => {
    await gateway(etcd.node, '/v3/kv/put', {
      key: b64('e/bin'),
      value: Buffer.from([0xff, 0, 1]).toString('base64'),
    });
    const r = await ectl(editor([':']).env, 'e/bin');
    expect(lines(r)).toEqual([
      1,
      '',
      'Error: "e/bin" holds a binary value (not UTF-8): edit it as hex with --hex\n',
    ]);
    const ed = editor([`sed -i 's/ff/fe/' "$1"`]);
    expect((await ectl(ed.env, 'e/bin', '--hex')).code).toBe(0);
    expect(ed.seen(1)).toBe('ff 00 01\n');
    const res = await gateway<{ kvs: { value: string }[] }>(etcd.node, '/v3/kv/range', {
      key: b64('e/bin'),
    });
    expect([...Buffer.from(res.kvs[0]!.value, 'base64')]).toEqual([0xfe, 0, 1]);
    const bad = await ectl(editor([`echo zz > "$1"`]).env, 'e/bin', '--hex');
    expect(bad.code).toBe(3);
  });

  it('editor commands with arguments; a failing editor writes nothing', async () => {
    await put('e/args', 'x');
    const ed = editor([`echo "$0 $*" > /dev/null; sed -i 's/x/y/' "$1"`]);
    // Shell syntax: the command runs through sh -c with the file appended (as Git does).
    const env = { ...ed.env, EDITOR: `VAR=1 '${ed.env.EDITOR}'` };
    expect((await ectl(env, 'e/args')).code).toBe(0);
    expect(await valueOf('e/args')).toBe('y');
    const fail = await ectl({ VISUAL: '', EDITOR: 'false' }, 'e/args');
    expect(lines(fail)).toEqual([
      1,
      '',
      'Error: editor "false" exited with status 1; nothing written\n',
    ]);
    const visual = await ectl({ ...ed.env, VISUAL: 'false' }, 'e/args');
    expect(visual.stderr).toBe('Error: editor "false" exited with status 1; nothing written\n');
  });

  it('an editor ended by SIGINT ends ectl by SIGINT (as Git re-raises it); by SIGTERM: exit 1', async () => {
    await put('e/sig', 'v');
    // Ctrl-C on a terminal reaches both, and ectl may see the editor's end first: here only the
    // editor gets the signal, so ectl can only learn of it from how the editor ended.
    const int = editor(['echo changed > "$1"; kill -INT $$']);
    const r = await ectl(int.env, 'e/sig');
    expect([r.code, r.signal, r.stderr]).toEqual([null, 'SIGINT', '']);
    expect(existsSync(pathOf(int.dir))).toBe(false);
    const term = editor(['echo changed > "$1"; kill -TERM $$']);
    const t = await ectl(term.env, 'e/sig');
    expect([t.code, t.stderr]).toEqual([
      1,
      `Error: editor "${term.env.EDITOR}" was ended by SIGTERM; nothing written\n`,
    ]);
    expect(await valueOf('e/sig')).toBe('v');
  });
});

describe('ectl edit on a terminal', () => {
  const run = (name: string, env: Record<string, string>, ...args: string[]) =>
    terminals.run(name, [
      '/usr/bin/env',
      ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
      process.execPath,
      ECTL_BIN,
      '--endpoints',
      etcd.endpoint,
      'edit',
      ...args,
    ]);

  it('invalid JSON: the editor opens again with the error on top', async (t) => {
    if (terminals.skipReason()) return t.skip();
    await put('t/j', '{"a":1}');
    const ed = editor([`sed -i 's/}//' "$1"`, `printf '{"a":3}' > "$1"`]);
    const s = run('invalid', ed.env, 't/j');
    expect(await s.waitForEnd(15_000)).toEqual({ status: 0 });
    expect(calls(ed.dir)).toBe(2);
    expect(ed.seen(2)).toMatch(
      /^# Error: the edited value is not valid JSON: .*\n# Fix it and save/,
    );
    expect(ed.seen(2)).toMatch(
      /# ---- ectl: everything above this line is ignored ----\n\{"a":1\n?$/,
    );
    expect(await valueOf('t/j')).toBe('{"a":3}');
  });

  it('a conflict: shows their change, asks, and writes the edit made on top of it', async (t) => {
    if (terminals.skipReason()) return t.skip();
    await put('t/c', 'base\n');
    const ed = editor([`$ECTL put t/c 'theirs\n' >/dev/null; printf 'mine\\n' > "$1"`, ':']);
    const s = run('conflict', ed.env, 't/c');
    const screen = await s.waitFor(/Edit again on top of the stored value\? \[y\/N\]/, 15_000);
    expect(screen).toMatch(/^Changed while you edited it: "t\/c" has mod_revision \d+, not \d+$/m);
    expect(screen).not.toMatch(/Error:/);
    expect(screen).toMatch(/-base\n\+theirs/);
    s.type('y');
    expect(await s.waitForEnd(15_000)).toEqual({ status: 0 });
    expect(ed.seen(2)).toMatch(/# -base\n# \+theirs\n/);
    expect(await valueOf('t/c')).toBe('mine\n');
  });

  it('a conflict answered no: exit 7, their value stays', async (t) => {
    if (terminals.skipReason()) return t.skip();
    await put('t/n', 'base');
    const ed = editor([`$ECTL put t/n theirs >/dev/null; printf mine > "$1"`]);
    const s = run('conflict-no', ed.env, 't/n');
    await s.waitFor(/\[y\/N\]/, 15_000);
    s.type('');
    expect(await s.waitForEnd(15_000)).toEqual({ status: 7 });
    // One Error: line, the outcome's.
    expect(s.screen().match(/Error:.*/g)).toEqual([
      expect.stringMatching(
        /^Error: precondition failed: "t\/n" has mod_revision \d+, not \d+; nothing written$/,
      ),
    ]);
    expect(await valueOf('t/n')).toBe('theirs');
  });

  it('Ctrl-C while the editor runs: ends by SIGINT, nothing written, the file is gone', async (t) => {
    if (terminals.skipReason()) return t.skip();
    await put('t/i', 'v');
    const ed = editor([`echo > "$1"; sleep 30`]);
    const s = run('interrupt', ed.env, 't/i');
    for (let i = 0; i < 100 && !existsSync(join(ed.dir, 'path')); i++)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    s.keys('C-c');
    expect(await s.waitForEnd(15_000)).toEqual({ signal: 'SIGINT' });
    expect(existsSync(pathOf(ed.dir))).toBe(false);
    expect(await valueOf('t/i')).toBe('v');
  });
});
