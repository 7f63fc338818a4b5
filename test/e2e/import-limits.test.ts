// `ectl import` at etcd's request-size limit and when the connection is lost, on real single
// nodes: txns sized to --max-request-bytes, etcd's own error when they are not, and an import cut
// off by a stopped server that says where it stopped and is completed by running it with skip.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { runEctl, spawnEctl } from '../harness/run.js';
import { QUICK, QUICK_BOUND_MS, refusedEndpoint } from './util.js';
import { countOf, ectlOn, keyspace, revisionOf, summary, tempDir, wipeAll } from './dump-kit.js';

const limit = 200_000;
const small = useEtcd({ name: 'limitsmall', extraArgs: ['--max-request-bytes', String(limit)] });
const lost = useEtcd({ name: 'limitlost' });
let dir = '';

const lines = (n: number, value: (i: number) => string) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ key: `k/${String(i).padStart(5, '0')}`, value: value(i) }),
  ).join('\n');

beforeAll(() => {
  dir = tempDir();
});

describe('the request-size limit', () => {
  it('--max-request-bytes: txns stay under it; over etcd’s limit: etcd’s error', async () => {
    const file = join(dir, 'big-values.ndjson');
    // 12 values of 60 kB: 4 per txn would be 240 kB, over the server's 200 kB.
    writeFileSync(
      file,
      lines(12, (i) => String(i % 10).repeat(60_000)),
    );
    await wipeAll(small.node);
    const rev = await revisionOf(small.node);
    const over = await ectlOn(small.node, ['import', '--max-txn-ops', '4', file]);
    expect(over.stderr).toMatch(/Error: etcdserver: request is too large\n$/);
    expect(over.code).toBe(1);
    expect(await revisionOf(small.node)).toBe(rev);
    const r = await ectlOn(small.node, [
      '--max-request-bytes',
      String(limit),
      'import',
      '--max-txn-ops',
      '4',
      file,
    ]);
    expect([r.code, r.stderr]).toEqual([0, `${summary(12, 0, 0)}\n`]);
    expect(await countOf(small.node, 'k/')).toBe(12);
    // Several puts per txn, not one each: 12 keys in fewer than 12 revisions.
    const written = Number((await revisionOf(small.node)) - rev);
    expect(written).toBeGreaterThan(3);
    expect(written).toBeLessThan(12);
  });
});

describe('a lost connection', () => {
  it('says where it stopped; the same import with skip completes it', async () => {
    const file = join(dir, 'many.ndjson');
    writeFileSync(
      file,
      lines(4000, (i) => `v${i}`),
    );
    await wipeAll(lost.node);
    const run = spawnEctl([
      '--endpoints',
      lost.node.endpoint,
      '--dial-timeout',
      '1s',
      '--command-timeout',
      '2s',
      'import',
      '--max-txn-ops',
      '1',
      file,
    ]);
    while ((await countOf(lost.node, 'k/')) === 0) await new Promise((r) => setTimeout(r, 100));
    await lost.node.stop();
    const end = await run.exited;
    expect(end.code).toBe(1);
    const err = run.stderr();
    expect(err).toMatch(
      /^imported (\d+), skipped 0, conflicts 0\nstopped at line (\d+) \(4000 records in all\): run the same import with --on-conflict skip to complete it\nError: [^\n]+\n$/,
    );
    await lost.node.restart();
    const resumed = await ectlOn(lost.node, ['import', '--on-conflict', 'skip', file], {
      timeoutMs: 60_000,
    });
    expect(resumed.code).toBe(0);
    const [imported, skipped] = /^imported (\d+), skipped (\d+)/
      .exec(resumed.stderr)!
      .slice(1)
      .map(Number);
    expect(imported! + skipped!).toBe(4000);
    expect(skipped).toBeGreaterThanOrEqual(Number(/^imported (\d+)/.exec(err)![1]));
    expect((await keyspace(lost.node, 'k/')).length).toBe(4000);
  }, 90_000);
});

describe('an unreachable cluster', () => {
  it('export and import give up within the timeouts, one Error line', async () => {
    const file = join(dir, 'two.ndjson');
    writeFileSync(
      file,
      lines(2, (i) => `v${i}`),
    );
    const ep = ['--endpoints', await refusedEndpoint(), ...QUICK];
    for (const args of [['export'], ['import', file]]) {
      const r = await runEctl([...ep, ...args]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.ms).toBeLessThan(QUICK_BOUND_MS);
      expect(r.stderr).toMatch(
        /^(stopped before writing anything\n)?Error: context deadline exceeded \([^\n]*connection refused\)\n$/,
      );
    }
  });
});
