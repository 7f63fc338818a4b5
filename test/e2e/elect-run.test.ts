// `elect NAME PROPOSAL -- CMD`: a command that may run only while leader, with real processes. Each
// CMD appends timestamped lines to one shared file; exclusivity is checked from those lines (no two
// instances' intervals overlap) after the leader's ectl is SIGKILLed or frozen past its TTL, and the
// standby's take-over is timed. Also: the environment, exit statuses, signals passed on, a deleted
// key, and the etcdctl form left as it was.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl, spawnEctl, type Spawned } from '../harness/run.js';
import { eventually, keysUnder, killAll, sleep } from './concurrency-kit.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';

const etcd = useEtcd();
const ep = () => ['--endpoints', etcd.endpoint];

/** The job every instance runs: `start`, a `tick` every 100 ms, `end` on SIGTERM, with ms times. */
const JOB =
  'now() { date +%s%3N; }; ' +
  'trap \'echo "end $ID $(now) $$" >> "$F"; exit 0\' TERM; ' +
  'echo "start $ID $(now) $$" >> "$F"; ' +
  'while :; do echo "tick $ID $(now) $$" >> "$F"; sleep 0.1; done';

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}elect-run-`));
  trackDir(dir);
  return join(dir, 'log');
}

interface Line {
  what: string;
  id: string;
  ms: number;
  pid: number;
}

function lines(file: string): Line[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [what, id, ms, pid] = l.split(' ');
      return { what: what!, id: id!, ms: Number(ms), pid: Number(pid) };
    });
}

/** Each instance's [first, last] time; throws when two overlap (two CMDs ran at once). */
function intervals(file: string): Map<string, { from: number; to: number; pid: number }> {
  const out = new Map<string, { from: number; to: number; pid: number }>();
  for (const l of lines(file)) {
    const i = out.get(l.id);
    if (i) i.to = Math.max(i.to, l.ms);
    else out.set(l.id, { from: l.ms, to: l.ms, pid: l.pid });
  }
  const sorted = [...out.entries()].sort((a, b) => a[1].from - b[1].from);
  for (let k = 1; k < sorted.length; k++) {
    const [prevId, prev] = sorted[k - 1]!;
    const [id, cur] = sorted[k]!;
    expect(cur.from, `${id} started while ${prevId} still ran`).toBeGreaterThan(prev.to);
  }
  return out;
}

const started = (file: string, id: string) =>
  lines(file).find((l) => l.what === 'start' && l.id === id);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function candidate(name: string, id: string, file: string, extra: string[] = []): Spawned {
  const argv = [...ep(), 'elect', '--ttl', '3', '--grace', '2s', ...extra, name, id];
  return spawnEctl([...argv, '--', 'sh', '-c', JOB], { env: { ID: id, F: file } });
}

async function leaderOf(file: string, ids: string[]): Promise<string> {
  await eventually(() => ids.some((id) => started(file, id)), 10_000, 'a leader runs its job');
  return ids.find((id) => started(file, id))!;
}

describe('exactly one CMD runs at any moment', () => {
  it('the leader’s ectl SIGKILLed: its CMD is terminated, a standby takes over within TTL + 2 s', async () => {
    const file = tempFile();
    const ids = ['a', 'b', 'c'];
    const ps = new Map(ids.map((id) => [id, candidate('run/kill', id, file)]));
    try {
      const first = await leaderOf(file, ids);
      await eventually(
        async () => (await keysUnder(etcd.node, 'run/kill/')).length === 3,
        10_000,
        'queued',
      );
      await sleep(500);
      const killedAt = Date.now();
      await ps.get(first)!.kill('SIGKILL');
      const rest = ids.filter((id) => id !== first);
      const second = await leaderOf(file, rest);
      expect(started(file, second)!.ms - killedAt).toBeLessThan(3000 + 2000);
      // The guardian saw ectl die and terminated its CMD at once (its trap wrote `end`).
      const end = lines(file).find((l) => l.what === 'end' && l.id === first);
      expect(end, 'the killed leader’s CMD got SIGTERM').toBeDefined();
      expect(end!.ms - killedAt).toBeLessThan(1500);
      await sleep(1000);
      const spans = intervals(file);
      expect(alive(spans.get(first)!.pid)).toBe(false);
      expect([...spans.keys()].sort()).toEqual([first, second].sort());
    } finally {
      await killAll(...ps.values());
    }
  }, 40_000);

  it('the leader’s ectl frozen (SIGSTOP) past its TTL: its CMD is stopped before a standby starts; resumed, it exits 1', async () => {
    const file = tempFile();
    const ids = ['p', 'q'];
    const ps = new Map(ids.map((id) => [id, candidate('run/stop', id, file)]));
    let frozen: Spawned | undefined;
    try {
      const first = await leaderOf(file, ids);
      await eventually(
        async () => (await keysUnder(etcd.node, 'run/stop/')).length === 2,
        10_000,
        'queued',
      );
      await sleep(500);
      frozen = ps.get(first)!;
      const stoppedAt = Date.now();
      process.kill(frozen.child.pid!, 'SIGSTOP');
      const second = ids.find((id) => id !== first)!;
      try {
        await eventually(() => started(file, second) !== undefined, 10_000, 'the standby runs');
        expect(started(file, second)!.ms - stoppedAt).toBeLessThan(3000 + 2000);
        // Its guardian ended the frozen leader's CMD before the lease could expire.
        const end = lines(file).find((l) => l.what === 'end' && l.id === first);
        expect(end, 'the frozen leader’s CMD got SIGTERM').toBeDefined();
        expect(end!.ms).toBeLessThan(started(file, second)!.ms);
        await sleep(1000);
      } finally {
        process.kill(frozen.child.pid!, 'SIGCONT');
      }
      expect(await frozen.exited).toEqual({ code: 1, signal: null });
      expect(frozen.stderr()).toBe('Error: leadership lost\n');
      const spans = intervals(file);
      expect(alive(spans.get(first)!.pid)).toBe(false);
      // The new leader is untouched by the old one waking up.
      expect(ps.get(second)!.child.exitCode).toBeNull();
      const ticks = lines(file).filter((l) => l.id === second).length;
      await sleep(600);
      expect(lines(file).filter((l) => l.id === second).length).toBeGreaterThan(ticks);
    } finally {
      if (frozen?.child.exitCode === null) process.kill(frozen.child.pid!, 'SIGCONT');
      await killAll(...ps.values());
    }
  }, 40_000);
});

describe('the cluster unreachable past the TTL (etcd frozen)', () => {
  it('the leader’s CMD is terminated and ectl exits 1; the standby exits 1 too; nothing hangs', async () => {
    const file = tempFile();
    const quick = ['--dial-timeout', '1s', '--command-timeout', '1s'];
    const a = candidate('run/out', 'x', file, quick);
    let b: Spawned | undefined;
    try {
      await eventually(() => started(file, 'x') !== undefined, 10_000, 'the leader runs');
      b = candidate('run/out', 'y', file, quick);
      await eventually(
        async () => (await keysUnder(etcd.node, 'run/out/')).length === 2,
        10_000,
        'queued',
      );
      const stoppedAt = Date.now();
      process.kill(etcd.node.pid, 'SIGSTOP');
      try {
        expect(await a.exited).toEqual({ code: 1, signal: null });
        expect(await b.exited).toEqual({ code: 1, signal: null });
      } finally {
        process.kill(etcd.node.pid, 'SIGCONT');
      }
      expect(Date.now() - stoppedAt).toBeLessThan(15_000);
      expect(a.stderr()).toBe('Error: leadership lost\n');
      expect(b.stderr()).toBe('Error: elect: session expired\n');
      const end = lines(file).find((l) => l.what === 'end' && l.id === 'x');
      expect(end, 'the leader’s CMD got SIGTERM').toBeDefined();
      expect(end!.ms - stoppedAt).toBeLessThan(3000); // before its lease could expire
      expect(started(file, 'y')).toBeUndefined();
    } finally {
      process.kill(etcd.node.pid, 'SIGCONT');
      await killAll(a, b);
    }
  }, 40_000);
});

describe('the command’s life', () => {
  it('gets ETCD_ELECT_NAME/KEY/REV; its exit status is ectl’s and it resigns at once', async () => {
    const script = 'echo "$ETCD_ELECT_NAME $ETCD_ELECT_KEY $ETCD_ELECT_REV"; exit 3';
    const res = await runEctl([...ep(), 'elect', 'env/el', 'me', '--', 'sh', '-c', script]);
    const m = /^env\/el (env\/el\/([0-9a-f]+)) (\d+)\n$/.exec(res.stdout.toString());
    expect(m, res.stdout.toString()).not.toBeNull();
    expect(res.code).toBe(3);
    expect(res.stderr).toBe('');
    expect(await keysUnder(etcd.node, 'env/el/')).toEqual([]);
    // Killed by a signal: 128 + n, as shells report it.
    const killed = await runEctl([
      ...ep(),
      'elect',
      'env/el',
      'me',
      '--',
      'sh',
      '-c',
      'kill -KILL $$',
    ]);
    expect(killed.code).toBe(137);
    expect(killed.stderr).toBe('');
  });

  it('a standby starts as soon as the leader’s CMD ends', async () => {
    const file = tempFile();
    const a = spawnEctl([...ep(), 'elect', 'quick/el', 'a', '--', 'sh', '-c', 'echo up; sleep 2']);
    let b: Spawned | undefined;
    try {
      await a.waitFor(/^up\n$/);
      b = spawnEctl([...ep(), 'elect', 'quick/el', 'b', '--', 'sh', '-c', 'date +%s%3N > "$F"'], {
        env: { F: file },
      });
      await eventually(
        async () => (await keysUnder(etcd.node, 'quick/el/')).length === 2,
        10_000,
        'queued',
      );
      expect(await a.exited).toEqual({ code: 0, signal: null });
      const aEnded = Date.now();
      expect(await b.exited).toEqual({ code: 0, signal: null });
      expect(Number(readFileSync(file, 'utf8')) - aEnded).toBeLessThan(1500);
    } finally {
      await killAll(a, b);
    }
  });

  it('a standby stopped by SIGINT leaves the queue and exits 0; the leader runs on', async () => {
    const leader = spawnEctl([
      ...ep(),
      'elect',
      'sb/el',
      'a',
      '--',
      'sh',
      '-c',
      'echo up; exec sleep 30',
    ]);
    let standby: Spawned | undefined;
    try {
      await leader.waitFor(/^up\n$/);
      standby = spawnEctl([...ep(), 'elect', 'sb/el', 'b', '--', 'echo', 'ran']);
      await eventually(
        async () => (await keysUnder(etcd.node, 'sb/el/')).length === 2,
        10_000,
        'queued',
      );
      expect(await standby.kill('SIGINT')).toEqual({ code: 0, signal: null });
      expect(standby.stdout()).toBe('');
      expect(standby.stderr()).toBe('');
      expect(await keysUnder(etcd.node, 'sb/el/')).toHaveLength(1);
      expect(leader.child.exitCode).toBeNull();
    } finally {
      await killAll(leader, standby);
    }
  });

  it('SIGTERM to ectl is passed on; ectl resigns and exits with the CMD’s status', async () => {
    const script = 'trap "echo got TERM; exit 5" TERM; echo up; while :; do sleep 0.1; done';
    const p = spawnEctl([...ep(), 'elect', 'sig/el', 'me', '--', 'sh', '-c', script]);
    try {
      await p.waitFor(/^up\n$/);
      expect(await p.kill('SIGTERM')).toEqual({ code: 5, signal: null });
      expect(p.stdout()).toBe('up\ngot TERM\n');
      expect(await keysUnder(etcd.node, 'sig/el/')).toEqual([]);
    } finally {
      await killAll(p);
    }
  });

  it('the leader key deleted: CMD gets SIGTERM (SIGKILL after --grace), exit 1 "leadership lost"', async () => {
    const script = 'trap "" TERM; echo up; while :; do sleep 0.1; done'; // ignores SIGTERM
    const p = spawnEctl([
      ...ep(),
      'elect',
      '--grace',
      '1s',
      'del/el',
      'me',
      '--',
      'sh',
      '-c',
      script,
    ]);
    try {
      await p.waitFor(/^up\n$/);
      const t0 = Date.now();
      await runEctl([...ep(), 'del', '--prefix', 'del/el/']);
      expect(await p.exited).toEqual({ code: 1, signal: null });
      const ms = Date.now() - t0;
      expect(ms).toBeGreaterThan(900);
      expect(ms).toBeLessThan(4000);
      expect(p.stderr()).toBe('Error: leadership lost\n');
    } finally {
      await killAll(p);
    }
  });

  it('a command that cannot start: os/exec’s error, exit 1, resigned', async () => {
    const res = await runEctl([...ep(), 'elect', 'nf/el', 'me', '--', 'no-such-cmd-xyz']);
    expect(res.stderr).toBe('Error: exec: "no-such-cmd-xyz": executable file not found in $PATH\n');
    expect(res.code).toBe(1);
    expect(await keysUnder(etcd.node, 'nf/el/')).toEqual([]);
  });
});

describe('without `NAME PROPOSAL -- CMD` elect is etcdctl’s', () => {
  it
    .skipIf(!hasEtcdctl())
    .each([[['e', 'p', 'x']], [['--', 'e', 'p', 'x']], [['e', '--', 'p', 'x']]])(
    '%j: the same error and exit code as etcdctl',
    async (args) => {
      const [mine, theirs] = await Promise.all([
        runEctl([...ep(), 'elect', ...args]),
        runEtcdctl([...ep(), 'elect', ...args]),
      ]);
      expect(mine.stderr).toBe(theirs.stderr);
      expect(mine.code).toBe(theirs.code);
      expect(mine.stdout.toString()).toBe(theirs.stdout.toString());
    },
  );

  it('-l with a command is refused', async () => {
    const res = await runEctl([...ep(), 'elect', '-l', 'e', 'p', '--', 'true']);
    expect(res.stderr).toBe('Error: a command to run is not allowed with -l\n');
    expect(res.code).toBe(128);
  });
});
