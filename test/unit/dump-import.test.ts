// export's records and documents, import's record checks, batches and transactions: pure parts,
// no server (the e2e tests in export-import.test.ts and import-modes.test.ts run them for real).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  dumpClosing,
  dumpHeader,
  dumpItem,
  dumpOpening,
  dumpRecord,
  type DumpFormat,
} from '../../src/output/script/dump.js';
import {
  isHeader,
  parsePrefixRewrite,
  parseRecord,
  rewriteKey,
} from '../../src/input/dump-records.js';
import { Batcher, batchOutcome, importTxn, putCost } from '../../src/etcd/recipes/import-txn.js';
import { importFlags, importPlan, requestBudget } from '../../src/commands/ectl/import/import.js';
import { dumpFormat, exportPrefix } from '../../src/commands/ectl/export.js';
import { detectFormat, readRecords } from '../../src/commands/ectl/import/source.js';
import { keyText } from '../../src/output/import.js';
import { Window } from '../../src/commands/ectl/import/window.js';
import type { KeyValue } from '../../src/etcd/proto/gen/messages.js';

const kv = (key: string | Buffer, value: string | Buffer, lease = 0n): KeyValue => ({
  key: Buffer.from(key),
  value: Buffer.from(value),
  create_revision: 2n,
  mod_revision: 3n,
  version: 2n,
  lease,
});

function document(format: DumpFormat, kvs: KeyValue[]): string {
  let text = dumpOpening(format, dumpHeader(9n, 0xabcn, Buffer.from('p/')));
  kvs.forEach((k, i) => (text += dumpItem(format, dumpRecord(k, 30n), i)));
  return text + dumpClosing(format, kvs.length);
}

describe('export documents', () => {
  const kvs = [kv('p/a', 'x\ny'), kv(Buffer.from([0xff]), Buffer.from([0xfe]), 0x1fn)];
  const want = {
    revision: 9,
    cluster_id: '0000000000000abc',
    prefix: 'p/',
    kvs: [
      { key: 'p/a', value: 'x\ny', create_revision: 2, mod_revision: 3, version: 2 },
      {
        key_base64: '/w==',
        value_base64: '/g==',
        create_revision: 2,
        mod_revision: 3,
        version: 2,
        lease: '000000000000001f',
        lease_ttl: 30,
      },
    ],
  };
  it('json and yaml written piece by piece are one whole document', () => {
    expect(JSON.parse(document('json', kvs))).toEqual(want);
    expect(parseYaml(document('yaml', kvs))).toEqual(want);
    expect(JSON.parse(document('json', []))).toEqual({ ...want, kvs: [] });
    expect(parseYaml(document('yaml', []))).toEqual({ ...want, kvs: [] });
  });
  it('ndjson: the header line, then one line per key', () => {
    const lines = document('ndjson', kvs).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { revision: 9, cluster_id: '0000000000000abc', prefix: 'p/' },
      ...want.kvs,
    ]);
  });
  it('-o picks the format; one prefix at most', () => {
    expect(dumpFormat('human')).toBe('ndjson');
    expect(dumpFormat('yaml')).toBe('yaml');
    expect(() => dumpFormat('key')).toThrow('-o key is not supported by export');
    expect(() => exportPrefix(['a', 'b'], 0n)).toThrow('at most one argument');
  });
});

describe('import records', () => {
  it('reads text and base64 fields back to the same bytes', () => {
    const rec = parseRecord(
      { key_base64: '/w==', value: 'v', lease: '1f', lease_ttl: 5, version: 1 },
      'line 2',
    );
    expect([rec.key, rec.value.toString(), rec.lease, rec.leaseTtl]).toEqual([
      Buffer.from([0xff]),
      'v',
      0x1fn,
      5n,
    ]);
    expect(isHeader({ revision: 3 })).toBe(true);
    expect(isHeader({ revision: 3, key: 'k' })).toBe(false);
  });
  it.each([
    [[1], 'line 4: a record must be an object'],
    [{ value: 'v' }, 'line 4: no "key" or "key_base64"'],
    [{ key: 'k', key_base64: 'aw==', value: '' }, 'line 4: both "key" and "key_base64" given'],
    [{ key: 'k', value: 1 }, 'line 4: "value" is not a string'],
    [{ key: '', value: 'v' }, 'line 4: the key is empty'],
    [{ key: 'k', value: 'v', lease: 'xyz', lease_ttl: 1 }, 'line 4: "lease" is not a hexadecimal'],
    [{ key: 'k', value: 'v', version: 1.5 }, 'line 4: "version" is not an integer'],
  ])('%j: %s', (value, message) => {
    expect(() => parseRecord(value, 'line 4')).toThrow(message);
  });
  it('--prefix-rewrite OLD=NEW moves keys; a key outside OLD is an error', () => {
    const rw = parsePrefixRewrite('a/=b/c/');
    const rec = parseRecord({ key: 'a/x', value: '' }, 'line 1');
    expect(rewriteKey(rec, rw).key.toString()).toBe('b/c/x');
    expect(() => rewriteKey({ ...rec, key: Buffer.from('z') }, rw)).toThrow(
      'line 1: key does not start with "a/"',
    );
    expect(() => parsePrefixRewrite('nothing')).toThrow('must be OLD=NEW');
    expect(parsePrefixRewrite('')).toBeUndefined();
  });
  it('reads NDJSON, JSON and YAML files, with line numbers in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ectl-unit-dump-'));
    const kvs = [kv('p/a', '1'), kv('p/b', '2')];
    for (const format of ['ndjson', 'json', 'yaml'] as const) {
      const file = join(dir, `d.${format}`);
      writeFileSync(file, document(format, kvs));
      expect(await detectFormat(file)).toBe(format);
      const recs = [];
      for await (const r of readRecords(file, format)) recs.push(`${r.where} ${r.key}`);
      const where = format === 'ndjson' ? ['line 2', 'line 3'] : ['kvs[0]', 'kvs[1]'];
      expect(recs).toEqual([`${where[0]} p/a`, `${where[1]} p/b`]);
    }
    const bad = join(dir, 'bad.ndjson');
    writeFileSync(bad, '{"key":"a","value":"b"}\n\n{"key":\n');
    await expect(async () => {
      for await (const _ of readRecords(bad, 'ndjson')) void _;
    }).rejects.toThrow(/^line 3: not a JSON record/);
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(empty, '\n  \n');
    await expect(async () => {
      for await (const _ of readRecords(empty, await detectFormat(empty))) void _;
    }).rejects.toThrow(/^the dump is empty/);
    // A header alone is an export of nothing: no records, no error.
    writeFileSync(empty, '{"revision":5,"cluster_id":"1","prefix":"none/"}\n');
    for await (const r of readRecords(empty, 'ndjson')) expect.unreachable(String(r.key));
  });
});

describe('import batches and transactions', () => {
  const put = (k: string, v = 'v') => ({ key: Buffer.from(k), value: Buffer.from(v), lease: 0n });
  it('batches hold at most max-txn-ops puts, max bytes, and no key twice', () => {
    const b = new Batcher(3, 10_000);
    expect([b.add(put('a')), b.add(put('b'))]).toEqual([undefined, undefined]);
    expect(b.add(put('c'))?.map((p) => p.key.toString())).toEqual(['a', 'b', 'c']);
    b.add(put('d'));
    expect(b.add(put('d'))?.map((p) => p.key.toString())).toEqual(['d']);
    const small = new Batcher(100, putCost(put('x')) * 2);
    small.add(put('x'));
    small.add(put('y'));
    expect(small.add(put('z'))?.length).toBe(2);
    expect(small.take().length).toBe(1);
  });
  it('fail and skip: create-only compares, reads on failure; overwrite: puts', () => {
    const puts = [put('a'), put('b')];
    const fail = importTxn(puts, 'fail');
    expect(fail.compare?.map((c) => [c.key?.toString(), c.target, c.create_revision])).toEqual([
      ['a', 1, 0n],
      ['b', 1, 0n],
    ]);
    expect(fail.success?.length).toBe(2);
    expect(fail.failure?.map((op) => op.request_range?.keys_only)).toEqual([true, true]);
    expect(importTxn(puts, 'skip')).toEqual(fail);
    expect(importTxn(puts, 'overwrite')).toEqual({ success: fail.success });
    const found = (n: number) => ({ response_range: { kvs: Array(n).fill(kv('k', '')) } });
    const resp = { succeeded: false, responses: [found(0), found(1)] };
    expect(batchOutcome(puts, 'fail', resp as never).conflicts.map(String)).toEqual(['b']);
    expect(batchOutcome(puts, 'fail', { succeeded: true, responses: [] }).written).toBe(2);
  });
  it('flags: modes, leases, limits', () => {
    const o = (over: object) => ({ ...importFlagsDefaults(), ...over });
    expect(importPlan(['f'], o({})).mode).toBe('fail');
    expect(() => importPlan([], o({}))).toThrow('import needs one argument');
    expect(() => importPlan(['f'], o({ onConflict: 'merge' }))).toThrow('--on-conflict must be');
    expect(() => importPlan(['f'], o({ leases: 'keep' }))).toThrow('--leases must be');
    expect(() => importPlan(['f'], o({ maxTxnOps: 0n }))).toThrow('at least 1');
    expect(requestBudget(0n)).toBe(1.5 * 1024 * 1024 - 8192);
    expect(requestBudget(100_000n)).toBe(100_000 - 8192);
  });
  it('keys print as text, or quoted when not printable UTF-8', () => {
    expect(keyText(Buffer.from('a/b c'))).toBe('a/b c');
    expect(keyText(Buffer.from([0x61, 0x0a]))).toBe('"a\\n"');
    expect(keyText(Buffer.from([0xff]))).toBe('"\\xff"');
  });
});

function importFlagsDefaults() {
  const d = Object.fromEntries(importFlags.specs.map((s) => [s.name, s.default]));
  return {
    prefixRewrite: d['prefix-rewrite'] as string,
    onConflict: d['on-conflict'] as string,
    dryRun: false,
    maxTxnOps: d['max-txn-ops'] as bigint,
    leases: d.leases as string,
  };
}

describe('the window of import txns', () => {
  it('keeps `size` in flight, settles in order, and holds a batch sharing a key', async () => {
    const log: string[] = [];
    const resolvers = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        resolvers.set(name, () => resolve(name));
      });
    const w = new Window<string, string>(2, (r, tag) => log.push(`done ${tag} ${r.ok}`));
    await w.add(task('a'), 'a', new Set(['k1']));
    await w.add(task('b'), 'b', new Set(['k2']));
    // Full: c waits for a (the oldest), even though b finishes first.
    const c = w.add(task('c'), 'c', new Set(['k3']));
    resolvers.get('b')!();
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['start a', 'start b']);
    resolvers.get('a')!();
    await c;
    expect(log).toEqual(['start a', 'start b', 'done a true', 'start c']);
    // d shares k3 with c: it waits for c although there is room.
    const d = w.add(task('d'), 'd', new Set(['k3']));
    resolvers.get('c')!();
    await d;
    expect(log.slice(4)).toEqual(['done b true', 'done c true', 'start d']);
    resolvers.get('d')!();
    await w.drain();
    expect(log.at(-1)).toBe('done d true');
  });
  it('hands a failed task over as not ok', async () => {
    const seen: boolean[] = [];
    const w = new Window<number, number>(4, (r) => seen.push(r.ok));
    await w.add(() => Promise.reject(new Error('x')), 1, new Set());
    await w.add(() => Promise.resolve(2), 2, new Set());
    await w.drain();
    expect(seen).toEqual([false, true]);
  });
});
