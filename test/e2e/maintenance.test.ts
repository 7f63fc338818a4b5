// `defrag`, `move-leader` and `downgrade` on a 3-member cluster and a single node, against etcdctl
// 3.4.23 on the same servers: identical where main kept 3.4's behaviour, main's where it changed
// (defrag's `took`, --data-dir gone to etcdutl, downgrade only on 3.6+ servers); dead endpoints
// fail within --command-timeout.
import { describe, expect, it } from 'vitest';
import { useCluster, useEtcd } from '../harness/etcd.js';
import { runEctl, type RunResult } from '../harness/run.js';
import { expectGolden } from '../helpers/golden.js';
import {
  QUICK,
  QUICK_BOUND_MS,
  both,
  errorLines,
  expectDeadline,
  expectRefDeadline,
  quiet,
  refusedEndpoint,
} from './util.js';

const c = useCluster(3);
const single = useEtcd();
const all = () => ['--endpoints', c.endpoints.join(',')];
/** main's defrag lines as 3.4 printed them: without `. took <duration>`. */
const as34 = (s: string) => s.replace(/\. took \S+$/gm, '').replace(/\]\. took \S+\. \(/g, '] (');

function ok(r: RunResult): string {
  expect(quiet(r)).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.toString();
}

/** Member IDs in hex by client URL, from the member list. */
async function idsByUrl(): Promise<Map<string, string>> {
  const out = ok(await runEctl([...all(), 'member', 'list']));
  return new Map(
    out
      .trimEnd()
      .split('\n')
      .map((l) => l.split(', '))
      .map((r) => [r[4]!, r[0]!]),
  );
}

describe('defrag', () => {
  it('each endpoint in order, with main’s time taken; otherwise etcdctl’s lines', async () => {
    for (const args of [[], ['--cluster'], ['-w', 'json', 'ignored-arg']]) {
      const { ectl, etcdctl } = await both([...all(), 'defrag', ...args]);
      const out = ok(ectl);
      const eps = args[0] === '--cluster' ? c.cluster.nodes.map((n) => n.clientUrl) : c.endpoints;
      const lines = out.trimEnd().split('\n');
      expect(lines.map((l) => /member\[(.*)\]/.exec(l)![1]).sort()).toEqual([...eps].sort());
      if (args[0] !== '--cluster')
        expect(lines.map((l) => /member\[(.*)\]/.exec(l)![1])).toEqual(eps);
      for (const l of lines)
        expect(l).toMatch(/^Finished defragmenting etcd member\[.*\]\. took \S+$/);
      if (etcdctl) expect(as34(out)).toBe(ok(etcdctl));
    }
    expect(ok(await runEctl(['--endpoints', single.endpoint, 'defrag']))).toMatch(
      new RegExp(`^Finished defragmenting etcd member\\[${single.endpoint}\\]\\. took \\S+\\n$`),
    );
  });

  it('a dead endpoint: "Failed to defragment" on stderr after the others, exit 1', async () => {
    const dead = await refusedEndpoint();
    const eps = ['--endpoints', `${dead},${c.endpoints[1]}`, ...QUICK];
    const { ectl, etcdctl } = await both([...eps, 'defrag']);
    expect(ectl.code).toBe(1);
    expect(ectl.ms).toBeLessThan(QUICK_BOUND_MS);
    expect(ectl.stdout.toString()).toMatch(
      new RegExp(`^Finished defragmenting etcd member\\[${c.endpoints[1]}\\]\\. took \\S+\\n$`),
    );
    expect(ectl.stderr).toMatch(
      new RegExp(
        `^Failed to defragment etcd member\\[${dead}\\]\\. took 1\\.\\d+s\\. \\(context deadline exceeded\\)\\n$`,
      ),
    );
    if (etcdctl) {
      expect(etcdctl.code).toBe(1);
      expect(as34(ectl.stdout.toString())).toBe(etcdctl.stdout.toString());
      expect(as34(ectl.stderr)).toBe(quiet(etcdctl));
    }
    const cl = await both(['--endpoints', dead, ...QUICK, 'defrag', '--cluster']);
    const msg =
      'Error: failed to fetch endpoints from etcd cluster member list: context deadline exceeded';
    expect([cl.ectl.code, cl.ectl.stdout.toString()]).toEqual([1, '']);
    expect(cl.ectl.stderr.startsWith(msg)).toBe(true);
    if (cl.etcdctl) expect([errorLines(cl.etcdctl), cl.etcdctl.code]).toEqual([msg, 1]);
  });

  it('--data-dir: main’s unknown flag (exit 1), and where offline defragmentation went', async () => {
    const r = await runEctl([...all(), 'defrag', '--data-dir', '/var/lib/etcd']);
    expect([r.stdout.toString(), r.code]).toEqual(['', 1]);
    expect(r.stderr).toBe(
      'Error: unknown flag: --data-dir\n' +
        'defragmenting a data directory moved from etcdctl to etcdutl (etcd v3.5+): ' +
        'stop the member, then run `etcdutl defrag --data-dir <dir>`\n',
    );
  });
});

describe('move-leader', () => {
  it('hands leadership to the member named; --write-out json as etcdctl', async () => {
    const ids = await idsByUrl();
    for (const format of ['simple', 'json']) {
      const leader = await c.cluster.leader();
      const target = c.cluster.nodes.find((n) => n !== leader)!;
      const [from, to] = [ids.get(leader.clientUrl)!, ids.get(target.clientUrl)!];
      const r = await runEctl([...all(), 'move-leader', to, '-w', format]);
      expect(ok(r)).toBe(
        format === 'json' ? '{}\n' : `Leadership transferred from ${from} to ${to}\n`,
      );
      expect(await c.cluster.leader()).toBe(target);
    }
    // To the leader itself: nothing to do, the same answer; etcdctl prints the same bytes.
    const leaderId = ids.get((await c.cluster.leader()).clientUrl)!;
    for (const format of ['simple', 'json', 'protobuf']) {
      const { ectl, etcdctl } = await both([...all(), 'move-leader', leaderId, '-w', format]);
      ok(ectl);
      if (etcdctl) expect(ectl.stdout.equals(etcdctl.stdout)).toBe(true);
    }
  });

  it('errors as etcdctl: arguments, an unknown member, no leader among the endpoints', async () => {
    const leader = await c.cluster.leader();
    const followers = c.cluster.nodes.filter((n) => n !== leader).map((n) => n.endpoint);
    const cases: [string[], number][] = [
      [[...all(), 'move-leader'], 128],
      [[...all(), 'move-leader', '1', '2'], 128],
      [[...all(), 'move-leader', 'zz'], 128],
      [[...all(), 'move-leader', '123'], 1],
      [['--endpoints', followers.join(','), 'move-leader', '123'], 128],
      [[...all(), 'move-leader', '123', '-w', 'fields'], 1],
    ];
    for (const [args, code] of cases) {
      const { ectl, etcdctl } = await both(args);
      expect([ectl.stdout.toString(), ectl.code], args.join(' ')).toEqual(['', code]);
      expect(ectl.stderr).toMatch(/^Error: [^\n]+\n$/);
      if (etcdctl) expect([ectl.stderr, ectl.code]).toEqual([quiet(etcdctl), etcdctl.code]);
    }
    const none = await runEctl(['--endpoints', followers.join(','), 'move-leader', '123']);
    expect(none.stderr).toBe(`Error: no leader endpoint given at [${followers.join(' ')}]\n`);
  });

  it('fields and table: leadership moves, then "not supported as output format" (exit 4)', async () => {
    const ids = await idsByUrl();
    for (const format of ['fields', 'table']) {
      const leader = await c.cluster.leader();
      const target = c.cluster.nodes.find((n) => n !== leader)!;
      const r = await runEctl([...all(), 'move-leader', ids.get(target.clientUrl)!, '-w', format]);
      expect([r.stderr, r.code]).toEqual([`Error: ${format} not supported as output format\n`, 4]);
      expect(await c.cluster.leader()).toBe(target);
    }
  });

  it('a single node moves leadership to itself, as etcdctl', async () => {
    const id = ok(await runEctl(['--endpoints', single.endpoint, 'member', 'list'])).split(',')[0]!;
    const { ectl, etcdctl } = await both(['--endpoints', single.endpoint, 'move-leader', id]);
    expect(ok(ectl)).toBe(`Leadership transferred from ${id} to ${id}\n`);
    if (etcdctl) expect(ok(etcdctl)).toBe(`Leadership transferred from ${id} to ${id}\n`);
  });

  it('a dead endpoint before the leader: the deadline, within --command-timeout', async () => {
    const dead = await refusedEndpoint();
    const args = ['--endpoints', `${dead},${c.endpoints.join(',')}`, ...QUICK, 'move-leader', '1'];
    const { ectl, etcdctl } = await both(args);
    expectDeadline(ectl, [[dead, /connection refused/]]);
    expectRefDeadline(etcdctl);
  });
});

describe('downgrade (etcd 3.6+; these servers are 3.4)', () => {
  it('the server’s Unimplemented error, in every format, exit 1 (golden)', async () => {
    for (const args of [['validate', '3.3'], ['enable', '3.3'], ['cancel']]) {
      for (const format of ['simple', 'json', 'protobuf', 'fields']) {
        const r = await runEctl([...all(), 'downgrade', ...args, '-w', format]);
        expect([r.stdout.toString(), r.code]).toEqual(['', 1]);
        expectGolden('maintenance/downgrade-3.4-server.stderr', r.stderr);
      }
    }
  });

  it('argument errors (128) before anything is sent; the parent prints its help', async () => {
    const cases: [string[], string][] = [
      [['validate'], 'TARGET_VERSION not provided'],
      [['enable', '3.5', '3.4'], 'too many arguments'],
      [['enable', ''], 'target version not provided'],
    ];
    for (const [args, msg] of cases) {
      const r = await runEctl(['--endpoints', await refusedEndpoint(), 'downgrade', ...args]);
      expect([r.stdout.toString(), r.stderr, r.code]).toEqual(['', `Error: ${msg}\n`, 128]);
    }
    const help = await runEctl(['downgrade']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/validate[\s\S]*enable[\s\S]*cancel/);
  });

  it('a dead cluster: the deadline within --command-timeout', async () => {
    const dead = await refusedEndpoint();
    const r = await runEctl(['--endpoints', dead, ...QUICK, 'downgrade', 'cancel']);
    expectDeadline(r, [[dead, /connection refused/]]);
  });
});
