// make-mirror's pure parts against etcdctl main's make_mirror_command.go and client/v3/mirror:
// key rewriting (strings.Replace, once), the source range, the grouping of watch events into
// destination txns, the --rev/--prefix/--dest-prefix rules and the destination's configuration.
import { describe, expect, it } from 'vitest';
import {
  destinationConfig,
  destinationOf,
  makeMirrorFlags,
  mirrorPlan,
} from '../../src/commands/etcdctl/make-mirror.js';
import { replayTxns, rewriteKey } from '../../src/etcd/recipes/mirror.js';
import { prefixRange } from '../../src/etcd/keys.js';
import type { Event } from '../../src/etcd/proto/gen/messages.js';
import { resolveGlobals } from '../../src/cli/config.js';
import { globalFlags } from '../../src/cli/globals.js';
import { ParsedFlags } from '../../src/cli/flagspec.js';
import { BadArgsError } from '../../src/errors.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const s = (u: Uint8Array | undefined) => Buffer.from(u ?? []).toString('latin1');

function ev(type: 0 | 1, key: string, rev: bigint, value = 'v'): Event {
  return {
    type,
    kv: {
      key: b(key),
      create_revision: rev,
      mod_revision: rev,
      version: 1n,
      value: b(value),
      lease: 0n,
    },
    prev_kv: undefined,
  };
}

/** The txns as `put k=v` / `del k` strings. */
function render(events: Event[], max: number, rewrite = (k: Uint8Array) => k): string[][] {
  return replayTxns(events, max, rewrite).map((ops) =>
    ops.map((op) =>
      op.request_put
        ? `put ${s(op.request_put.key)}=${s(op.request_put.value)}`
        : `del ${s(op.request_delete_range?.key)}`,
    ),
  );
}

const flags = (over: Partial<ReturnType<typeof makeMirrorFlags.read>> = {}) => ({
  ...makeMirrorFlags.read(
    new ParsedFlags(new Map(makeMirrorFlags.specs.map((f) => [f.name, f.default])), new Set()),
  ),
  ...over,
});

describe('rewriteKey (strings.Replace(key, prefix, dest, 1))', () => {
  it.each([
    ['app/x', 'app/', 'bak/', 'bak/x'],
    ['app/x', 'app/', '', 'x'],
    ['app/app/x', 'app/', 'b/', 'b/app/x'],
    ['x', '', 'm/', 'm/x'],
    ['x', '', '', 'x'],
    ['other', 'app/', 'bak/', 'other'],
    ['\xff\x00k', '\xff', '\x01', '\x01\x00k'],
  ])('%j with %j -> %j gives %j', (key, prefix, dest, want) => {
    expect(s(rewriteKey(b(key), b(prefix), b(dest)))).toBe(want);
  });
});

describe('prefixRange', () => {
  it('a prefix is its range; no prefix is every key from \\x00', () => {
    const r = prefixRange(b('app/'));
    expect([s(r.key), s(r.range_end)]).toEqual(['app/', 'app0']);
    const all = prefixRange(b(''));
    expect([s(all.key), s(all.range_end)]).toEqual(['\x00', '\x00']);
    expect(s(prefixRange(b('\xff\xff')).range_end)).toBe('\x00');
  });
});

describe('replayTxns (etcdctl’s grouping of one watch response)', () => {
  const events = [
    ev(0, 'a', 5n),
    ev(0, 'b', 5n),
    ev(1, 'c', 5n),
    ev(0, 'd', 6n, 'x'),
    ev(1, 'a', 7n),
  ];

  it('one txn per revision', () => {
    expect(render(events, 128)).toEqual([['put a=v', 'put b=v', 'del c'], ['put d=x'], ['del a']]);
  });

  it('a revision split after --max-txn-ops operations', () => {
    expect(render(events, 2)).toEqual([['put a=v', 'put b=v'], ['del c'], ['put d=x'], ['del a']]);
    expect(render(events, 1)).toEqual([
      ['put a=v'],
      ['put b=v'],
      ['del c'],
      ['put d=x'],
      ['del a'],
    ]);
  });

  it('--max-txn-ops 0: an empty txn before each revision, as etcdctl sends it', () => {
    expect(render(events.slice(0, 4), 0)).toEqual([
      [],
      ['put a=v', 'put b=v', 'del c'],
      [],
      ['put d=x'],
    ]);
  });

  it('keys rewritten, values and nothing else carried', () => {
    const txns = replayTxns([ev(0, 'app/k', 9n, 'val')], 128, (k) =>
      rewriteKey(k, b('app/'), b('m/')),
    );
    expect(txns).toHaveLength(1);
    expect(Object.keys(txns[0]![0]!)).toEqual(['request_put']);
    const put = txns[0]![0]!.request_put!;
    expect([s(put.key), s(put.value), Object.keys(put).join()]).toEqual([
      'm/k',
      'val',
      'key,value',
    ]);
  });
});

describe('mirrorPlan', () => {
  const plan = (o: Parameters<typeof flags>[0]) => {
    const p = mirrorPlan(flags(o));
    return { prefix: s(p.prefix), dest: s(p.destPrefix), from: p.fromRevision, max: p.maxTxnOps };
  };

  it('copying first: --dest-prefix defaults to --prefix; --no-dest-prefix strips it', () => {
    expect(plan({ prefix: 'p/' })).toEqual({ prefix: 'p/', dest: 'p/', from: 0n, max: 128 });
    expect(plan({ prefix: 'p/', destPrefix: 'q/' }).dest).toBe('q/');
    expect(plan({ prefix: 'p/', noDestPrefix: true }).dest).toBe('');
  });

  it('--rev N follows from N without copying and without the default (main); N <= 1 copies', () => {
    expect(plan({ prefix: 'p/', rev: 10n })).toEqual({
      prefix: 'p/',
      dest: '',
      from: 10n,
      max: 128,
    });
    expect(plan({ prefix: 'p/', rev: 10n, destPrefix: 'p/' }).dest).toBe('p/');
    for (const rev of [1n, 0n, -5n])
      expect(plan({ prefix: 'p/', rev })).toMatchObject({ from: 0n, dest: 'p/' });
  });

  it('--dest-prefix with --no-dest-prefix is etcdctl’s error (128)', () => {
    expect(() => plan({ destPrefix: 'a', noDestPrefix: true })).toThrow(BadArgsError);
    expect(() => plan({ destPrefix: 'a', noDestPrefix: true })).toThrow(
      '`--dest-prefix` and `--no-dest-prefix` cannot be set at the same time, choose one',
    );
  });
});

describe('the destination', () => {
  it('exactly one argument', () => {
    expect(destinationOf(['h:1'])).toBe('h:1');
    for (const args of [[], ['a', 'b']])
      expect(() => destinationOf(args)).toThrow('make-mirror takes one destination argument');
  });

  it('its client: the --dest-* flags, the global timeouts, none of the source’s TLS or auth', () => {
    const values = new Map(globalFlags.map((f) => [f.name, f.default]));
    values
      .set('cacert', '/src/ca.pem')
      .set('user', 'srcuser:pw')
      .set('dial-timeout', 7_000_000_000n);
    const given = new Set(['cacert', 'user', 'dial-timeout']);
    const global = resolveGlobals(new ParsedFlags(values, given), {}).config;
    const c = destinationConfig(
      'https://d:2379',
      flags({ destCacert: '/d/ca.pem', destUser: 'u' }),
      global,
    );
    expect(c).toMatchObject({
      endpoints: ['https://d:2379'],
      cacert: '/d/ca.pem',
      cert: '',
      tlsGiven: { cert: false, key: false, cacert: true },
      insecureTransport: true,
      user: 'u',
      password: '',
      dialTimeoutNs: 7_000_000_000n,
      discoverySrv: '',
    });
    expect(destinationConfig('d:1', flags({ destInsecureTransport: false }), global)).toMatchObject(
      {
        insecureTransport: false,
        cacert: '',
        tlsGiven: { cert: false, key: false, cacert: false },
      },
    );
  });
});
