// `member add | remove | update | promote` on a 3-member cluster: argument, URL and server errors
// byte for byte as etcdctl (nothing changes); a learner added, really started, promoted, updated and
// removed with main's output (checked against what etcdctl's member list shows around it); the
// JSON and protobuf of the changes against etcdctl's member list; a dead cluster within the timeout.
import { afterEach, describe, expect, it } from 'vitest';
import { useCluster } from '../harness/etcd.js';
import { freePorts } from '../harness/node.js';
import { hasEtcdctl, runEctl, runEtcdctl, type RunResult } from '../harness/run.js';
import {
  type Pair,
  QUICK,
  both,
  expectDeadline,
  expectRefDeadline,
  quiet,
  refusedEndpoint,
} from './util.js';

const c = useCluster(3);
const ep = () => ['--endpoints', c.cluster.nodes[0]!.endpoint];
const pad = (hex: string) => hex.padStart(16, ' ');

function ok(r: RunResult): string {
  expect(quiet(r), r.stdout.toString()).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.toString();
}

/** The member list as etcdctl prints it (ectl's when etcdctl is not installed). */
async function listed(format = 'json'): Promise<string> {
  const args = [...ep(), 'member', 'list', '-w', format];
  return ok(await (hasEtcdctl() ? runEtcdctl(args) : runEctl(args)));
}

const members = async () => (await listed('simple')).trimEnd().split('\n');
const clusterId = async () => BigInt(/"cluster_id":(\d+)/.exec(await listed())![1]!).toString(16);

const UNHEALTHY = 'Error: etcdserver: unhealthy cluster\n';

/**
 * Runs a membership change until etcd stops refusing it as `unhealthy cluster`: etcd 3.4 wants
 * every member connected for 5 s first (strict reconfiguration check), longer than start-up takes.
 */
async function whenSettled<R extends RunResult | Pair>(run: () => Promise<R>): Promise<R> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await run();
    const runs: (RunResult | undefined)[] = 'ectl' in r ? [r.ectl, r.etcdctl] : [r];
    if (!runs.some((x) => x?.stderr.includes(UNHEALTHY)) || Date.now() > deadline) return r;
    await new Promise((res) => setTimeout(res, 500));
  }
}

/** Adds a learner on fresh ports with ectl; the result, ports and peer URL. */
async function addLearner(name: string, extra: string[] = []) {
  const [clientPort, peerPort] = (await freePorts(2)) as [number, number];
  const peerUrl = `http://127.0.0.1:${peerPort}`;
  const args = ['member', 'add', name, `--peer-urls=${peerUrl}`, '--learner', ...extra];
  const r = await whenSettled(() => runEctl([...ep(), ...args]));
  return { r, clientPort, peerPort, peerUrl };
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

// A test that failed half-way must not leave a learner behind (etcd 3.4 allows one).
afterEach(async () => {
  const keep = new Set(c.cluster.nodes.slice(0, 3).map((n) => n.name));
  for (const row of await members()) {
    const [id, , name] = row.split(', ');
    if (!keep.has(name!)) await whenSettled(() => runEctl([...ep(), 'member', 'remove', id!]));
  }
});

describe('member add | remove | update | promote: errors change nothing', () => {
  it('argument and peer URL errors are etcdctl’s, byte for byte', async () => {
    const before = await members();
    const cases: [string[], number][] = [
      [['add'], 128],
      [['add', 'x', 'y'], 128],
      [['add', 'x', 'http://a', 'HTTPS://b'], 128],
      [['add', 'x'], 128],
      [['add', 'x', '--peer-urls='], 128],
      [['add', 'x', '--peer-urls=ftp://1.2.3.4:5'], 1],
      [['add', 'x', '--peer-urls=http://1.2.3.4'], 1],
      [['add', 'x', '--peer-urls=http://1.2.3.4:5/p'], 1],
      [['add', 'x', '--peer-urls=http://[::1'], 1],
      [['add', 'x', '--peer-urls=1.2.3.4:5'], 1],
      [['add', 'x', '--peer-urls=http://a:1,'], 1],
      [['add', 'x', '--learner', '--peer-urls=http://u^v@h:1'], 1],
      [['remove'], 128],
      [['remove', 'zz'], 128],
      [['remove', '1', '2'], 128],
      [['remove', '--', '-1'], 128],
      [['remove', '10000000000000000'], 128],
      [['update'], 128],
      [['update', 'zz', '--peer-urls=http://a:1'], 128],
      [['update', '12'], 128],
      [['update', '12', '--peer-urls=ftp://x'], 1],
      [['promote'], 128],
      [['promote', '0x12'], 128],
    ];
    for (const [args, code] of cases) {
      const what = args.join(' ');
      const { ectl, etcdctl } = await both([...ep(), 'member', ...args]);
      expect([ectl.stdout.toString(), ectl.code], what).toEqual(['', code]);
      expect(ectl.stderr, what).toMatch(/^Error: [^\n]+\n$/);
      if (etcdctl) expect([ectl.stderr, ectl.code], what).toEqual([quiet(etcdctl), etcdctl.code]);
    }
    expect(await members()).toEqual(before);
  });

  it('server refusals: etcd’s text, exit 1, as etcdctl', async () => {
    const ids = (await members()).map((l) => l.split(', ')[0]!);
    const url = c.cluster.nodes[1]!.peerUrl;
    for (const args of [
      ['remove', '1234'],
      ['update', '1234', '--peer-urls=http://127.0.0.1:1'],
      ['promote', ids[0]!], // a voting member
      ['add', 'dup', `--peer-urls=${url}`], // a URL a member has
    ]) {
      const { ectl, etcdctl } = await whenSettled(() => both([...ep(), 'member', ...args]));
      expect([ectl.stdout.toString(), ectl.code]).toEqual(['', 1]);
      expect(ectl.stderr).toMatch(/^Error: etcdserver: [^\n]+\n$/);
      expect(ectl.stderr).not.toBe(UNHEALTHY);
      if (etcdctl) expect([ectl.stderr, ectl.code]).toEqual([quiet(etcdctl), etcdctl.code]);
    }
  });

  it('unix peer URLs pass the client check as in main (3.4 wanted host:port); etcd 3.4 refuses them', async () => {
    const args = [...ep(), 'member', 'add', 'x', '--peer-urls=unix://a/b'];
    const { ectl, etcdctl } = await both(args);
    expect([ectl.stderr, ectl.code]).toEqual([
      'Error: etcdserver: given member URLs are invalid\n',
      1,
    ]);
    if (etcdctl)
      expect(quiet(etcdctl)).toBe(
        'Error: URL address does not have the form "host:port": unix://a/b\n',
      );
  });
});

describe('a learner’s life: add, start, promote, update, remove', () => {
  it('add --learner prints main’s line and the ETCD_* lines that start it', async () => {
    const cid = await clusterId();
    const { r, clientPort, peerPort, peerUrl } = await addLearner('m3');
    const m = new RegExp(
      `^Member ([0-9a-f ]{16}) added as learner to cluster ${pad(cid)}\\n\\n` +
        'ETCD_NAME="m3"\\nETCD_INITIAL_CLUSTER="([^"]*)"\\n' +
        `ETCD_INITIAL_ADVERTISE_PEER_URLS="${peerUrl}"\\n` +
        'ETCD_INITIAL_CLUSTER_STATE="existing"\\n$',
    ).exec(ok(r));
    expect(m).not.toBeNull();
    const id = m![1]!.trim();
    const initialCluster = m![2]!;
    const want = [...c.cluster.nodes.map((n) => `${n.name}=${n.peerUrl}`), `m3=${peerUrl}`];
    expect(initialCluster.split(',').sort()).toEqual(want.sort());
    expect(await members()).toContain(`${id}, unstarted, , ${peerUrl}, , true`);
    // Tab after `member promote` offers the learner, and only it.
    const tab = await runEctl(['__complete', 'words', 'ectl', ...ep(), 'member', 'promote', '']);
    expect(tab.stdout.toString()).toBe(`${id}\tunstarted\n:4\n`);

    // Started as the lines say, it joins; once in sync with the leader it can be promoted.
    const node = c.cluster.startAdded({ name: 'm3', clientPort, peerPort, initialCluster });
    const row = `${id}, started, m3, ${peerUrl}, ${node.clientUrl}`;
    await until('m3 to start', async () =>
      (await members()).includes(`${row}, true`) ? true : undefined,
    );
    const promoted = await until('the promotion', async () => {
      const p = await runEctl([...ep(), 'member', 'promote', id]);
      if (p.code === 0) return p;
      expect(p.stderr).toBe(
        'Error: etcdserver: can only promote a learner member which is in sync with leader\n',
      );
      return undefined;
    });
    expect(ok(promoted)).toBe(`Member ${pad(id)} promoted in cluster ${pad(cid)}\n`);
    expect(await members()).toContain(`${row}, false`);

    // update: the same URL (the member keeps working); simple, then json = etcdctl's list.
    const upd = ['member', 'update', id, `--peer-urls=${peerUrl}`];
    expect(ok(await runEctl([...ep(), ...upd]))).toBe(
      `Member ${pad(id)} updated in cluster ${pad(cid)}\n`,
    );
    const json = ok(await runEctl([...ep(), ...upd, '-w', 'json']));
    expect(json).toBe(await listed());

    // remove -w protobuf: MemberRemoveResponse has MemberListResponse's fields, so its bytes are
    // those of the member list printed right after; the removed etcd stops by itself.
    const rm = await runEctl([...ep(), 'member', 'remove', id, '-w', 'protobuf']);
    expect(rm.code).toBe(0);
    const after = await (hasEtcdctl() ? runEtcdctl : runEctl)([
      ...ep(),
      'member',
      'list',
      '-w',
      'protobuf',
    ]);
    expect(rm.stdout.equals(after.stdout)).toBe(true);
    expect(await members()).toHaveLength(3);
    await until('the removed member to stop', async () => (node.isRunning() ? undefined : true));
  });

  it('add -w json is etcdctl’s member list after it, with the new member; --hex: hex IDs', async () => {
    const { r } = await addLearner('j', ['-w', 'json']);
    const out = ok(r);
    const list = await listed();
    const member = /"member":(\{[^}]*\})/.exec(out)![1]!;
    expect(list).toContain(member);
    expect(out).toBe(list.replace(',"members":', `,"member":${member},"members":`));
    const id = BigInt(/"ID":(\d+)/.exec(member)![1]!).toString(16);
    const rm = ok(await runEctl([...ep(), 'member', 'remove', id, '-w', 'json', '--hex']));
    const hexed = (await listed()).replace(
      /"(cluster_id|member_id|ID)":(\d+)/g,
      (_, k: string, v: string) => `"${k}":"${BigInt(v).toString(16)}"`,
    );
    expect(rm).toBe(hexed);
    expect(hexed).not.toContain(`"ID":"${id}"`);
  });

  it('fields and table: the change is made, then "not supported as output format" (exit 4)', async () => {
    for (const format of ['fields', 'table']) {
      const { r } = await addLearner(`f-${format}`, ['-w', format]);
      expect([r.stdout.toString(), r.stderr, r.code]).toEqual([
        '',
        `Error: ${format} not supported as output format\n`,
        4,
      ]);
      const row = (await members()).find((l) => l.endsWith(', true'))!;
      const id = row.split(', ')[0]!;
      const rm = await runEctl([...ep(), 'member', 'remove', id, '-w', format]);
      expect([rm.stderr, rm.code]).toEqual([
        `Error: ${format} not supported as output format\n`,
        4,
      ]);
      expect(await members()).toHaveLength(3);
    }
  });
});

describe('member changes against a dead cluster', () => {
  it('fail with the deadline within --command-timeout, as etcdctl (which names no cause)', async () => {
    const dead = await refusedEndpoint();
    for (const args of [
      ['add', 'x', '--peer-urls=http://127.0.0.1:1'],
      ['remove', '12'],
      ['update', '12', '--peer-urls=http://127.0.0.1:1'],
      ['promote', '12'],
    ]) {
      const { ectl, etcdctl } = await both(['--endpoints', dead, ...QUICK, 'member', ...args]);
      expectDeadline(ectl, [[dead, /connection refused/]]);
      expectRefDeadline(etcdctl);
    }
  });
});
