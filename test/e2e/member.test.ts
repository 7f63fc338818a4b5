// `member list` on a 3-member cluster against etcdctl: identical where 3.4 has main's behaviour
// (simple, json, protobuf); main's changes (no zero Revision in fields, hex IDs with --hex, the
// Unicode table) checked against etcdctl's output transformed accordingly.
import { describe, expect, it } from 'vitest';
import { renderTable } from '../../src/go/tablewriter.js';
import { useCluster } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl, type RunResult } from '../harness/run.js';
import { both } from './util.js';

const c = useCluster(3);
const ep = () => ['--endpoints', c.endpoints[0]!];
const hex = (dec: string) => BigInt(dec).toString(16);

function ok(r: RunResult): string {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.toString();
}

/** etcdctl's output, or ectl's when etcdctl is not installed (the comparison then only checks form). */
async function reference(args: string[]): Promise<string> {
  return hasEtcdctl() ? ok(await runEtcdctl(args)) : ok(await runEctl(args));
}

describe('member list', () => {
  it('simple, json and protobuf are byte-identical to etcdctl', async () => {
    for (const format of ['simple', 'json', 'protobuf']) {
      const { ectl, etcdctl } = await both([...ep(), 'member', 'list', '-w', format]);
      const out = ok(ectl);
      if (etcdctl) expect(ectl.stdout.equals(etcdctl.stdout)).toBe(true);
      if (format === 'simple') expect(out.split('\n')).toHaveLength(4);
    }
  });

  it('--consistency s answers the same list; a bad value is exit 4', async () => {
    const serial = ok(await runEctl([...ep(), 'member', 'list', '--consistency', 's']));
    expect(serial).toBe(await reference([...ep(), 'member', 'list']));
    const bad = await runEctl([...ep(), 'member', 'list', '--consistency', 'x']);
    expect({ err: bad.stderr, code: bad.code }).toEqual({
      err: 'Error: unknown consistency flag "x"\n',
      code: 4,
    });
  });

  it('fields: etcdctl’s without the zero Revision line (main); --hex prints hex IDs', async () => {
    const ref = await reference([...ep(), 'member', 'list', '-w', 'fields']);
    const main = ref.replace('"Revision" : 0\n', '');
    expect(ok(await runEctl([...ep(), 'member', 'list', '-w', 'fields']))).toBe(main);
    const hexed = main.replace(
      /^("(?:ClusterID|MemberID|ID)" : )(\d+)$/gm,
      (_, k, v) => k + hex(v),
    );
    expect(ok(await runEctl([...ep(), 'member', 'list', '-w', 'fields', '--hex']))).toBe(hexed);
  });

  it('json --hex: cluster, member and member IDs as hex strings', async () => {
    const ref = await reference([...ep(), 'member', 'list', '-w', 'json']);
    const hexed = ref.replace(
      /"(cluster_id|member_id|ID)":(\d+)/g,
      (_, k, v) => `"${k}":"${hex(v)}"`,
    );
    expect(ok(await runEctl([...ep(), 'member', 'list', '-w', 'json', '--hex']))).toBe(hexed);
  });

  it('table: the simple rows drawn as etcdctl main draws them', async () => {
    const rows = (await reference([...ep(), 'member', 'list']))
      .trimEnd()
      .split('\n')
      .map((l) => l.split(', '));
    const header = ['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'];
    const out = ok(await runEctl([...ep(), 'member', 'list', '-w', 'table']));
    expect(out).toBe(renderTable(header, rows));
    expect(out.split('\n')[1]).toMatch(/^│ +ID +│ +STATUS +│ +NAME +│ +PEER ADDRS +│/);
  });
});
