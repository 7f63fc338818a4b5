// discover against a real etcd: the registered entries with the TTL left on their leases (one
// LeaseTimeToLive per lease) as a table and in the script formats, and --watch's change lines and
// records for keys registered, changed and revoked after the listing. The watch's failover is the
// Watcher's (watch-faults.test.ts); here one member is killed under a running discover --watch.
import { describe, expect, it } from 'vitest';
import { useCluster } from '../harness/etcd.js';
import { runEctl, spawnEctl, type Spawned } from '../harness/run.js';
import { eventually, keysUnder, killAll } from './concurrency-kit.js';

const c = useCluster(3);
const ep = () => ['--endpoints', c.endpoints.join(',')];

async function registered(key: string, value: string, ttl: string): Promise<Spawned> {
  const p = spawnEctl([...ep(), 'register', '--ttl', ttl, key, value]);
  const node = c.cluster.nodes[0]!;
  await eventually(async () => (await keysUnder(node, key)).length === 1, 10_000, key);
  return p;
}

describe('the listing', () => {
  it('KEY VALUE TTL, in every script format', async () => {
    const a = await registered('svc/a', 'host-a:80', '30s');
    const b = await registered('svc/b', 'line1\nline2', '60s');
    await runEctl([...ep(), 'put', 'svc/plain', 'p']);
    try {
      const table = await runEctl([...ep(), 'discover', 'svc/']);
      expect(table.stderr).toBe('');
      expect(table.code).toBe(0);
      expect(table.stdout.toString().replace(/\d+s$/gm, 'Ns')).toBe(
        'KEY        VALUE         TTL\n' +
          'svc/a      host-a:80     Ns\n' +
          'svc/b      line1\\nline2  Ns\n' +
          'svc/plain  p             -\n',
      );
      // What is left of each lease, asked from the server: not more than its TTL.
      const ttls = [...table.stdout.toString().matchAll(/(\d+)s$/gm)].map((m) => Number(m[1]));
      expect(ttls[0]).toBeLessThanOrEqual(30);
      expect(ttls[1]).toBeGreaterThan(30);
      const json = JSON.parse(
        (await runEctl([...ep(), 'discover', '-o', 'json', 'svc/'])).stdout.toString(),
      );
      expect(json.prefix).toBe('svc/');
      expect(typeof json.revision).toBe('number');
      expect(json.entries.map((e: { key: string }) => e.key)).toEqual([
        'svc/a',
        'svc/b',
        'svc/plain',
      ]);
      expect(json.entries[0]).toMatchObject({
        value: 'host-a:80',
        lease: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
      expect(json.entries[1].value).toBe('line1\nline2');
      expect(json.entries[2].lease).toBeUndefined();
      expect(json.entries[2].ttl).toBeUndefined();
      const nd = (await runEctl([...ep(), 'discover', '-o', 'ndjson', 'svc/'])).stdout.toString();
      expect(
        nd
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).key),
      ).toEqual(['svc/a', 'svc/b', 'svc/plain']);
      const yaml = (await runEctl([...ep(), 'discover', '-o', 'yaml', 'svc/'])).stdout.toString();
      expect(yaml).toMatch(/^prefix: svc\/\nrevision: \d+\nentries:\n {2}- key: svc\/a\n/);
      const value = await runEctl([...ep(), 'discover', '-o', 'value', 'svc/a']);
      expect(value.stdout.toString()).toBe('host-a:80\n');
    } finally {
      await killAll(a, b);
      await runEctl([...ep(), 'del', '--prefix', 'svc/']);
    }
  });

  it('-w fields is not an output format of discover (exit 4); --watch with -o json is refused (128)', async () => {
    const fields = await runEctl([...ep(), 'discover', '-w', 'fields', 'x/']);
    expect(fields.stderr).toBe('Error: fields not supported as output format\n');
    expect(fields.code).toBe(4);
    const json = await runEctl([...ep(), 'discover', '--watch', '-o', 'json', 'x/']);
    expect(json.stderr).toBe('Error: --watch prints lines or -o ndjson records, not json\n');
    expect(json.code).toBe(128);
  });
});

describe('--watch', () => {
  it('+ when registered, ~ when changed, - when revoked; the same as ndjson records', async () => {
    const first = await registered('w/first', 'one', '30s');
    const lines = spawnEctl([...ep(), 'discover', '--watch', 'w/']);
    const records = spawnEctl([...ep(), 'discover', '--watch', '-o', 'ndjson', 'w/']);
    let second: Spawned | undefined;
    try {
      await lines.waitFor(/^KEY +VALUE +TTL\nw\/first +one +\d+s\n$/);
      await records.waitFor(/^\{"key":"w\/first".*\n$/);
      second = await registered('w/second', 'two', '30s');
      await runEctl([...ep(), 'put', 'w/first', 'uno', '--ignore-lease']);
      await second.kill('SIGINT');
      const want = '+ w/second two\n~ w/first uno\n- w/second\n';
      await lines.waitFor(new RegExp(`TTL\\n[^\\n]*\\n${want.replace(/[+~]/g, '\\$&')}$`));
      await records.waitFor(/"type":"removed".*\n$/);
      const changes = records
        .stdout()
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l));
      expect(changes.map((r) => [r.type, r.key, r.value])).toEqual([
        ['added', 'w/second', 'two'],
        ['changed', 'w/first', 'uno'],
        ['removed', 'w/second', undefined],
      ]);
      expect(changes[0].revision).toBeLessThan(changes[1].revision);
      // A member dying does not end the watch (the Watcher resumes elsewhere, nothing repeated).
      await c.cluster.nodes[0]!.kill();
      // The put waits for the survivors to agree on a leader: on a busy machine the election can
      // outlast any fixed sleep, and a put refused then would never reach the watch (CI at 34b3e32).
      await c.cluster.leader(10_000);
      const third = await runEctl([
        '--endpoints',
        c.endpoints.slice(1).join(','),
        'put',
        'w/third',
        '3',
      ]);
      expect([third.code, third.stderr.toString()]).toEqual([0, '']);
      await lines.waitFor(/- w\/second\n\+ w\/third 3\n$/, { timeoutMs: 15_000 });
      expect(lines.stderr()).toMatch(/^(Warning: watch stream lost[^\n]*\n)?$/);
      expect(await lines.kill('SIGINT')).toEqual({ code: null, signal: 'SIGINT' });
    } finally {
      await killAll(first, second, lines, records);
      await c.cluster.nodes[0]!.restart();
    }
  }, 60_000);
});
