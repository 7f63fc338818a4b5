// `endpoint health | status | hashkv` on a 3-member cluster against etcdctl, first healthy, then
// with one member killed; durations are the only thing normalised. Formats that main changed
// (status/hashkv columns, healthy lines on stdout, the table) are checked against etcdctl 3.4's
// output mapped to main's, and against the table renderer.
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/go/tablewriter.js';
import { useCluster } from '../harness/etcd.js';
import { runEctl, type RunResult } from '../harness/run.js';
import { both, errorLines, refusedEndpoint } from './util.js';

const c = useCluster(3);
const first = () => ['--endpoints', c.endpoints[0]!];
const quick = ['--command-timeout', '1s'];
const urls = () => c.cluster.nodes.map((n) => n.clientUrl).sort();
const TOOK = /\d+(\.\d+)?(ns|µs|ms|s|m\d+(\.\d+)?s)/g;

/** Durations replaced, lines sorted (health prints in completion order). */
const norm = (s: string) => s.replace(TOOK, 'T').split('\n').filter(Boolean).sort().join('\n');
/** etcdctl's stderr without the client library's JSON log lines. */
const etcdctlStderr = (r: RunResult) => r.stderr.replace(/^\{"level".*\n/gm, '');
/** A health JSON array as sorted, duration-free entries. */
const healthJson = (s: string) =>
  (JSON.parse(s.replace(TOOK, 'T')) as { endpoint: string }[]).sort((a, b) =>
    a.endpoint.localeCompare(b.endpoint),
  );
/** Simple output's rows (trailing spaces kept: an empty last column ends a line with ", "). */
const csvRows = (out: string) =>
  out
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.split(', '));
/** The cells of a rendered table's data lines. */
const tableCells = (table: string) =>
  table
    .split('\n')
    .filter((l) => l.startsWith('│'))
    .slice(1)
    .map((l) =>
      l
        .slice(1, -1)
        .split('│')
        .map((s) => s.trim()),
    );

describe('endpoint commands, all members up', () => {
  it('health --cluster: json and fields as etcdctl; simple healthy lines on stdout (main)', async () => {
    const json = await both([...first(), 'endpoint', 'health', '--cluster', '-w', 'json']);
    expect(json.ectl.code).toBe(0);
    const list = healthJson(json.ectl.stdout.toString());
    expect(list.map((h) => h.endpoint)).toEqual(urls());
    if (json.etcdctl) expect(list).toEqual(healthJson(json.etcdctl.stdout.toString()));
    const fields = await both([...first(), 'endpoint', 'health', '--cluster', '-w', 'fields']);
    if (fields.etcdctl)
      expect(norm(fields.ectl.stdout.toString())).toBe(norm(fields.etcdctl.stdout.toString()));
    const simple = await both([...first(), 'endpoint', 'health', '--cluster']);
    expect(simple.ectl.stderr).toBe('');
    expect(simple.ectl.stdout.toString()).toMatch(/^(http:\S+ is healthy: .* took = \S+\n){3}$/);
    // etcdctl 3.4 printed the healthy lines on stderr.
    if (simple.etcdctl)
      expect(norm(simple.ectl.stdout.toString())).toBe(norm(etcdctlStderr(simple.etcdctl)));
  });

  it('health -w table: main’s table of the same results', async () => {
    const r = await runEctl([...first(), 'endpoint', 'health', '--cluster', '-w', 'table']);
    expect(r.code).toBe(0);
    const out = r.stdout.toString();
    const cells = tableCells(out);
    for (const row of cells) expect([row[1], row[3]]).toEqual(['true', '']);
    expect(cells.map((row) => row[0]).sort()).toEqual(urls());
    expect(out).toBe(renderTable(['endpoint', 'health', 'took', 'error'], cells));
  });

  it('status and hashkv: json identical; simple, fields and table are main’s', async () => {
    for (const cmd of ['status', 'hashkv']) {
      const { ectl, etcdctl } = await both([
        ...first(),
        'endpoint',
        cmd,
        '--cluster',
        '-w',
        'json',
      ]);
      expect(ectl.code).toBe(0);
      if (etcdctl) expect(ectl.stdout.toString()).toBe(etcdctl.stdout.toString());
    }
    const st = await both([...first(), 'endpoint', 'status', '--cluster']);
    const rows = csvRows(st.ectl.stdout.toString());
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(16);
    if (st.etcdctl) {
      // 3.4's columns are main's minus storage version, in use, %, quota and downgrade info.
      const old = csvRows(st.etcdctl.stdout.toString());
      expect(rows.map((r) => [0, 1, 2, 4, 8, 9, 10, 11, 12, 13].map((i) => r[i]))).toEqual(old);
    }
    const table = await runEctl([...first(), 'endpoint', 'status', '--cluster', '-w', 'table']);
    expect(tableCells(table.stdout.toString())).toEqual(rows);
    const hk = await both([...first(), 'endpoint', 'hashkv', '--cluster']);
    if (hk.etcdctl) {
      const withRev = hk.etcdctl.stdout.toString().replace(/\n/g, ', 0\n');
      expect(hk.ectl.stdout.toString()).toBe(withRev);
    }
    const hf = await both([...first(), 'endpoint', 'hashkv', '--cluster', '-w', 'fields']);
    if (hf.etcdctl) {
      const withRev = hf.etcdctl.stdout
        .toString()
        .replace(/("Hash" : \d+\n)/g, '$1"HashRevision" : 0\n');
      expect(hf.ectl.stdout.toString()).toBe(withRev);
    }
  });

  it('protobuf is refused after the queries (exit 4); the parent alone prints its help', async () => {
    for (const cmd of ['health', 'status', 'hashkv']) {
      const { ectl, etcdctl } = await both([...first(), 'endpoint', cmd, '-w', 'protobuf']);
      expect({ err: ectl.stderr, code: ectl.code }).toEqual({
        err: 'Error: protobuf not supported as output format\n',
        code: 4,
      });
      if (etcdctl) expect(etcdctl.code).toBe(4);
    }
    const help = await runEctl(['endpoint']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString()).toMatch(/health[\s\S]*status[\s\S]*hashkv/);
  });
});

describe('endpoint commands, one member killed', () => {
  it('health --cluster: the dead member is unhealthy on stderr, then Error: unhealthy cluster', async () => {
    await c.cluster.nodes[2]!.kill();
    await c.cluster.leader(); // the dead member may have been the leader: wait for the election
    const dead = c.cluster.nodes[2]!.clientUrl;
    const unhealthy = `${dead} is unhealthy: failed to commit proposal: context deadline exceeded\n`;
    const simple = await both([...first(), ...quick, 'endpoint', 'health', '--cluster']);
    expect(simple.ectl.code).toBe(1);
    expect(simple.ectl.stderr).toBe(`${unhealthy}Error: unhealthy cluster\n`);
    expect(simple.ectl.stdout.toString().split('\n')).toHaveLength(3);
    expect(simple.ectl.ms).toBeLessThan(3000);
    if (simple.etcdctl) {
      expect(simple.etcdctl.code).toBe(1);
      expect(etcdctlStderr(simple.etcdctl)).toContain(unhealthy);
      expect(errorLines(simple.etcdctl)).toBe('Error: unhealthy cluster');
    }
    const json = await both([
      ...first(),
      ...quick,
      'endpoint',
      'health',
      '--cluster',
      '-w',
      'json',
    ]);
    expect(json.ectl.code).toBe(1);
    const list = healthJson(json.ectl.stdout.toString());
    expect(list.find((h) => h.endpoint === dead)).toEqual({
      endpoint: dead,
      health: false,
      took: 'T',
      error: 'context deadline exceeded',
    });
    if (json.etcdctl) expect(list).toEqual(healthJson(json.etcdctl.stdout.toString()));
  });

  it('health -w table: the dead member’s error names its cause (etcdctl: the deadline only)', async () => {
    const dead = c.cluster.nodes[2]!.clientUrl;
    const args = [...first(), ...quick, 'endpoint', 'health', '--cluster', '-w', 'table'];
    const { ectl, etcdctl } = await both(args);
    expect([ectl.code, ectl.stderr]).toEqual([1, 'Error: unhealthy cluster\n']);
    const cells = tableCells(ectl.stdout.toString());
    const row = cells.find((r) => r[0] === dead)!;
    expect([row[1], row[3]]).toEqual(['false', 'context deadline exceeded (connection refused)']);
    expect(cells.filter((r) => r[1] === 'true')).toHaveLength(2);
    if (etcdctl) {
      expect(etcdctl.code).toBe(1);
      expect(etcdctl.stdout.toString()).toMatch(
        /\|\s+false\s+\|.*\|\s+context deadline exceeded\s+\|/,
      );
    }
  });

  it('status --cluster: "Failed to get the status" on stderr, the others printed, exit 1', async () => {
    const dead = c.cluster.nodes[2]!.clientUrl;
    const failed = `Failed to get the status of endpoint ${dead} (context deadline exceeded)\n`;
    for (const format of ['json', 'simple']) {
      const args = [...first(), ...quick, 'endpoint', 'status', '--cluster', '-w', format];
      const { ectl, etcdctl } = await both(args);
      expect({ err: ectl.stderr, code: ectl.code }).toEqual({ err: failed, code: 1 });
      expect(
        ectl.stdout
          .toString()
          .trimEnd()
          .split(format === 'json' ? '},{' : '\n'),
      ).toHaveLength(2);
      if (!etcdctl) continue;
      expect({ err: etcdctlStderr(etcdctl), code: etcdctl.code }).toEqual({ err: failed, code: 1 });
      if (format === 'json') expect(ectl.stdout.toString()).toBe(etcdctl.stdout.toString());
    }
  });

  it('hashkv --cluster: "Failed to get the hash", then the error of the last failure', async () => {
    const dead = c.cluster.nodes[2]!.clientUrl;
    const args = [...first(), ...quick, 'endpoint', 'hashkv', '--cluster', '-w', 'json'];
    const { ectl, etcdctl } = await both(args);
    expect(ectl.code).toBe(1);
    const [failed, error, rest] = ectl.stderr.split('\n');
    expect(failed).toBe(`Failed to get the hash of endpoint ${dead} (context deadline exceeded)`);
    // ectl's Error line names the cause: `context deadline exceeded (<endpoint>: connection refused)`.
    expect(error).toMatch(/^Error: context deadline exceeded \(.*connection refused\)$/);
    expect(rest).toBe('');
    if (etcdctl) {
      expect(etcdctl.code).toBe(1);
      expect(etcdctlStderr(etcdctl)).toBe(`${failed}\nError: context deadline exceeded\n`);
      expect(ectl.stdout.toString()).toBe(etcdctl.stdout.toString());
    }
  });

  it('endpoints are queried in parallel: two dead endpoints cost one timeout', async () => {
    const dead = [await refusedEndpoint(), c.cluster.nodes[2]!.endpoint];
    const eps = ['--endpoints', [c.endpoints[1]!, ...dead].join(','), ...quick];
    const r = await runEctl([...eps, 'endpoint', 'status']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual(
      dead.map((e) => `Failed to get the status of endpoint ${e} (context deadline exceeded)`),
    );
    expect(r.ms).toBeLessThan(1900);
  });

  it('--cluster with no reachable endpoint cannot fetch the member list (exit 1)', async () => {
    const eps = ['--endpoints', c.cluster.nodes[2]!.endpoint, ...quick];
    const { ectl, etcdctl } = await both([...eps, 'endpoint', 'health', '--cluster']);
    const msg =
      'Error: failed to fetch endpoints from etcd cluster member list: context deadline exceeded';
    expect(ectl.code).toBe(1);
    expect(ectl.stderr.startsWith(msg)).toBe(true);
    if (etcdctl)
      expect({ err: errorLines(etcdctl), code: etcdctl.code }).toEqual({ err: msg, code: 1 });
  });
});
