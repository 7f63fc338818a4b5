// `alarm list | disarm` on a 3-member cluster with a tiny backend quota: no alarm, then a real
// NOSPACE alarm raised by filling the quota, listed in every format against etcdctl 3.4.23 (json
// and protobuf identical; simple without 3.4's trailing space and fields with a zero header, as
// main prints them), then cleared the way an operator does: compact, defrag, disarm.
import { describe, expect, it } from 'vitest';
import { useCluster } from '../harness/etcd.js';
import { decode } from '../../src/etcd/proto/codec.js';
import { hasEtcdctl, runEctl, runEtcdctl, type RunResult } from '../harness/run.js';
import { QUICK, both, expectDeadline, expectRefDeadline, quiet, refusedEndpoint } from './util.js';

const c = useCluster(3, { extraArgs: ['--quota-backend-bytes', '120000'] });
const ep = () => ['--endpoints', c.endpoints.join(',')];
const NOSPACE = 'Error: etcdserver: mvcc: database space exceeded\n';

// etcd keeps alarms in a Go map: each call may list the members' alarms in another order, so
// outputs are compared with their alarms in a fixed order.
const sortedLines = (text: string) => text.split('\n').sort().join('\n');
const ordered = (json: string) =>
  json.replace(/(\{"memberID":\d+,"alarm":1\},?)+/, (list) =>
    (list.match(/\{"memberID":\d+,"alarm":1\}/g) ?? []).sort().join(','),
  );

function ok(r: RunResult): string {
  expect(quiet(r)).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.toString();
}

/** Puts 40 kB values until etcd refuses one for lack of space (the NOSPACE alarm is then on). */
async function fillQuota(): Promise<void> {
  const value = 'v'.repeat(40_000);
  for (let i = 0; i < 20; i++) {
    const r = await runEctl([...ep(), 'put', `big${i}`, value]);
    if (r.code !== 0) {
      expect(r.stderr).toBe(NOSPACE);
      return;
    }
  }
  throw new Error('the quota never filled');
}

describe('alarm list | disarm', () => {
  it('no alarm: nothing in simple, {} in json, an empty message in protobuf, as etcdctl', async () => {
    for (const cmd of ['list', 'disarm']) {
      for (const format of ['simple', 'json', 'protobuf']) {
        const { ectl, etcdctl } = await both([...ep(), 'alarm', cmd, '-w', format]);
        expect(ok(ectl)).toBe(format === 'json' ? '{}\n' : '');
        if (etcdctl) expect(ectl.stdout.equals(etcdctl.stdout)).toBe(true);
      }
    }
    // etcdctl 3.4 crashes on fields here (no header from the server); main prints zeros.
    expect(ok(await runEctl([...ep(), 'alarm', 'list', '-w', 'fields']))).toBe(
      '"ClusterID" : 0\n"MemberID" : 0\n"RaftTerm" : 0\n',
    );
  });

  it('arguments and table are refused as etcdctl refuses them', async () => {
    for (const args of [
      ['list', 'x'],
      ['disarm', 'x', 'y'],
      ['list', '-w', 'table'],
    ]) {
      const { ectl, etcdctl } = await both([...ep(), 'alarm', ...args]);
      expect(ectl.stdout.toString()).toBe('');
      expect(ectl.code).toBe(args[1] === '-w' ? 4 : 128);
      if (etcdctl) expect([ectl.stderr, ectl.code]).toEqual([quiet(etcdctl), etcdctl.code]);
    }
  });

  it('NOSPACE: every format as etcdctl prints it (main’s simple and fields)', async () => {
    await fillQuota();
    const { ectl, etcdctl } = await both([...ep(), 'alarm', 'list', '-w', 'json']);
    const json = ok(ectl);
    const alarms = [...json.matchAll(/\{"memberID":(\d+),"alarm":1\}/g)].map((m) => m[1]!).sort();
    expect(alarms.length).toBeGreaterThan(0);
    if (etcdctl) expect(ordered(json)).toBe(ordered(ok(etcdctl)));
    const pb = await both([...ep(), 'alarm', 'list', '-w', 'protobuf']);
    const pbAlarms = (bytes: Buffer) => {
      const r = decode('AlarmResponse', bytes);
      return { header: r.header, alarms: r.alarms.map((a) => String(a.memberID)).sort() };
    };
    expect(pbAlarms(pb.ectl.stdout).alarms).toEqual(alarms);
    if (pb.etcdctl) expect(pbAlarms(pb.ectl.stdout)).toEqual(pbAlarms(pb.etcdctl.stdout));

    const simple = await both([...ep(), 'alarm', 'list']);
    const lines = alarms.map((id) => `memberID:${id} alarm:NOSPACE\n`).join('');
    expect(sortedLines(ok(simple.ectl))).toBe(sortedLines(lines));
    // etcdctl 3.4's text form ends each line with a space; main's does not.
    if (simple.etcdctl)
      expect(sortedLines(ok(simple.etcdctl))).toBe(sortedLines(lines.replace(/\n/g, ' \n')));

    const block = (id: string) => `"MemberID" : ${id}\n"AlarmType" : NOSPACE\n\n`;
    const zero = '"ClusterID" : 0\n"MemberID" : 0\n"RaftTerm" : 0\n';
    const blocks = (text: string) => {
      expect(text.startsWith(zero)).toBe(true);
      return text
        .slice(zero.length)
        .split(/(?<=\n\n)/)
        .sort()
        .join('');
    };
    expect(blocks(ok(await runEctl([...ep(), 'alarm', 'list', '-w', 'fields'])))).toBe(
      alarms.map(block).sort().join(''),
    );
    const hex = alarms.map((id) => block(BigInt(id).toString(16)));
    expect(blocks(ok(await runEctl([...ep(), 'alarm', 'list', '-w', 'fields', '--hex'])))).toBe(
      hex.sort().join(''),
    );
  });

  it('disarm after compact and defrag: prints what it disarmed; then no alarm, puts work', async () => {
    const list = ok(await runEctl([...ep(), 'alarm', 'list', '-w', 'json']));
    expect(list).toMatch(/"alarm":1/);
    // Space comes back only once the values are gone, compacted away and defragmented.
    ok(await runEctl([...ep(), 'del', 'big', '--prefix']));
    const rev = /"revision":(\d+)/.exec(
      ok(await runEctl([...ep(), 'get', 'x', '-w', 'json'])),
    )![1]!;
    ok(await runEctl([...ep(), 'compaction', '--physical', rev]));
    expect(ok(await runEctl([...ep(), 'defrag', '--cluster']))).toMatch(
      /^(Finished defragmenting etcd member\[http:\/\/127\.0\.0\.1:\d+\]\. took \S+\n){3}$/,
    );
    expect(ordered(ok(await runEctl([...ep(), 'alarm', 'disarm', '-w', 'json'])))).toBe(
      ordered(list),
    );
    expect(ok(await runEctl([...ep(), 'alarm', 'list']))).toBe('');
    expect(ok(await runEctl([...ep(), 'put', 'after', 'ok']))).toBe('OK\n');
  });

  it('etcdctl’s disarm prints the same alarms (with 3.4’s trailing space)', async () => {
    if (!hasEtcdctl()) return;
    await fillQuota();
    const mine = ok(await runEctl([...ep(), 'alarm', 'list']));
    expect(sortedLines(ok(await runEtcdctl([...ep(), 'alarm', 'disarm'])))).toBe(
      sortedLines(mine.replace(/\n/g, ' \n')),
    );
  });

  it('a dead cluster: the deadline within --command-timeout', async () => {
    const dead = await refusedEndpoint();
    for (const cmd of ['list', 'disarm']) {
      const { ectl, etcdctl } = await both(['--endpoints', dead, ...QUICK, 'alarm', cmd]);
      expectDeadline(ectl, [[dead, /connection refused/]]);
      expectRefDeadline(etcdctl);
    }
  });
});
