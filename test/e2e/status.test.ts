// The colour rules, first while the cluster is whole (--color, ECTL_COLOR, NO_COLOR, FORCE_COLOR,
// TERM=dumb, a terminal or not, never in the etcdctl family's stdout, "Error:" red on a terminal),
// then ectl status on a real 3-member cluster: every member healthy, one stopped (a row that says
// why, exit 1), two stopped (no leader); -o wide/json/yaml, 120 columns, and --watch redrawing in
// place on a terminal until Ctrl-C.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useCluster } from '../harness/etcd.js';
import { ECTL_BIN, runEctl, spawnEctl } from '../harness/run.js';
import { useTmux } from '../harness/tmux.js';

const c = useCluster(3, { name: 'st' });
const tmux = useTmux('status');
const ep = () => ['--endpoints', c.endpoints[0]!];
const ESC = /\x1b\[/;

interface MemberDoc {
  name: string;
  id: string;
  health: string;
  problem: string | null;
  is_leader: boolean;
  version: string | null;
  db_size: number | null;
  db_size_quota: number | null;
  raft_index: number | null;
}

describe('colour rules', () => {
  it('piped: none by default; --color always or FORCE_COLOR=1 colour; --color never wins', async () => {
    const args = [...ep(), 'doctor'];
    const plain = await runEctl(args);
    expect(plain.stdout.toString()).not.toMatch(ESC);
    const always = await runEctl(['--color', 'always', ...args]);
    expect(always.stdout.toString()).toMatch(/\x1b\[32m✓/);
    const forced = await runEctl(args, { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout.toString()).toMatch(/\x1b\[32m✓/);
    const env = await runEctl(args, { env: { ECTL_COLOR: 'always' } });
    expect(env.stdout.toString()).toMatch(/\x1b\[32m✓/);
    const never = await runEctl(['--color', 'never', ...args], { env: { FORCE_COLOR: '1' } });
    expect(never.stdout.toString()).not.toMatch(ESC);
    // The text is the same with and without colour.
    const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
    const digitless = (s: string) => s.replace(/\d+/g, 'N');
    expect(digitless(strip(always.stdout.toString()))).toBe(digitless(plain.stdout.toString()));
    const bad = await runEctl(['--color', 'sometimes', ...args]);
    expect([bad.stderr, bad.code]).toEqual([
      'Error: invalid --color "sometimes" (use one of: auto, always, never)\n',
      128,
    ]);
  });

  it('never in the etcdctl family’s stdout, even with --color always', async () => {
    await runEctl([...ep(), 'put', 'colour', 'v']);
    const r = await runEctl(['--color', 'always', ...ep(), 'member', 'list', '-w', 'table']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).not.toMatch(ESC);
  });

  it('on a terminal: coloured by default, not with NO_COLOR or TERM=dumb; Error: red, same text', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const ectl = [process.execPath, ECTL_BIN, ...ep()];
    const coloured = tmux.run('tty', [...ectl, 'doctor']);
    await coloured.waitForEnd(15_000);
    expect(coloured.styledScreen()).toMatch(/\x1b\[32m✓/);
    for (const [name, env] of [
      ['nocolor', 'NO_COLOR=1'],
      ['dumb', 'TERM=dumb'],
    ] as const) {
      const s = tmux.run(name, ['/usr/bin/env', env, ...ectl, 'doctor']);
      await s.waitForEnd(15_000);
      expect(s.screen()).toMatch(/✓ +dns/);
      expect(s.styledScreen()).not.toMatch(/\x1b\[3\dm/);
    }
    const err = tmux.run('err', [...ectl, 'get']);
    expect(await err.waitForEnd(15_000)).toEqual({ status: 128 });
    expect(err.screen()).toMatch(
      /^Error: get command needs one argument as key and an optional argument as range_end$/m,
    );
    expect(err.styledScreen()).toMatch(/\x1b\[31mError:\x1b\[39m get command needs/);
    const errNo = tmux.run('err-nocolor', ['/usr/bin/env', 'NO_COLOR=1', ...ectl, 'get']);
    await errNo.waitForEnd(15_000);
    expect(errNo.styledScreen()).not.toMatch(/\x1b\[31m/);
  });
});

describe('ectl status', () => {
  it('all healthy: one row per member, the leader starred, exit 0, within 120 columns', async () => {
    const r = await runEctl([...ep(), 'status']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.toString().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^cluster [0-9a-f]{16} · leader st\d · 3 of 3 members healthy$/);
    expect(lines[1]).toMatch(
      /^NAME +ENDPOINT +ID +VERSION +DB SIZE +QUOTA +TERM +INDEX +LAG +ALARMS +HEALTH +LATENCY$/,
    );
    expect(lines.slice(2)).toHaveLength(3);
    expect(lines.slice(2).filter((l) => / ★ /.test(l))).toHaveLength(1);
    for (const l of lines.slice(2)) {
      // 3.4 reports no quota: '-', never 0 B or 0%.
      expect(l).toMatch(
        /^st\d( ★)? +http:\/\/127\.0\.0\.1:\d+ +[0-9a-f]{16} +3\.4\.\d+ +\d+ KiB +- +\d+ +\d+ +\d+ +- +healthy +\d+ms$/,
      );
    }
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
    expect(r.stdout.toString()).not.toMatch(ESC);
  });

  it('-o json and -o yaml: the same document; -w json is -o json; unknown fields null', async () => {
    const json = await runEctl([...ep(), 'status', '-o', 'json']);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout.toString()) as { leader: string; members: MemberDoc[] };
    expect(doc.members.map((m) => m.name).sort()).toEqual(['st0', 'st1', 'st2']);
    expect(doc.members.filter((m) => m.is_leader).map((m) => m.id)).toEqual([doc.leader]);
    for (const m of doc.members) {
      expect(m).toMatchObject({ health: 'healthy', problem: null, db_size_quota: null });
      expect(m.version).toMatch(/^3\.4\./);
      expect(m.db_size).toBeGreaterThan(0);
    }
    const w = await runEctl([...ep(), 'status', '-w', 'json']);
    expect(Object.keys(JSON.parse(w.stdout.toString()) as object)).toEqual([
      'cluster_id',
      'leader',
      'members',
    ]);
    const yaml = await runEctl([...ep(), 'status', '-o', 'yaml']);
    const y = parseYaml(yaml.stdout.toString()) as { members: MemberDoc[] };
    expect(y.members.map((m) => m.id).sort()).toEqual(doc.members.map((m) => m.id).sort());
    const ndjson = await runEctl([...ep(), 'status', '-o', 'ndjson']);
    expect(ndjson.stdout.toString().trimEnd().split('\n')).toHaveLength(3);
    const fields = await runEctl([...ep(), 'status', '-w', 'fields']);
    expect([fields.stderr, fields.code]).toEqual([
      'Error: fields not supported as output format\n',
      4,
    ]);
  });

  it('-o wide: every field, storage version and quota as - for 3.4', async () => {
    const r = await runEctl([...ep(), 'status', '-o', 'wide']);
    expect(r.code).toBe(0);
    const [, header, ...rows] = r.stdout.toString().trimEnd().split('\n');
    expect(header).toMatch(
      /^NAME +ENDPOINTS +ID +LEADER +LEARNER +VERSION +STORAGE +DB SIZE +IN USE +QUOTA +QUOTA % +TERM +INDEX +APPLIED +LAG +ALARMS +ERRORS +HEALTH +LATENCY +PROBLEM +PEER URLS$/,
    );
    expect(rows.filter((l) => / yes +no +3\.4\.\d+ +- +\d+ KiB/.test(l))).toHaveLength(1);
  });

  it('--watch on a terminal redraws in place until Ctrl-C', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const term = tmux.run('watch', [
      process.execPath,
      ECTL_BIN,
      ...ep(),
      'status',
      '--watch',
      '1s',
    ]);
    const first = await term.waitFor(/every 1s · (\d\d:\d\d:\d\d)/, 15_000);
    const firstTime = /every 1s · (\d\d:\d\d:\d\d)/.exec(first)![1];
    const later = await term.waitFor(
      new RegExp(`every 1s · (?!${firstTime})\\d\\d:\\d\\d:\\d\\d`),
      15_000,
    );
    // Redrawn, not appended: one title and one header on the screen.
    expect(later.match(/^cluster /gm)).toHaveLength(1);
    expect(later.match(/^NAME /gm)).toHaveLength(1);
    // Colour on a terminal: the health words are green.
    expect(term.styledScreen()).toMatch(/\x1b\[32mhealthy/);
    term.keys('C-c');
    expect(await term.waitForEnd(10_000)).toEqual({ signal: 'SIGINT' });
  });

  it('--watch piped: one view after another (no cursor moves); -o ndjson: a row per member each time', async () => {
    const human = spawnEctl([...ep(), 'status', '--watch', '500ms']);
    await human.waitFor(/(^cluster [^\n]*\n(?:[^\n]+\n)+\n){2}cluster /m, { timeoutMs: 15_000 });
    await human.kill('SIGINT');
    expect(human.stdout()).not.toMatch(ESC);
    expect(human.stdout()).toMatch(
      /^cluster [0-9a-f]{16} · leader st\d · 3 of 3 members healthy · every 500ms · \d\d:\d\d:\d\d\nNAME /,
    );
    const nd = spawnEctl([...ep(), 'status', '--watch', '500ms', '-o', 'ndjson']);
    await nd.waitFor(/^(\{[^\n]*\n){6}/, { timeoutMs: 15_000 });
    await nd.kill('SIGINT');
    for (const line of nd.stdout().trimEnd().split('\n'))
      expect((JSON.parse(line) as MemberDoc).name).toMatch(/^st\d$/);
  });

  it('one member stopped: a row that says why, the others healthy, exit 1', async () => {
    const stopped = c.cluster.nodes[2]!;
    await stopped.stop();
    const r = await runEctl([...ep(), '--dial-timeout', '1s', 'status']);
    expect(r.code).toBe(1);
    // Bounded by --dial-timeout + 1 s for the stopped member, not the 5 s --command-timeout.
    expect(r.ms).toBeLessThan(2000 + 1500);
    const out = r.stdout.toString();
    expect(out).toMatch(/· 2 of 3 members healthy\n/);
    const row = out.split('\n').find((l) => l.startsWith(`${stopped.name} `))!;
    expect(row).toMatch(/ +[0-9a-f]{16} +unreachable: .*connection refused/);
    expect(out.split('\n').filter((l) => / healthy +\d+ms$/.test(l))).toHaveLength(2);
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(120);
    const json = await runEctl([...ep(), '--command-timeout', '2s', 'status', '-o', 'json']);
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout.toString()) as { members: MemberDoc[] };
    const m = doc.members.find((x) => x.name === stopped.name)!;
    expect(m).toMatchObject({ health: 'unreachable', version: null, raft_index: null });
    expect(m.problem).toMatch(/connection refused/);
    // doctor on the same endpoints: the stopped one is refused, the others answer, lag compared.
    const doc2 = await runEctl(['--endpoints', c.endpoints.join(','), 'doctor', '-o', 'json']);
    expect(doc2.code).toBe(1);
    const reports = JSON.parse(doc2.stdout.toString()) as {
      endpoint: string;
      checks: { name: string; status: string }[];
    }[];
    const byEp = new Map(reports.map((x) => [x.endpoint, x.checks]));
    expect(byEp.get(stopped.endpoint)!.find((k) => k.name === 'tcp')!.status).toBe('fail');
    for (const e of c.endpoints.filter((x) => x !== stopped.endpoint))
      expect(byEp.get(e)!.find((k) => k.name === 'raft lag')!.status).toBe('ok');
  });

  it('two members stopped: no quorum, no leader; status and doctor say so', async () => {
    const last = c.cluster.nodes[0]!;
    await c.cluster.nodes[1]!.stop();
    // The survivor notices after its election timeout (500 ms in the harness); wait for it.
    let doc: { members: MemberDoc[] } | undefined;
    for (let i = 0; i < 40; i++) {
      const r = await runEctl([
        '--endpoints',
        last.endpoint,
        '--command-timeout',
        '1s',
        'status',
        '-o',
        'json',
      ]);
      if (r.code === 1 && r.stdout.length > 0) {
        doc = JSON.parse(r.stdout.toString()) as { members: MemberDoc[] };
        if (doc.members.find((m) => m.name === last.name)?.problem === 'no leader') break;
      }
      await new Promise((res) => setTimeout(res, 250));
    }
    expect(doc?.members.find((m) => m.name === last.name)).toMatchObject({
      health: 'unhealthy',
      problem: 'no leader',
    });
    const r = await runEctl(['--endpoints', last.endpoint, 'doctor', '-o', 'json']);
    expect(r.code).toBe(1);
    const [report] = JSON.parse(r.stdout.toString()) as {
      checks: { name: string; status: string; hint: string }[];
    }[];
    const leader = report!.checks.find((k) => k.name === 'leader')!;
    expect(leader.status).toBe('fail');
    expect(leader.hint).toMatch(/^a majority of the members must run/);
  });
});
