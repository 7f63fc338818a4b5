// `ectl import` against existing keys and etcd's limits, on real single nodes: each --on-conflict
// mode, --dry-run writing nothing, --max-txn-ops against a server started with --max-txn-ops 4,
// malformed input (one Error line, nothing written), and an interrupted import resumed with skip.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { spawnEctl } from '../harness/run.js';
import {
  countOf,
  ectlOn,
  keyspace,
  putRaw,
  revisionOf,
  summary,
  tempDir,
  wipeAll,
} from './dump-kit.js';

const src = useEtcd({ name: 'modesrc' });
const dst = useEtcd({ name: 'modedst', extraArgs: ['--max-txn-ops', '4'] });
let dir = '';
let dump = '';

const record = (key: string, value: string) => JSON.stringify({ key, value });

beforeAll(async () => {
  dir = tempDir();
  await putRaw(src.node, [
    ['m/a', 'new-a'],
    ['m/b', 'new-b'],
    ['m/c', 'new-c'],
    ['m/d', 'new-d'],
    ['m/e', 'new-e'],
  ]);
  dump = join(dir, 'm.ndjson');
  expect((await ectlOn(src.node, ['export', 'm/', '--file', dump])).code).toBe(0);
});

/** The destination with m/b and m/d already there (old values). */
async function prepared(): Promise<bigint> {
  await wipeAll(dst.node);
  return putRaw(dst.node, [
    ['m/b', 'old-b'],
    ['m/d', 'old-d'],
  ]);
}

async function values(): Promise<string[]> {
  const r = await ectlOn(dst.node, ['get', 'm/', '--prefix']);
  return r.stdout.toString().trimEnd().split('\n');
}

const imp = (...args: string[]) => ectlOn(dst.node, ['import', '--max-txn-ops', '4', ...args]);

describe('--on-conflict', () => {
  it('fail (default): lists every conflict, writes nothing, exit 7', async () => {
    const rev = await prepared();
    const r = await imp(dump);
    expect(r.stderr).toBe(
      'conflict: m/b\nconflict: m/d\n' +
        `${summary(0, 0, 2)}\n` +
        'Error: 2 keys exist already (--on-conflict fail): nothing written\n',
    );
    expect(r.code).toBe(7);
    expect(await revisionOf(dst.node)).toBe(rev);
  });

  it('skip: keeps existing keys, writes the others', async () => {
    await prepared();
    const r = await imp('--on-conflict', 'skip', dump);
    expect([r.code, r.stderr]).toEqual([0, `${summary(3, 2, 0)}\n`]);
    expect(await values()).toEqual([
      'm/a',
      'new-a',
      'm/b',
      'old-b',
      'm/c',
      'new-c',
      'm/d',
      'old-d',
      'm/e',
      'new-e',
    ]);
  });

  it('overwrite: puts every key', async () => {
    await prepared();
    const r = await imp('--on-conflict', 'overwrite', dump);
    expect([r.code, r.stderr]).toEqual([0, `${summary(5, 0, 0)}\n`]);
    expect(await keyspace(dst.node, 'm/')).toEqual(await keyspace(src.node, 'm/'));
  });
});

describe('--dry-run', () => {
  for (const [mode, b, counts, code] of [
    ['fail', 'conflict', summary(3, 0, 2), 7],
    ['skip', 'skip', summary(3, 2, 0), 0],
    ['overwrite', 'overwrite', summary(5, 0, 0), 0],
  ] as const) {
    it(`${mode}: prints each key's fate, writes nothing`, async () => {
      const rev = await prepared();
      const r = await imp('--dry-run', '--on-conflict', mode, dump);
      expect(r.stdout.toString()).toBe(`add m/a\n${b} m/b\nadd m/c\n${b} m/d\nadd m/e\n`);
      expect(r.stderr.split('\n')[0]).toBe(`${counts} (dry run: nothing written)`);
      expect(r.code).toBe(code);
      expect(await revisionOf(dst.node)).toBe(rev);
    });
  }
});

describe('--max-txn-ops against a server with --max-txn-ops 4', () => {
  it('4 passes; 5 fails with etcd’s error and nothing written', async () => {
    await wipeAll(dst.node);
    const ok = await imp(dump);
    expect([ok.code, ok.stderr]).toEqual([0, `${summary(5, 0, 0)}\n`]);
    const rev = await prepared();
    const r = await ectlOn(dst.node, [
      'import',
      '--max-txn-ops',
      '5',
      '--on-conflict',
      'skip',
      dump,
    ]);
    expect(r.stderr).toMatch(
      /^imported 0, skipped 0, conflicts 0\nstopped at line 2 \(5 records in all\): run the same import with --on-conflict skip to complete it\nError: etcdserver: too many operations in txn request\n$/,
    );
    expect(r.code).toBe(1);
    expect(await revisionOf(dst.node)).toBe(rev);
  });
});

describe('malformed input', () => {
  for (const [name, text, error] of [
    ['a broken line', `${record('x/1', 'a')}\n{"key":"x/2"\n`, 'line 2: not a JSON record'],
    [
      'a missing value',
      `${record('x/1', 'a')}\n\n{"key":"x/3"}\n`,
      'line 3: no "value" or "value_base64"',
    ],
    ['bad base64', `{"key_base64":"@@","value":"v"}\n`, 'line 1: "key_base64" is not valid base64'],
    [
      'a lease without TTL',
      `{"key":"k","value":"v","lease":"1f"}\n`,
      'line 1: "lease" without "lease_ttl"',
    ],
  ] as const) {
    it(`${name}: one Error line naming it, exit 1, nothing written`, async () => {
      const rev = await revisionOf(dst.node);
      const file = join(dir, 'bad.ndjson');
      writeFileSync(file, text);
      const r = await ectlOn(dst.node, ['import', file]);
      expect(r.stderr).toMatch(
        new RegExp(`^Error: ${error.replace(/[()[\]]/g, '\\$&')}[^\\n]*\\n$`),
      );
      expect(r.code).toBe(1);
      expect(await revisionOf(dst.node)).toBe(rev);
    });
  }
});

describe('interruption', () => {
  it('Ctrl-C says how far it got; the same import with skip completes it', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => [
      `big/${String(i).padStart(5, '0')}`,
      `v${i}`,
    ]);
    const file = join(dir, 'big.ndjson');
    writeFileSync(file, many.map(([k, v]) => record(k!, v!)).join('\n'));
    await wipeAll(dst.node);
    const run = spawnEctl(['--endpoints', dst.node.endpoint, 'import', '--max-txn-ops', '1', file]);
    // Some keys are in, not all: then Ctrl-C.
    while ((await countOf(dst.node, 'big/')) === 0) await new Promise((r) => setTimeout(r, 100));
    const end = await run.kill('SIGINT');
    expect(end.signal).toBe('SIGINT');
    const err = run.stderr();
    expect(err).toMatch(
      /^imported (\d+), skipped 0, conflicts 0\ninterrupted at line (\d+) \(5000 records in all\): run the same import with --on-conflict skip to complete it\n$/,
    );
    const done = Number(/^imported (\d+)/.exec(err)?.[1]);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(5000);
    const resumed = await ectlOn(
      dst.node,
      ['import', '--max-txn-ops', '4', '--on-conflict', 'skip', file],
      {
        timeoutMs: 60_000,
      },
    );
    expect(resumed.code).toBe(0);
    const [imported, skipped] = /^imported (\d+), skipped (\d+)/
      .exec(resumed.stderr)!
      .slice(1)
      .map(Number);
    expect(imported! + skipped!).toBe(5000);
    expect(skipped).toBeGreaterThanOrEqual(done);
    expect((await keyspace(dst.node, 'big/')).length).toBe(5000);
  }, 90_000);
});
