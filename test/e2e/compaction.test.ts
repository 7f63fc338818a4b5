// `compaction` (and `compact`, by prefix) against etcdctl on one node: argument errors, output
// whatever -w says, and etcd's errors for compacted and future revisions afterwards.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl, type RunResult } from '../harness/run.js';
import { both, errorLines, refusedEndpoint } from './util.js';

const etcd = useEtcd();
const ep = () => ['--endpoints', etcd.endpoint];

/** ectl printed exactly `stdout` and `stderr` and exited with `code`; etcdctl the same. */
function same(
  { ectl, etcdctl }: { ectl: RunResult; etcdctl: RunResult | undefined },
  stdout: string,
  stderr: string,
  code: number,
) {
  expect({ stdout: ectl.stdout.toString(), stderr: ectl.stderr, code: ectl.code }).toEqual({
    stdout,
    stderr,
    code,
  });
  if (!etcdctl) return;
  expect(etcdctl.stdout.toString()).toBe(stdout);
  expect(errorLines(etcdctl)).toBe(stderr.trimEnd());
  expect(etcdctl.code).toBe(code);
}

const compacted = 'Error: etcdserver: mvcc: required revision has been compacted\n';

describe('compaction', () => {
  it('rejects a wrong argument count (128) and a bad number (1) as etcdctl', async () => {
    const cases: [string[], string, number][] = [
      [[], 'compaction command needs 1 argument', 128],
      [['1', '2'], 'compaction command needs 1 argument', 128],
      [['abc'], 'strconv.ParseInt: parsing "abc": invalid syntax', 1],
      [['0x10'], 'strconv.ParseInt: parsing "0x10": invalid syntax', 1],
      [
        ['99999999999999999999'],
        'strconv.ParseInt: parsing "99999999999999999999": value out of range',
        1,
      ],
    ];
    await Promise.all(
      cases.map(async ([args, msg, code]) =>
        same(await both([...ep(), 'compaction', ...args]), '', `Error: ${msg}\n`, code),
      ),
    );
  });

  it('compacts, prints one line whatever -w says, and reads of older revisions fail', async () => {
    for (let i = 1; i <= 6; i++) {
      expect((await runEctl([...ep(), 'put', 'ck', `v${i}`])).code).toBe(0);
    }
    // `compact` reaches `compaction` through cobra's prefix matching.
    const a = await runEctl([...ep(), 'compact', '3']);
    expect({ out: a.stdout.toString(), err: a.stderr, code: a.code }).toEqual({
      out: 'compacted revision 3\n',
      err: '',
      code: 0,
    });
    const b = await runEctl([...ep(), 'compaction', '--physical', '4', '-w', 'json']);
    expect(b.stdout.toString()).toBe('compacted revision 4\n');
    if (hasEtcdctl()) {
      const c = await runEtcdctl([...ep(), 'compaction', '5', '-w', 'fields']);
      expect(c.stdout.toString()).toBe('compacted revision 5\n');
      expect(c.code).toBe(0);
    } else {
      expect((await runEctl([...ep(), 'compaction', '5'])).code).toBe(0);
    }
    same(await both([...ep(), 'get', 'ck', '--rev', '4']), '', compacted, 1);
    same(await both([...ep(), 'compaction', '5']), '', compacted, 1);
    same(await both([...ep(), 'compaction', '0']), '', compacted, 1);
    same(
      await both([...ep(), 'compaction', '1000']),
      '',
      'Error: etcdserver: mvcc: required revision is a future revision\n',
      1,
    );
    same(await both([...ep(), 'get', 'ck', '--rev', '5']), 'ck\nv4\n', '', 0);
    // hashkv below the compacted revision: the endpoint's failure, then the error itself.
    const hk = await both([...ep(), 'endpoint', 'hashkv', '--rev', '2']);
    const failed = `Failed to get the hash of endpoint ${etcd.endpoint} (etcdserver: mvcc: required revision has been compacted)\n`;
    expect({ err: hk.ectl.stderr, code: hk.ectl.code }).toEqual({
      err: failed + compacted,
      code: 1,
    });
    if (hk.etcdctl)
      expect(hk.etcdctl.stderr.replace(/^\{"level".*\n/gm, '')).toBe(failed + compacted);
  });

  it('an unreachable endpoint fails after --command-timeout with context deadline exceeded', async () => {
    const dead = await refusedEndpoint();
    const { ectl, etcdctl } = await both([
      ...['--endpoints', dead, '--command-timeout', '1s'],
      ...['compaction', '2'],
    ]);
    expect(ectl.code).toBe(1);
    expect(ectl.stderr).toMatch(/^Error: context deadline exceeded \(.*connection refused\)\n$/);
    expect(ectl.ms).toBeLessThan(3000);
    if (etcdctl) {
      expect(etcdctl.code).toBe(1);
      expect(errorLines(etcdctl)).toBe('Error: context deadline exceeded');
    }
  });
});
