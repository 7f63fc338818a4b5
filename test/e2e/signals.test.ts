// How ectl ends on SIGINT and SIGTERM, seen from a real parent process. etcdctl installs signal
// handlers only in lock, elect and check; every other command dies by the signal (Go's default),
// which a parent's wait() sees as "killed by SIGINT", and which makes bash stop a script whose
// foreground child died so. ectl does the same, promptly even while it reads stdin or a password
// (lock and elect catch signals, as etcdctl: lock.test.ts, elect.test.ts). In a real terminal, one
// Ctrl-C stops a bash loop around `ectl watch`, as it does around etcdctl.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { b64, gateway, useEtcd } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { ECTL_BIN, hasEtcdctl, spawnEctl, spawnEtcdctl, type Spawned } from '../harness/run.js';
import { etcdctlBin } from '../harness/bins.js';
import { q, useTmux } from '../harness/tmux.js';
import { hangingServer } from './util.js';

const etcd = useEtcd();
const terminals = useTmux('signals');
const HAS_ETCDCTL = hasEtcdctl();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const put = (key: string, value: string) =>
  gateway(etcd.node, '/v3/kv/put', { key: b64(key), value: b64(value) });

/** Puts `key` every 100 ms until the watcher printed an event: then its watch is established. */
async function watching(p: Spawned, key: string): Promise<void> {
  const putter = setInterval(() => void put(key, 'v').catch(() => {}), 100);
  try {
    await p.waitFor(/^PUT\n/m);
  } finally {
    clearInterval(putter);
  }
}

interface Case {
  name: string;
  args: () => Promise<string[]>;
  /** Resolves once the command is doing what the signal interrupts. */
  ready: (p: Spawned) => Promise<unknown>;
}

const settle = () => sleep(400);

const cases: Case[] = [
  {
    name: 'watch (stream open)',
    args: async () => ['--endpoints', etcd.endpoint, 'watch', 'sig/w'],
    ready: (p) => watching(p, 'sig/w'),
  },
  {
    name: 'watch -i (reading stdin)',
    args: async () => ['--endpoints', etcd.endpoint, 'watch', '-i'],
    ready: settle,
  },
  {
    name: 'lease keep-alive (renewing)',
    args: async () => {
      const { ID } = await gateway<{ ID: string }>(etcd.node, '/v3/lease/grant', { TTL: '60' });
      return ['--endpoints', etcd.endpoint, 'lease', 'keep-alive', BigInt(ID).toString(16)];
    },
    ready: (p) => p.waitFor(/keepalived with TTL/),
  },
  {
    name: 'get (server never answers)',
    args: async () => {
      const hang = await hangingServer();
      return ['--endpoints', hang.endpoint, '--command-timeout', '30s', 'get', 'k'];
    },
    ready: settle,
  },
  {
    name: 'put (value from stdin, none comes)',
    args: async () => ['--endpoints', etcd.endpoint, 'put', 'sig/p'],
    ready: settle,
  },
  {
    name: 'txn (reading stdin)',
    args: async () => ['--endpoints', etcd.endpoint, 'txn'],
    ready: settle,
  },
  {
    name: 'txn -i (prompting, not on a terminal)',
    args: async () => ['--endpoints', etcd.endpoint, 'txn', '-i'],
    ready: (p) => p.waitFor(/^compares:\n/),
  },
];

async function interrupt(p: Spawned, c: Case, signal: NodeJS.Signals) {
  await c.ready(p);
  const sent = performance.now();
  const end = await p.kill(signal);
  return { ...end, ms: performance.now() - sent };
}

describe('a command without a handler of its own dies by the signal', () => {
  for (const c of cases) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      it(`${c.name}: ${signal}`, async () => {
        const args = await c.args();
        const opts = { keepStdinOpen: true };
        const [mine, theirs] = await Promise.all([
          interrupt(spawnEctl(args, opts), c, signal),
          HAS_ETCDCTL ? interrupt(spawnEtcdctl(args, opts), c, signal) : undefined,
        ]);
        expect({ code: mine.code, signal: mine.signal }).toEqual({ code: null, signal });
        // Clean-up gets 500 ms; a read that cannot be interrupted does not hold the process.
        expect(mine.ms).toBeLessThan(1500);
        if (theirs)
          expect({ code: theirs.code, signal: theirs.signal }).toEqual({ code: null, signal });
      });
    }
  }

  it('a password prompt read from a pipe does not hold the process either', async () => {
    const args = ['--endpoints', etcd.endpoint, '--user', 'root', 'get', 'k'];
    const p = spawnEctl(args, { keepStdinOpen: true });
    await sleep(400);
    const sent = performance.now();
    expect(await p.kill('SIGINT')).toEqual({ code: null, signal: 'SIGINT' });
    expect(performance.now() - sent).toBeLessThan(1500);
  });
});

/** A bash script running `tool watch` in an endless loop, printing each round. */
function loopScript(tool: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}loop-`));
  trackDir(dir);
  const file = join(dir, 'loop.sh');
  const cmd = [...tool, '--endpoints', etcd.endpoint, 'watch', 'sig/loop'].map(q).join(' ');
  writeFileSync(
    file,
    `n=0\nwhile :; do\n  n=$((n+1)); echo "[round $n]"\n  ${cmd}\n  echo "[after round $n: $?]"\ndone\n`,
  );
  return file;
}

describe('in a terminal', () => {
  const tools: [string, string[] | undefined][] = [
    ['ectl', [process.execPath, ECTL_BIN]],
    ['etcdctl', HAS_ETCDCTL ? [etcdctlBin()!] : undefined],
  ];
  for (const [name, tool] of tools) {
    it(`one Ctrl-C stops a bash loop around \`${name} watch\``, async (t) => {
      if (terminals.skipReason() || !tool) return t.skip();
      const s = terminals.run(`loop-${name}`, ['bash', loopScript(tool)]);
      await s.waitFor(/\[round 1\]/);
      const putter = setInterval(() => void put('sig/loop', 'v').catch(() => {}), 100);
      try {
        await s.waitFor(/^PUT$/m);
      } finally {
        clearInterval(putter);
      }
      s.keys('C-c');
      // bash ends by SIGINT itself: it only goes on when the child merely exited 130.
      expect(await s.waitForEnd()).toEqual({ signal: 'SIGINT' });
      expect(s.screen()).not.toMatch(/\[after round 1|\[round 2\]/);
    });
  }
});
