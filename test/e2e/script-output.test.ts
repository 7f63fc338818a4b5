// -o for the etcdctl family against a real etcd: the documents parse, binary keys and values come
// as *_base64, 64-bit lease IDs survive as hex, a big range is one NDJSON line per key (read page
// by page), -w stays etcdctl's bytes, and -o is refused with -w or where a command has no script
// output — before anything is sent.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl, spawnEctl } from '../harness/run.js';

const etcd = useEtcd();
const ectl = (
  args: string[],
  opts: { stdin?: string | Buffer; env?: Record<string, string> } = {},
) => runEctl(['--endpoints', etcd.endpoint, ...args], opts);
const json = (r: { stdout: Buffer }) => JSON.parse(r.stdout.toString());
const ndjson = (r: { stdout: Buffer }) =>
  r.stdout
    .toString()
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** Puts `n` keys `prefix%06d` through the gRPC gateway, 100 to a txn (etcd's --max-txn-ops 128). */
async function putMany(prefix: string, n: number): Promise<void> {
  for (let i = 0; i < n; i += 100) {
    const success = [];
    for (let j = i; j < Math.min(n, i + 100); j++)
      success.push({
        request_put: { key: b64(`${prefix}${String(j).padStart(6, '0')}`), value: b64(`v${j}`) },
      });
    const res = await fetch(`http://${etcd.endpoint}/v3/kv/txn`, {
      method: 'POST',
      body: JSON.stringify({ success }),
    });
    expect(res.status).toBe(200);
  }
}

describe('get -o', () => {
  it('json, yaml, ndjson, key and value of text, multi-line and binary keys', async () => {
    await ectl(['put', 'o/a', 'one']);
    await ectl(['put', 'o/b', 'line1\nline2']);
    // A key that is not UTF-8 cannot be a command-line argument: the gateway writes it.
    const bin = Buffer.from([0x6f, 0x2f, 0x63, 0xfe]);
    const ok = await fetch(`http://${etcd.endpoint}/v3/kv/put`, {
      method: 'POST',
      body: JSON.stringify({
        key: bin.toString('base64'),
        value: Buffer.from([0, 0xff]).toString('base64'),
      }),
    });
    expect(ok.status).toBe(200);
    const doc = json(await ectl(['get', '--prefix', 'o/', '-o', 'json']));
    expect(Object.keys(doc)).toEqual(['revision', 'count', 'more', 'kvs']);
    expect(doc.count).toBe(doc.kvs.length);
    expect(doc.more).toBe(false);
    const byKey = Object.fromEntries(
      doc.kvs.map((kv: Record<string, unknown>) => [kv.key ?? kv.key_base64, kv]),
    );
    expect(byKey['o/a']).toMatchObject({ value: 'one', version: 1 });
    expect(byKey['o/b'].value).toBe('line1\nline2');
    expect(byKey[bin.toString('base64')]).toMatchObject({
      key_base64: bin.toString('base64'),
      value_base64: 'AP8=',
    });
    expect(byKey[bin.toString('base64')].key).toBeUndefined();
    const yaml = parseYaml(
      (await ectl(['get', '--prefix', 'o/', '-o', 'yaml'])).stdout.toString(),
      { intAsBigInt: false },
    );
    expect(yaml).toEqual(doc);
    expect(ndjson(await ectl(['get', '--prefix', 'o/', '-o', 'ndjson']))).toEqual(doc.kvs);
    expect((await ectl(['get', 'o/b', '-o', 'value'])).stdout.toString()).toBe('line1\nline2\n');
    const keys = (await ectl(['get', '--prefix', 'o/', '-o', 'key'])).stdout;
    expect(keys.includes(Buffer.concat([bin, Buffer.from('\n')]))).toBe(true);
    expect(keys.toString('latin1').startsWith('o/a\no/b\n')).toBe(true);
  });

  it('a limited read says more; --count-only works with json; wrong combinations exit 128', async () => {
    const limited = json(await ectl(['get', '--prefix', 'o/', '--limit', '1', '-o', 'json']));
    expect(limited).toMatchObject({ more: true, count: 3 });
    expect(limited.kvs).toHaveLength(1);
    const count = json(await ectl(['get', '--prefix', 'o/', '--count-only', '-o', 'json']));
    expect(count).toMatchObject({ count: 3, kvs: [] });
    const bad = await ectl(['get', 'o/a', '--count-only', '-o', 'ndjson']);
    expect([bad.code, bad.stderr]).toEqual([
      128,
      'Error: --count-only prints no keys: use -o json or -o yaml, not -o ndjson\n',
    ]);
    const keysOnly = ndjson(await ectl(['get', '--prefix', 'o/', '--keys-only', '-o', 'ndjson']));
    expect(keysOnly[0]).toEqual({
      key: 'o/a',
      create_revision: expect.any(Number),
      mod_revision: expect.any(Number),
      version: 1,
    });
  });

  it('a big range is one NDJSON line per key, read in pages; -w json stays etcdctl’s bytes', async () => {
    const n = 6000; // more than the first page (2000 keys)
    await putMany('big/', n);
    const r = await ectl(['get', '--prefix', 'big/', '-o', 'ndjson']);
    expect(r.code).toBe(0);
    const lines = r.stdout.toString().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(n);
    expect(JSON.parse(lines[0]!)).toMatchObject({ key: 'big/000000', value: 'v0' });
    expect(JSON.parse(lines[n - 1]!)).toMatchObject({ key: 'big/005999', value: 'v5999' });
    const doc = json(await ectl(['get', '--prefix', 'big/', '-o', 'json']));
    expect([doc.count, doc.kvs.length, doc.more]).toEqual([n, n, false]);
    if (!hasEtcdctl()) return;
    const rev = String(doc.revision);
    const [a, b] = [
      await ectl(['get', '--prefix', 'big/', '--rev', rev, '-w', 'json']),
      await runEtcdctl([
        '--endpoints',
        etcd.endpoint,
        'get',
        '--prefix',
        'big/',
        '--rev',
        rev,
        '-w',
        'json',
      ]),
    ];
    expect(a.stdout.equals(b.stdout)).toBe(true);
  });
});

describe('put, del and txn -o', () => {
  it('put: revision and prev_kv; -o value prints the old value; key/value need --prev-kv', async () => {
    const first = json(await ectl(['put', 'w/k', 'v1', '-o', 'json']));
    expect(Object.keys(first)).toEqual(['revision']);
    const second = json(await ectl(['put', 'w/k', 'v2', '--prev-kv', '-o', 'json']));
    expect(second.revision).toBe(first.revision + 1);
    expect(second.prev_kv).toMatchObject({ key: 'w/k', value: 'v1', mod_revision: first.revision });
    expect((await ectl(['put', 'w/k', 'v3', '--prev-kv', '-o', 'value'])).stdout.toString()).toBe(
      'v2\n',
    );
    const refused = await ectl(['put', 'w/k', 'v4', '-o', 'value']);
    expect([refused.code, refused.stderr]).toEqual([
      128,
      'Error: -o value prints the previous key-values: it needs --prev-kv\n',
    ]);
    expect((await ectl(['get', 'w/k', '--print-value-only'])).stdout.toString()).toBe('v3\n');
  });

  it('del: deleted count, prev_kvs with --prev-kv (NDJSON: one a line, -o key: the keys)', async () => {
    await ectl(['put', 'w/d1', 'a']);
    await ectl(['put', 'w/d2', 'b']);
    await ectl(['put', 'w/d3', 'c']);
    expect(json(await ectl(['del', 'w/d3', '-o', 'json']))).toEqual({
      revision: expect.any(Number),
      deleted: 1,
    });
    const rows = ndjson(await ectl(['del', '--prefix', 'w/d', '--prev-kv', '-o', 'ndjson']));
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['w/d1', 'a'],
      ['w/d2', 'b'],
    ]);
    await ectl(['put', 'w/e1', 'x']);
    expect(
      (await ectl(['del', '--prefix', 'w/e', '--prev-kv', '-o', 'key'])).stdout.toString(),
    ).toBe('w/e1\n');
    const none = json(await ectl(['del', 'w/none', '--prev-kv', '-o', 'json']));
    expect(none).toMatchObject({ deleted: 0, prev_kvs: [] });
  });

  it('txn: succeeded present when false, each response typed; yaml mirrors json', async () => {
    const txn = 'value("w/k") = "nope"\n\nput w/k yes\n\nget w/k\nput w/t 1\n\n';
    const r = await ectl(['txn', '-o', 'json'], { stdin: txn });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout.toString());
    expect(doc.succeeded).toBe(false);
    expect(doc.responses.map((x: { type: string }) => x.type)).toEqual(['get', 'put']);
    expect(doc.responses[0].kvs[0]).toMatchObject({ key: 'w/k', value: 'v3' });
    const y = await ectl(['txn', '-o', 'yaml'], { stdin: txn });
    expect(parseYaml(y.stdout.toString())).toMatchObject({
      succeeded: false,
      responses: [{ type: 'get' }, { type: 'put' }],
    });
    const strict = await ectl(['--strict', 'txn', '-o', 'ndjson'], { stdin: txn });
    expect(strict.code).toBe(7);
    expect(JSON.parse(strict.stdout.toString()).succeeded).toBe(false);
  });
});

describe('watch -o', () => {
  it('ndjson: one event per line as they come, PUT and DELETE, binary values as base64', async () => {
    const w = spawnEctl([
      '--endpoints',
      etcd.endpoint,
      'watch',
      '--prefix',
      'ev/',
      '--prev-kv',
      '-o',
      'ndjson',
    ]);
    try {
      await new Promise((r) => setTimeout(r, 1500)); // the watch is created before the first write
      await ectl(['put', 'ev/a', '1']);
      await w.waitFor(/"ev\/a"/, { timeoutMs: 20_000 });
      await ectl(['put', 'ev/a', '2']);
      await ectl(['put', 'ev/b'], { stdin: Buffer.from([0xff, 0xfe]) });
      await ectl(['del', 'ev/a']);
      await w.waitFor(/"DELETE"/, { timeoutMs: 20_000 });
    } finally {
      await w.kill('SIGINT');
    }
    const events = w
      .stdout()
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['PUT', 'PUT', 'PUT', 'DELETE']);
    expect(events[0]).toEqual({
      type: 'PUT',
      key: 'ev/a',
      value: '1',
      create_revision: expect.any(Number),
      mod_revision: expect.any(Number),
      version: 1,
    });
    expect(events[1]).toMatchObject({ value: '2', version: 2, prev_value: '1' });
    expect(events[2]).toMatchObject({ key: 'ev/b', value_base64: '//4=' });
    expect(events[3]).toEqual({
      type: 'DELETE',
      key: 'ev/a',
      mod_revision: events[2].mod_revision + 1,
      prev_value: '2',
    });
  });

  it('json: one document per event (a stream jq reads); key: each event’s key', async () => {
    const w = spawnEctl([
      '--endpoints',
      etcd.endpoint,
      'watch',
      '--prefix',
      'ev/',
      '--rev',
      '1',
      '-o',
      'json',
    ]);
    await w.waitFor(/"DELETE"[^]*\}\n/, { timeoutMs: 20_000 });
    await w.kill('SIGINT');
    const docs = w
      .stdout()
      .split(/\n(?=\{)/)
      .map((d) => JSON.parse(d));
    expect(docs.map((d) => d.type)).toEqual(['PUT', 'PUT', 'PUT', 'DELETE']);
    const k = spawnEctl([
      '--endpoints',
      etcd.endpoint,
      'watch',
      '--prefix',
      'ev/',
      '--rev',
      '1',
      '-o',
      'key',
    ]);
    await k.waitFor(/(ev\/.*\n){4}/, { timeoutMs: 20_000 });
    await k.kill('SIGINT');
    expect(k.stdout()).toBe('ev/a\nev/a\nev/b\nev/a\n');
  });
});

describe('lease, member and endpoint -o', () => {
  it('a 64-bit lease ID survives exactly as 16 hex digits (etcd #14294)', async () => {
    const grant = json(await ectl(['lease', 'grant', '300', '-o', 'json']));
    expect(grant.id).toMatch(/^[0-9a-f]{16}$/);
    expect(grant.ttl).toBe(300);
    // The decimal ID of -w json, read as text (JSON.parse would round it).
    const w = (await ectl(['lease', 'timetolive', grant.id, '-w', 'json'])).stdout.toString();
    const decimal = /"id":(\d+)/.exec(w)![1]!;
    expect(BigInt(`0x${grant.id}`)).toBe(BigInt(decimal));
    await ectl(['put', 'l/k', 'v', '--lease', grant.id]);
    const ttl = json(await ectl(['lease', 'timetolive', grant.id, '--keys', '-o', 'json']));
    expect(ttl).toMatchObject({
      id: grant.id,
      granted_ttl: 300,
      expired: false,
      keys: [{ key: 'l/k' }],
    });
    expect(json(await ectl(['get', 'l/k', '-o', 'json'])).kvs[0].lease).toBe(grant.id);
    const kept = json(await ectl(['lease', 'keep-alive', '--once', grant.id, '-o', 'json']));
    expect(kept).toEqual({ id: grant.id, ttl: 300 });
    const list = ndjson(await ectl(['lease', 'list', '-o', 'ndjson']));
    expect(list).toContainEqual({ id: grant.id });
    const revoke = json(await ectl(['lease', 'revoke', grant.id, '-o', 'json']));
    expect(revoke.id).toBe(grant.id);
    expect(json(await ectl(['lease', 'timetolive', grant.id, '-o', 'json']))).toMatchObject({
      ttl: -1,
      expired: true,
    });
  });

  it('member list: hex IDs, name, URLs, is_learner', async () => {
    const doc = json(await ectl(['member', 'list', '-o', 'json']));
    const simple = (await ectl(['member', 'list'])).stdout.toString().split(', ');
    // Records carry IDs as 16 hex digits; etcdctl's %x drops leading zeros (1 ID in 16 has one).
    const id = simple[0]!.padStart(16, '0');
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(doc.members).toHaveLength(1);
    expect(doc.members[0]).toMatchObject({
      id,
      name: simple[2],
      started: true,
      is_learner: false,
    });
    expect(doc.members[0].client_urls).toEqual([`http://${etcd.endpoint}`]);
    expect(doc.member_id).toBe(id);
    expect(doc.cluster_id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('endpoint status and health: a record per endpoint, in the order given; a dead one has its error', async () => {
    const dead = '127.0.0.1:1';
    const eps = [
      '--endpoints',
      `${etcd.endpoint},${dead}`,
      '--dial-timeout',
      '1s',
      '--command-timeout',
      '2s',
    ];
    const status = await runEctl([...eps, 'endpoint', 'status', '-o', 'ndjson']);
    expect(status.code).toBe(1);
    const [ok, bad] = ndjson(status);
    expect(ok).toMatchObject({
      endpoint: etcd.endpoint,
      is_leader: true,
      version: expect.stringMatching(/^3\./),
    });
    expect(ok.id).toBe(ok.leader);
    expect(bad).toEqual({ endpoint: dead, error: expect.any(String) });
    const hash = ndjson(await ectl(['endpoint', 'hashkv', '-o', 'ndjson']));
    expect(hash).toEqual([
      {
        endpoint: etcd.endpoint,
        hash: expect.any(Number),
        hash_revision: expect.any(Number),
        compact_revision: expect.any(Number),
      },
    ]);
    const health = await runEctl([...eps, 'endpoint', 'health', '-o', 'json']);
    expect(health.code).toBe(1);
    const doc = json(health);
    expect(
      doc.endpoints.map((e: { endpoint: string; health: boolean }) => [e.endpoint, e.health]),
    ).toEqual([
      [etcd.endpoint, true],
      [dead, false],
    ]);
  });
});

describe('-o refused', () => {
  it('with -w: exit 128, nothing written', async () => {
    const r = await ectl(['put', 'x/never', 'v', '-o', 'json', '-w', 'json']);
    expect([r.code, r.stderr]).toEqual([128, 'Error: -o and -w cannot be used together\n']);
    expect(json(await ectl(['get', 'x/never', '-o', 'json'])).count).toBe(0);
  });

  it('by a command without that format: exit 4 before the RPC; from ECTL_OUTPUT it is ignored', async () => {
    const grant = json(await ectl(['lease', 'grant', '300', '-o', 'json']));
    const r = await ectl(['lease', 'revoke', grant.id, '-o', 'value']);
    expect([r.code, r.stderr]).toEqual([
      4,
      'Error: -o value is not supported by "lease revoke" (it prints json, ndjson, yaml)\n',
    ]);
    expect(json(await ectl(['lease', 'timetolive', grant.id, '-o', 'json'])).expired).toBe(false);
    const c = await ectl(['compaction', '1', '-o', 'json']);
    expect([c.code, c.stderr]).toEqual([4, 'Error: -o is not supported by "compaction"\n']);
    const env = await ectl(['lease', 'revoke', grant.id], { env: { ECTL_OUTPUT: 'value' } });
    expect([env.code, env.stdout.toString()]).toEqual([0, `lease ${grant.id} revoked\n`]);
    const viaEnv = await ectl(['get', 'w/k'], { env: { ECTL_OUTPUT: 'ndjson' } });
    expect(JSON.parse(viaEnv.stdout.toString()).key).toBe('w/k');
    // A flag of the command that -o cannot honour wins over ECTL_OUTPUT (on the command line: 128).
    const valueOnly = await ectl(['get', 'w/k', '--print-value-only'], {
      env: { ECTL_OUTPUT: 'json' },
    });
    expect([valueOnly.code, valueOnly.stdout.toString()]).toEqual([0, 'v3\n']);
    const put = await ectl(['put', 'w/env', 'v'], { env: { ECTL_OUTPUT: 'value' } });
    expect([put.code, put.stdout.toString()]).toEqual([0, 'OK\n']);
  });
});
