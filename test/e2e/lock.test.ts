// lock against etcdctl: the held key printed in every format (ectl on twin A, etcdctl on twin B,
// lease IDs normalised), the command run under the lock and its environment, the error texts and
// codes; release on SIGINT/SIGTERM, SIGINT while waiting, loss of the session. Exclusion between
// contenders is in lock-exclusion.test.ts.
import { describe, expect, it } from 'vitest';
import { gateway, useTwins, type EtcdNode } from '../harness/etcd.js';
import { hasEtcdctl, runEtcdctl, runEctl, spawnEctl } from '../harness/run.js';
import { errorLine } from '../helpers/golden.js';
import {
  eventually,
  expectRunning,
  keysUnder,
  killAll,
  msUntil,
  normaliseLease,
  revokeLease,
  sleep,
  hold,
} from './concurrency-kit.js';

const HAS_ETCDCTL = hasEtcdctl();
const twins = useTwins('lock');
const ep = (n: EtcdNode) => ['--endpoints', n.endpoint];
const revision = async (n: EtcdNode) =>
  BigInt(
    (await gateway<{ header: { revision: string } }>(n, '/v3/kv/range', { key: 'eA==' })).header
      .revision,
  );

describe('lock NAME (held until a signal)', () => {
  for (const format of ['simple', 'json', 'fields', 'protobuf']) {
    it.skipIf(!HAS_ETCDCTL)(
      `prints the key as etcdctl does (-w ${format}) and releases on SIGINT`,
      async () => {
        const name = `fmt-${format}`;
        const args = [name, '-w', format];
        const [mine, theirs] = await Promise.all([
          hold('ectl', twins.a, args),
          hold('etcdctl', twins.b, args),
        ]);
        try {
          const [ka] = await keysUnder(twins.a, `${name}/`);
          const [kb] = await keysUnder(twins.b, `${name}/`);
          expect(ka?.key).toBe(`${name}/${ka?.lease}`);
          const got = normaliseLease(mine.stdoutBuffer(), ka!.lease, `${name}/`);
          const want = normaliseLease(theirs.stdoutBuffer(), kb!.lease, `${name}/`);
          expect(got).toBe(want);
          expect(await mine.kill('SIGINT')).toEqual({ code: 0, signal: null });
          expect(await theirs.kill('SIGINT')).toEqual({ code: 0, signal: null });
          expect(mine.stderr()).toBe('');
          expect(await keysUnder(twins.a, `${name}/`)).toEqual([]);
        } finally {
          await killAll(mine, theirs);
        }
      },
    );
  }

  it('-w table: etcdctl exit 4 after locking; ectl too, but releases first', async () => {
    const res = await runEctl([...ep(twins.a), 'lock', 'tbl', '-w', 'table']);
    expect(res.code).toBe(4);
    expect(res.stderr).toBe('Error: table not supported as output format\n');
    expect(await keysUnder(twins.a, 'tbl/')).toEqual([]);
  });

  it('SIGTERM releases at once: the next waiter acquires in under 1 s', async () => {
    const holder = await hold('ectl', twins.a, ['handover']);
    const waiter = spawnEctl([...ep(twins.a), 'lock', 'handover', 'echo', 'got']);
    try {
      await eventually(
        async () => (await keysUnder(twins.a, 'handover/')).length === 2,
        5000,
        'queued',
      );
      const holderExit = holder.kill('SIGTERM'); // timed from the signal
      expect(await msUntil(waiter, /^got\n$/, 3000)).toBeLessThan(1000);
      await holderExit;
      expect(await waiter.exited).toEqual({ code: 0, signal: null });
    } finally {
      await killAll(holder, waiter);
    }
  });

  it('SIGINT while waiting leaves the queue at once (exit 1, context canceled), the holder keeps the lock', async () => {
    const holder = await hold('ectl', twins.a, ['queue']);
    const waiter = spawnEctl([...ep(twins.a), 'lock', 'queue']);
    try {
      await eventually(
        async () => (await keysUnder(twins.a, 'queue/')).length === 2,
        5000,
        'queued',
      );
      // etcdctl: a wait cut short by a signal is `Error: context canceled`, exit 1.
      expect(await waiter.kill('SIGINT')).toEqual({ code: 1, signal: null });
      expect(waiter.stderr()).toContain('Error: context canceled\n');
      expect((await keysUnder(twins.a, 'queue/')).length).toBe(1);
      expectRunning(holder);
    } finally {
      await killAll(holder, waiter);
    }
  });

  it('losing the session (lease revoked) prints "session expired", exit 1', async () => {
    const holder = await hold('ectl', twins.a, ['--ttl', '2', 'lost']);
    try {
      const [k] = await keysUnder(twins.a, 'lost/');
      await sleep(300); // a renewal or two first
      await revokeLease(twins.a, k!.lease);
      expect(await holder.exited).toEqual({ code: 1, signal: null });
      expect(holder.stderr()).toBe('Error: session expired\n');
    } finally {
      await killAll(holder);
    }
  });
});

describe('lock NAME COMMAND', () => {
  const show = 'echo "$ETCD_LOCK_KEY $ETCD_LOCK_REV"';

  it.skipIf(!HAS_ETCDCTL)(
    'runs it with ETCD_LOCK_KEY and ETCD_LOCK_REV as etcdctl does',
    async () => {
      const args = ['lock', 'env', '--', 'sh', '-c', show];
      const [mine, theirs] = await Promise.all([
        runEctl([...ep(twins.a), ...args]),
        runEtcdctl([...ep(twins.b), ...args]),
      ]);
      const re = /^env\/([0-9a-f]+) (\d+)\n$/;
      const [, la, ra] = re.exec(mine.stdout.toString())!;
      const [, lb] = re.exec(theirs.stdout.toString())!;
      expect(mine.code).toBe(theirs.code);
      const norm = (out: Buffer, lease: string) =>
        normaliseLease(out, lease).replace(/\d+\n$/, 'REV');
      expect(norm(mine.stdout, la!)).toBe(norm(theirs.stdout, lb!));
      // The revision that created the key: the release (a delete) came right after it.
      expect(BigInt(ra!) + 1n).toBe(await revision(twins.a));
    },
  );

  it('the lock’s own values win over inherited ones (etcdctl passes the inherited ones)', async () => {
    const res = await runEctl([...ep(twins.a), 'lock', 'nested', '--', 'sh', '-c', show], {
      env: { ETCD_LOCK_KEY: 'outer/1', ETCD_LOCK_REV: '1' },
    });
    expect(res.stdout.toString()).toMatch(/^nested\/[0-9a-f]+ \d+\n$/);
  });

  it.each([
    [['sh', '-c', 'exit 3'], 3, 'Error: exit status 3'],
    [['nosuchcmd-xyz'], 1, 'Error: exec: "nosuchcmd-xyz": executable file not found in $PATH'],
    [['./nosuch'], 1, 'Error: fork/exec ./nosuch: no such file or directory'],
    [['sh', '-c', 'kill -TERM $$'], 143, 'Error: signal: terminated'],
  ])('%j: exit %i, %s, lock released', async (cmd, code, error) => {
    const res = await runEctl([...ep(twins.a), 'lock', 'exit', '--', ...cmd]);
    expect([res.code, errorLine(res.stderr)]).toEqual([code, error]);
    expect(await keysUnder(twins.a, 'exit/')).toEqual([]);
    if (!HAS_ETCDCTL || code === 3 || code === 143) return; // etcdctl 3.4: always 1 (main: the child's)
    const ref = await runEtcdctl([...ep(twins.b), 'lock', 'exit', '--', ...cmd]);
    expect([ref.code, errorLine(ref.stderr)]).toEqual([code, error]);
  });

  it('no lock name: etcdctl’s error, exit 128', async () => {
    const res = await runEctl([...ep(twins.a), 'lock']);
    const msg = 'Error: lock takes a lock name argument and an optional command to execute\n';
    expect([res.code, res.stderr]).toEqual([128, msg]);
  });
});
