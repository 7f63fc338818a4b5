// The pure parts of register, discover and the run-while-held commands: discover's records, table
// and change lines, register's TTL and what -w/-o print per registration, the guardian's margin,
// and discover's read (one LeaseTimeToLive per distinct lease).
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { Event_EventType as EventType, type KeyValue } from '../../src/etcd/proto/gen/messages.js';
import { changeKind, changeRecord, entryRecord, snapshotView } from '../../src/output/discover.js';
import { changeLine, discoverTable, printable } from '../../src/output/human/discover.js';
import { registeredText, ttlSeconds } from '../../src/commands/ectl/register.js';
import { marginMs } from '../../src/commands/etcdctl/run-held.js';
import type { EtcdClient } from '../../src/etcd/client.js';
import type { CommandContext } from '../../src/cli/context.js';
import { electEnv, isRunForm } from '../../src/commands/etcdctl/elect-run.js';
import { readRegistrations } from '../../src/etcd/recipes/registrations.js';

const enc = (s: string) => new TextEncoder().encode(s);
const kv = (key: string, value: string, o: Partial<KeyValue> = {}): KeyValue => ({
  key: enc(key),
  value: enc(value),
  create_revision: 5n,
  mod_revision: 7n,
  version: 1n,
  lease: 0x2040n,
  ...o,
});
const plain = new Chalk({ level: 0 });
const coloured = new Chalk({ level: 1 });

describe('discover output', () => {
  const entries = [
    { kv: kv('w/a', 'host:80'), ttl: 9n },
    { kv: kv('w/b', 'x\ny\t\u0001', { lease: 0n }), ttl: undefined },
    { kv: kv('w/c', 'gone'), ttl: -1n },
  ];

  it('a table with TTLs left, - without a lease, control characters escaped', () => {
    expect(discoverTable(entries, plain)).toBe(
      'KEY  VALUE       TTL\n' +
        'w/a  host:80     9s\n' +
        'w/b  x\\ny\\t\\x01  -\n' +
        'w/c  gone        expired\n',
    );
    expect(printable(enc('a\rb\u007f'))).toBe('a\\rb\\x7f');
  });

  it('records: hex lease, TTL, revisions; no lease fields for a key without one', () => {
    expect(entryRecord(entries[0]!)).toEqual({
      key: 'w/a',
      value: 'host:80',
      lease: '0000000000002040',
      ttl: 9n,
      create_revision: 5n,
      mod_revision: 7n,
    });
    const view = snapshotView({ prefix: 'w/', revision: 12n, entries });
    expect(view.doc).toMatchObject({ prefix: 'w/', revision: 12n });
    expect(view.rows).toHaveLength(3);
    expect(view.kvs?.map((k) => new TextDecoder().decode(k.value))).toEqual([
      'host:80',
      'x\ny\t\u0001',
      'gone',
    ]);
  });

  it('changes: a first version is added, a later one changed, a delete removed', () => {
    const put1 = { type: EventType.PUT, kv: kv('w/a', 'v') };
    const put2 = { type: EventType.PUT, kv: kv('w/a', 'v2', { version: 2n, mod_revision: 9n }) };
    const del = {
      type: EventType.DELETE,
      kv: kv('w/a', '', { version: 0n, lease: 0n, mod_revision: 10n }),
    };
    expect([put1, put2, del].map((e) => changeKind(e as never))).toEqual([
      'added',
      'changed',
      'removed',
    ]);
    expect([put1, put2, del].map((e) => changeLine(e as never, plain)).join('')).toBe(
      '+ w/a v\n~ w/a v2\n- w/a\n',
    );
    expect(changeLine(put1 as never, coloured)).toBe('\u001b[32m+ w/a v\u001b[39m\n');
    expect(changeRecord(del as never)).toEqual({
      type: 'removed',
      key: 'w/a',
      lease: undefined,
      revision: 10n,
    });
    expect(changeRecord(put2 as never)).toEqual({
      type: 'changed',
      key: 'w/a',
      value: 'v2',
      lease: '0000000000002040',
      revision: 9n,
    });
  });
});

describe('register', () => {
  it('TTLs in whole seconds, rounded up; under a second refused', () => {
    expect(ttlSeconds(10_000_000_000n)).toBe(10n);
    expect(ttlSeconds(1_500_000_000n)).toBe(2n);
    expect(() => ttlSeconds(999_999_999n)).toThrow('--ttl must be at least 1s');
  });

  it('prints nothing by default, the lease ID for -w, a record for -o', () => {
    const r = { lease: 0x2040n, ttl: 10n, revision: 33n };
    const key = enc('w/a');
    expect(registeredText('human', false, key, r)).toBe('');
    expect(registeredText('human', true, key, r)).toBe('0000000000002040\n');
    expect(registeredText('value', false, key, r)).toBe('0000000000002040\n');
    expect(registeredText('key', false, key, r)).toBe('w/a\n');
    expect(registeredText('ndjson', false, key, { ...r, replaces: 0x1fn })).toBe(
      '{"key":"w/a","lease":"0000000000002040","ttl":10,"revision":33,"replaces":"000000000000001f"}\n',
    );
    expect(registeredText('yaml', false, key, r)).toBe(
      '---\nkey: w/a\nlease: "0000000000002040"\nttl: 10\nrevision: 33\n',
    );
  });
});

describe('the guardian’s margin', () => {
  it('a quarter of the TTL, at most a second', () => {
    expect(marginMs(2n)).toBe(500);
    expect(marginMs(60n)).toBe(1000);
  });
});

describe('readRegistrations', () => {
  it('asks LeaseTimeToLive once per distinct lease, none for keys without a lease', async () => {
    const asked: bigint[] = [];
    const kvs = [
      kv('w/a', '1', { lease: 7n }),
      kv('w/b', '2', { lease: 7n }),
      kv('w/c', '3', { lease: 9n }),
      kv('w/d', '4', { lease: 0n }),
    ];
    const client = {
      unary: async (method: string, req: { ID?: bigint }) => {
        if (method === 'KV.Range') return { header: { revision: 42n }, kvs };
        asked.push(req.ID!);
        return { ID: req.ID, TTL: req.ID === 7n ? 5n : -1n };
      },
    } as unknown as EtcdClient;
    const read = await readRegistrations(client, enc('w/'), () => ({}));
    expect(asked.sort()).toEqual([7n, 9n]);
    expect(read.revision).toBe(42n);
    expect([...read.ttls]).toEqual([
      [7n, 5n],
      [9n, -1n],
    ]);
  });
});

describe('elect’s run form', () => {
  const ctx = (args: string[], dashAt: number) =>
    ({ args, flags: { argsLenAtDash: dashAt } }) as unknown as CommandContext;
  it('only NAME PROPOSAL -- CMD...; everything else stays etcdctl’s elect', () => {
    expect(isRunForm(ctx(['n', 'p', 'cmd', 'arg'], 2))).toBe(true);
    expect(isRunForm(ctx(['n', 'p'], 2))).toBe(false); // `elect n p --`: a campaign, as etcdctl
    expect(isRunForm(ctx(['n', 'p', 'x'], -1))).toBe(false); // etcdctl's argument error
    expect(isRunForm(ctx(['n', 'p', 'x'], 1))).toBe(false);
    expect(isRunForm(ctx(['n', 'p', 'x'], 0))).toBe(false);
  });
  it('gives the command its election, key and fencing revision', () => {
    expect(electEnv('web', 'web/694d', 42n)).toEqual({
      ETCD_ELECT_NAME: 'web',
      ETCD_ELECT_KEY: 'web/694d',
      ETCD_ELECT_REV: '42',
    });
  });
});
