// `make-mirror` between real single nodes. ectl and etcdctl 3.4.23 mirror the same source into
// twin destinations (same cluster and member IDs), so the resulting keyspaces — revisions
// included — must be identical: copy, follow, one destination txn per source revision, the prefix
// rules and the count printed every 30 s. main's flags (--rev, --max-txn-ops, --dest-user) are
// checked against main's source, errors against etcdctl's texts; dead clusters fail in time.
import { describe, expect, it } from 'vitest';
import { AUTH_USERS, authenticate, b64, gateway, useEtcd, useTwins } from '../harness/etcd.js';
import type { EtcdNode } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, spawnEctl, spawnEtcdctl } from '../harness/run.js';
import { both, errorLines, refusedEndpoint } from './util.js';
import { del, dump, pairs, put, txnPut, until, wipe, type Dump } from './mirror-kit.js';

const src = useEtcd({ name: 'mmsrc' });
const dst = useTwins('mirror');
const secured = useEtcd({ name: 'mmauth', auth: true });
const tlsDest = useEtcd({ name: 'mmtls', tls: { clientCertAuth: true } });
const QUICK = ['--dial-timeout', '1s', '--command-timeout', '1s'];

const srcEp = () => ['--endpoints', src.endpoint];
const keysOf = (d: Dump) => d.kvs.map((kv) => kv.key);
const everything = { key: b64('\0'), range_end: b64('\0') };

/** Runs ectl's (and etcdctl's) mirror into the twins, waits for `ready`, stops them. */
async function mirrorBoth(
  flags: string[],
  ready: (d: Dump) => boolean,
  changes: () => Promise<void>,
): Promise<{ ectl: Dump; etcdctl: Dump | undefined }> {
  const targets = hasEtcdctl() ? [dst.a, dst.b] : [dst.a];
  await Promise.all(targets.map(wipe));
  // Each destination's revisions counted from its wipe, so the twins compare whatever ran before.
  const base = await Promise.all(targets.map(async (n) => BigInt((await dump(n)).revision)));
  const runs = [spawnEctl([...srcEp(), 'make-mirror', ...flags, dst.a.endpoint])];
  if (targets.length === 2)
    runs.push(spawnEtcdctl([...srcEp(), 'make-mirror', ...flags, dst.b.endpoint]));
  try {
    const copied = (n: EtcdNode) =>
      until(
        () => dump(n),
        (d) => d.kvs.length > 0,
      );
    await Promise.all(targets.map(copied));
    await changes();
    const dumps = await Promise.all(targets.map((n) => until(() => dump(n), ready)));
    const [ectl, etcdctl] = dumps.map((d, i) => relative(d, base[i]!));
    expect(runs[0]!.stderr()).toBe('');
    return { ectl: ectl!, etcdctl };
  } finally {
    await Promise.all(runs.map((r) => r.kill()));
  }
}

/** A dump with revisions counted from `base`. */
function relative(d: Dump, base: bigint): Dump {
  const rel = (r: string) => String(BigInt(r) - base);
  return {
    revision: rel(d.revision),
    kvs: d.kvs.map((kv) => ({
      ...kv,
      create_revision: rel(kv.create_revision),
      mod_revision: rel(kv.mod_revision),
    })),
  };
}

describe('make-mirror, the same keyspace as etcdctl', () => {
  it('--prefix --dest-prefix: copy, then puts, deletes and a multi-key txn, revisions included', async () => {
    await wipe(src.node);
    await put(src.node, { 'm1/a': '1', 'm1/b': '2', 'm1/c': '3', other: 'x' });
    const { ectl, etcdctl } = await mirrorBoth(
      ['--prefix', 'm1/', '--dest-prefix', 'copy/'],
      (d) => keysOf(d).includes('copy/z'),
      async () => {
        await put(src.node, { 'm1/a': 'changed', 'not-m1/x': 'no' });
        await del(src.node, 'm1/b');
        await txnPut(src.node, { 'm1/t1': 'one', 'm1/t2': 'two' });
        await put(src.node, { 'm1/z': 'last' });
      },
    );
    expect(pairs(ectl)).toEqual([
      'copy/a=changed',
      'copy/c=3',
      'copy/t1=one',
      'copy/t2=two',
      'copy/z=last',
    ]);
    // The txn's two keys arrive in one destination txn: one revision.
    const rev = (k: string) => ectl.kvs.find((kv) => kv.key === k)!.mod_revision;
    expect(rev('copy/t1')).toBe(rev('copy/t2'));
    if (etcdctl) expect(ectl).toEqual(etcdctl);
  });

  it('no --dest-prefix keeps the prefix, --no-dest-prefix strips it, no --prefix copies all', async () => {
    await wipe(src.node);
    await put(src.node, { 'p/k1': 'v1', 'p/k2': 'v2', q: 'v3' });
    const cases: [string[], string[]][] = [
      [
        ['--prefix', 'p/'],
        ['p/k1=v1', 'p/k2=v2', 'p/k3=v4'],
      ],
      [
        ['--prefix', 'p/', '--no-dest-prefix'],
        ['k1=v1', 'k2=v2', 'k3=v4'],
      ],
      [[], ['p/k1=v1', 'p/k2=v2', 'p/k3=v4', 'q=v3']],
    ];
    for (const [flags, want] of cases) {
      await del(src.node, 'p/k3');
      const { ectl, etcdctl } = await mirrorBoth(
        flags,
        (d) => pairs(d).join() === want.join(),
        () => put(src.node, { 'p/k3': 'v4' }).then(() => undefined),
      );
      expect(pairs(ectl)).toEqual(want);
      if (etcdctl) expect(ectl).toEqual(etcdctl);
    }
  });

  it('prints the number of keys synced every 30 s, as etcdctl', async () => {
    await wipe(src.node);
    await Promise.all([wipe(dst.a), wipe(dst.b)]);
    await put(src.node, { 'n/1': 'a', 'n/2': 'b', 'n/3': 'c' });
    const args = (to: EtcdNode) => [...srcEp(), 'make-mirror', '--prefix', 'n/', to.endpoint];
    const ectl = spawnEctl(args(dst.a));
    const etcdctl = hasEtcdctl() ? spawnEtcdctl(args(dst.b)) : undefined;
    try {
      // Three keys copied, then one delete: 4 (the count is not printed before 30 s).
      await until(
        () => dump(dst.a),
        (d) => d.kvs.length === 3,
      );
      await del(src.node, 'n/2');
      await until(
        () => dump(dst.a),
        (d) => d.kvs.length === 2,
      );
      expect(ectl.stdout()).toBe('');
      const line = await ectl.waitFor(/^\d+\n/, { timeoutMs: 40_000 });
      expect(line[0]).toBe('4\n');
      if (etcdctl) expect((await etcdctl.waitFor(/^\d+\n/, { timeoutMs: 10_000 }))[0]).toBe('4\n');
      expect(ectl.stderr()).toBe('');
    } finally {
      await Promise.all([ectl.kill(), etcdctl?.kill()]);
    }
  }, 60_000);
});

describe('make-mirror, main’s flags', () => {
  it('--rev N replays history from N without copying and, as main, strips the prefix', async () => {
    await wipe(src.node);
    await wipe(dst.a);
    const first = await put(src.node, { 'r/old': '0', 'r/a': '1' });
    await put(src.node, { 'r/a': '2', 'r/b': '3' });
    const run = spawnEctl([
      ...srcEp(),
      'make-mirror',
      '--prefix',
      'r/',
      '--rev',
      String(first + 1n),
      dst.a.endpoint,
    ]);
    try {
      const d = await until(
        () => dump(dst.a),
        (x) => x.kvs.length === 2,
      );
      // r/old was written before the revision: not copied. main only defaults --dest-prefix when
      // it copies, so the keys lose their prefix.
      expect(pairs(d)).toEqual(['a=2', 'b=3']);
    } finally {
      await run.kill();
    }
  });

  it('--rev below the compacted revision: etcd’s compaction error, exit 1', async () => {
    const rev = await put(src.node, { 'c/1': 'x', 'c/2': 'y' });
    await runEctl([...srcEp(), 'compaction', String(rev)]);
    const r = await runEctl([...srcEp(), 'make-mirror', '--rev', '2', dst.a.endpoint]);
    expect({ code: r.code, err: r.stderr, out: r.stdout.toString() }).toEqual({
      code: 1,
      err: 'Error: etcdserver: mvcc: required revision has been compacted\n',
      out: '',
    });
  });

  it('--max-txn-ops 2 splits one source revision into destination txns of two', async () => {
    await Promise.all([wipe(src.node), wipe(dst.a)]);
    await put(src.node, { 'x/seed': '0' });
    const run = spawnEctl([
      ...srcEp(),
      'make-mirror',
      '--prefix',
      'x/',
      '--max-txn-ops',
      '2',
      dst.a.endpoint,
    ]);
    try {
      await until(
        () => dump(dst.a),
        (d) => keysOf(d).includes('x/seed'),
      );
      await txnPut(src.node, { 'x/1': 'a', 'x/2': 'b', 'x/3': 'c', 'x/4': 'd', 'x/5': 'e' });
      const d = await until(
        () => dump(dst.a),
        (x) => x.kvs.length === 6,
      );
      const revs = d.kvs.filter((kv) => kv.key !== 'x/seed').map((kv) => BigInt(kv.mod_revision));
      const r0 = revs[0]!;
      expect(revs).toEqual([r0, r0, r0 + 1n, r0 + 1n, r0 + 2n]);
    } finally {
      await run.kill();
    }
  });

  it('--dest-user name:password, --dest-password, the prompt; a wrong password is exit 2', async () => {
    const { root } = AUTH_USERS;
    const token = await authenticate(secured.node, root.user, root.password);
    await wipe(src.node);
    await put(src.node, { 'u/1': 'one' });
    const dest = secured.node.endpoint;
    const ways: [string[], string | undefined][] = [
      [['--dest-user', `${root.user}:${root.password}`], undefined],
      [['--dest-user', root.user, '--dest-password', root.password], undefined],
      [['--dest-user', root.user], `${root.password}\n`],
    ];
    for (const [flags, stdin] of ways) {
      await gateway(secured.node, '/v3/kv/deleterange', everything, token);
      const run = spawnEctl([...srcEp(), 'make-mirror', ...flags, dest], stdin ? { stdin } : {});
      try {
        const d = await until(
          () => dump(secured.node, token),
          (x) => x.kvs.length === 1,
        );
        expect(pairs(d)).toEqual(['u/1=one']);
        expect(run.stdout()).toBe(stdin ? 'Destination Password: \n' : '');
      } finally {
        await run.kill();
      }
    }
    const bad = await runEctl([...srcEp(), 'make-mirror', '--dest-user', 'root:wrong', dest]);
    expect({ code: bad.code, err: bad.stderr }).toEqual({
      code: 2,
      err: 'Error: etcdserver: authentication failed, invalid user ID or password\n',
    });
  });
});

describe('make-mirror to a TLS destination', () => {
  it('--dest-cacert, --dest-cert, --dest-key; without them the handshake fails in time', async () => {
    const certs = tlsDest.node.spec.tls!;
    await wipe(src.node);
    await put(src.node, { 't/1': 'one' });
    const dest = tlsDest.node.clientUrl;
    const tlsFlags = ['--dest-cacert', certs.caFile, '--dest-cert', certs.clientCert];
    const run = spawnEctl([
      ...srcEp(),
      'make-mirror',
      ...tlsFlags,
      '--dest-key',
      certs.clientKey,
      dest,
    ]);
    try {
      const d = await until(
        () => dump(tlsDest.node),
        (x) => x.kvs.length === 1,
      );
      expect(pairs(d)).toEqual(['t/1=one']);
    } finally {
      await run.kill();
    }
    const noCert = await runEctl([
      ...srcEp(),
      ...QUICK,
      'make-mirror',
      '--dest-cacert',
      certs.caFile,
      dest,
    ]);
    expect(noCert.code).toBe(1);
    expect(noCert.ms).toBeLessThan(4000);
    expect(noCert.stderr).toMatch(
      /^Error: context deadline exceeded \([^)]*TLS handshake failed[^\n]*\n$/,
    );
  });
});

describe('make-mirror errors', () => {
  it('bad arguments: etcdctl’s texts and exit 128, the destination untouched', async () => {
    const before = await dump(dst.b);
    const cases = [
      ['make-mirror'],
      ['make-mirror', dst.b.endpoint, 'extra'],
      ['make-mirror', '--dest-prefix', 'a/', '--no-dest-prefix', dst.b.endpoint],
      ['make-mirror', '--dest-cert', '/nonexistent.pem', dst.b.endpoint],
      ['make-mirror', '--dest-cacert', '/nonexistent.pem', dst.b.endpoint],
    ];
    for (const args of cases) {
      const { ectl, etcdctl } = await both([...srcEp(), ...args]);
      expect(ectl.code, ectl.stderr).toBe(128);
      expect(ectl.stdout.toString()).toBe('');
      expect(ectl.stderr).toMatch(/^Error: [^\n]+\n$/);
      if (etcdctl) {
        expect(etcdctl.code).toBe(128);
        expect(ectl.stderr).toBe(`${errorLines(etcdctl)}\n`);
      }
    }
    expect(await dump(dst.b)).toEqual(before);
  });

  it('a dead source or destination is an error naming it within the timeouts (etcdctl hangs)', async () => {
    const dead = await refusedEndpoint();
    const noSource = await runEctl(['--endpoints', dead, ...QUICK, 'make-mirror', dst.a.endpoint]);
    const noDest = await runEctl([...srcEp(), ...QUICK, 'make-mirror', dead]);
    for (const r of [noSource, noDest]) {
      expect(r.code).toBe(1);
      expect(r.ms).toBeLessThan(4000);
      expect(r.stderr).toBe(`Error: context deadline exceeded (${dead}: connection refused)\n`);
    }
  });
});
