// `ectl export` and `ectl import` between two real single nodes: round trips in each format with
// binary keys and values, --prefix-rewrite, the header and the consistency of a dump at one
// revision, --rev on a compacted revision, --file, and leases recreated or dropped.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import {
  ectlOn,
  grant,
  keyspace,
  putRaw,
  rewritten,
  revisionOf,
  summary,
  tempDir,
  wipeAll,
} from './dump-kit.js';

const a = useEtcd({ name: 'dumpa' });
const b = useEtcd({ name: 'dumpb' });
let dir = '';

// UTF-8 text, a multi-line value, invalid UTF-8 in a key and a value, an empty value, a NUL.
const entries: [Buffer | string, Buffer | string][] = [
  ['app/plain', 'value'],
  ['app/lines', 'one\ntwo\n'],
  ['app/café', 'naïve ✓'],
  [Buffer.from([0x61, 0x70, 0x70, 0x2f, 0xff, 0x00, 0xfe]), Buffer.from([0x00, 0xff, 0x10, 0x80])],
  ['app/empty', ''],
  ['app/"quoted"', 'x'],
  ['other/key', 'not exported'],
];

beforeAll(async () => {
  dir = tempDir();
  await putRaw(a.node, entries);
});

describe('export', () => {
  it('writes a header and one record per key; binary bytes as *_base64', async () => {
    const r = await ectlOn(a.node, ['export', 'app/']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .toString()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      revision: Number(await revisionOf(a.node)),
      cluster_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      prefix: 'app/',
    });
    expect(lines).toHaveLength(7);
    const binary = lines.find((l) => l.key_base64 !== undefined);
    expect(binary).toMatchObject({ key_base64: 'YXBwL/8A/g==', value_base64: 'AP8QgA==' });
    expect(lines[1]).toMatchObject({ key: 'app/"quoted"', value: 'x', version: 1 });
  });

  it('reads every page at the first page’s revision, and --rev reads the past', async () => {
    await putRaw(a.node, [['rev/k', 'old']]);
    const before = await revisionOf(a.node);
    await putRaw(a.node, [['rev/k', 'new']]);
    const r = await ectlOn(a.node, ['export', 'rev/', '--rev', String(before)]);
    const lines = r.stdout
      .toString()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0].revision).toBe(Number(before));
    expect(lines[1]).toMatchObject({ key: 'rev/k', value: 'old' });
  });

  it('--rev of a compacted revision: etcd’s error, exit 1', async () => {
    const rev = await revisionOf(a.node);
    expect((await ectlOn(a.node, ['compaction', String(rev)])).code).toBe(0);
    const r = await ectlOn(a.node, ['export', '--rev', '2']);
    expect(r.stderr).toBe('Error: etcdserver: mvcc: required revision has been compacted\n');
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe('');
  });

  it('--file writes a 0600 file with what stdout gets, and no leftover', async () => {
    const file = join(dir, 'app.ndjson');
    writeFileSync(file, 'old content', { mode: 0o644 });
    const r = await ectlOn(a.node, ['export', 'app/', '--file', file]);
    expect([r.code, r.stderr, r.stdout.toString()]).toEqual([0, '', '']);
    const out = await ectlOn(a.node, ['export', 'app/']);
    expect(readFileSync(file, 'utf8')).toBe(out.stdout.toString());
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const missing = await ectlOn(a.node, ['export', '--file', join(dir, 'no', 'x.ndjson')]);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `Error: open ${join(dir, 'no', 'x.ndjson')}: no such file or directory\n`,
    ]);
    // A dump that cannot be read: Go's one line, as `ectl batch FILE` gives it.
    const gone = join(dir, 'no', 'dump.ndjson');
    expect((await ectlOn(a.node, ['import', gone])).stderr).toBe(
      `Error: open ${gone}: no such file or directory\n`,
    );
    expect((await ectlOn(a.node, ['import', dir])).stderr).toBe(
      `Error: read ${dir}: is a directory\n`,
    );
  });

  it('-o value is refused (exit 4)', async () => {
    const r = await ectlOn(a.node, ['export', '-o', 'value']);
    expect([r.code, r.stderr]).toEqual([
      4,
      'Error: -o value is not supported by export (use ndjson, json or yaml)\n',
    ]);
  });
});

describe('round trips into another cluster', () => {
  for (const format of ['ndjson', 'json', 'yaml']) {
    it(`${format}: get --prefix -w json of both equal but for revisions`, async () => {
      await wipeAll(b.node);
      const file = join(dir, `dump.${format}`);
      const exp = await ectlOn(a.node, ['export', 'app/', '-o', format, '--file', file]);
      expect(exp.stderr).toBe('');
      const imp = await ectlOn(b.node, ['import', file]);
      expect(imp.stderr).toBe(`${summary(6, 0, 0)}\n`);
      expect(imp.code).toBe(0);
      expect(await keyspace(b.node, 'app/')).toEqual(await keyspace(a.node, 'app/'));
      expect(await keyspace(b.node, 'other/')).toEqual([]);
    });
  }

  it('through a pipe (import -) with --prefix-rewrite', async () => {
    await wipeAll(b.node);
    const dump = (await ectlOn(a.node, ['export', 'app/'])).stdout;
    const imp = await ectlOn(b.node, ['import', '--prefix-rewrite', 'app/=copy/', '-'], {
      stdin: dump,
    });
    expect([imp.code, imp.stderr]).toEqual([0, `${summary(6, 0, 0)}\n`]);
    expect(await keyspace(b.node, 'copy/')).toEqual(
      rewritten(await keyspace(a.node, 'app/'), 'app/', 'copy/'),
    );
    expect(await keyspace(b.node, 'app/')).toEqual([]);
  });
});

describe('leases', () => {
  it('recreate: one new lease per source lease, with the TTL left; drop: none', async () => {
    const l1 = await grant(a.node, 600);
    const l2 = await grant(a.node, 300);
    await putRaw(
      a.node,
      [
        ['ls/a', '1'],
        ['ls/b', '2'],
      ],
      l1,
    );
    await putRaw(a.node, [['ls/c', '3']], l2);
    await putRaw(a.node, [['ls/d', '4']]);
    const dump = (await ectlOn(a.node, ['export', 'ls/'])).stdout;
    const recs = dump
      .toString()
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l));
    expect(recs[0].lease).toBe(BigInt(l1).toString(16).padStart(16, '0'));
    expect(recs[0].lease_ttl).toBeGreaterThan(590);
    expect(recs[2].lease_ttl).toBeLessThanOrEqual(300);
    expect(recs[3].lease).toBeUndefined();

    await wipeAll(b.node);
    expect((await ectlOn(b.node, ['import', '-'], { stdin: dump })).code).toBe(0);
    const got = await ectlOn(b.node, ['get', 'ls/', '--prefix', '-w', 'json']);
    // Lease IDs are 64-bit: kept as strings (JSON.parse would round them).
    const text = got.stdout.toString().replace(/"lease":(\d+)/g, '"lease":"$1"');
    const kvs = (JSON.parse(text) as { kvs: { lease?: string }[] }).kvs;
    const leases = kvs.map((kv) => kv.lease);
    expect(leases[0]).toBeDefined();
    expect(leases[1]).toBe(leases[0]);
    expect(leases[2]).toBeDefined();
    expect(leases[2]).not.toBe(leases[0]);
    expect(leases[3]).toBeUndefined();
    const ttl = await ectlOn(b.node, ['lease', 'timetolive', BigInt(leases[2]!).toString(16)]);
    const left = Number(/remaining\((\d+)s\)/.exec(ttl.stdout.toString())?.[1]);
    expect(left).toBeGreaterThan(280);
    expect(left).toBeLessThanOrEqual(300);

    // Again with skip: every key is kept, and the leases granted for them are revoked at once.
    const leaseCount = async () =>
      /found (\d+) leases/.exec((await ectlOn(b.node, ['lease', 'list'])).stdout.toString())?.[1];
    const before = await leaseCount();
    const again = await ectlOn(b.node, ['import', '--on-conflict', 'skip', '-'], { stdin: dump });
    expect([again.code, again.stderr]).toEqual([0, `${summary(0, 4, 0)}\n`]);
    expect(await leaseCount()).toBe(before);

    await wipeAll(b.node);
    const drop = await ectlOn(b.node, ['import', '--leases', 'drop', '-'], { stdin: dump });
    expect(drop.code).toBe(0);
    expect(await keyspace(b.node, 'ls/')).toEqual(
      (await keyspace(a.node, 'ls/')).map((l) => l.replace(/ leased$/, ' -')),
    );
  });
});
