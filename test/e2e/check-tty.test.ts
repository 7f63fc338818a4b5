// check's progress bar on a real terminal (tmux, 80 columns): pb/v3's frame on stderr, redrawn in
// place and ended with a newline, the verdict below it; piped, stderr stays empty (check-perf and
// check-datascale test that). Skipped with a message when tmux is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, which } from '../harness/bins.js';
import { useEtcd } from '../harness/etcd.js';
import { trackPid } from '../harness/pids.js';
import { ECTL_BIN } from '../harness/run.js';

const SOCKET = `ectl-check-tty-${process.pid}`;
const missing = which('tmux') ? undefined : 'tmux is not installed';
let started = false;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8', env: cleanEnv() });
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Runs `env... ectl args` in a detached 80×20 terminal; resolves with the screen once it exited. */
async function onTerminal(name: string, env: string, args: string[]): Promise<string> {
  const cmd = `${env} ${[process.execPath, ECTL_BIN, ...args].map(q).join(' ')}`;
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    '80',
    '-y',
    '20',
    `${cmd}; echo "[exit $?]"; sleep 60`,
  );
  if (!started) {
    started = true;
    trackPid(Number(tmux('display-message', '-p', '-t', name, '#{pid}').trim()), false);
  }
  const deadline = Date.now() + 40_000;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-J', '-t', name);
    if (/\[exit \d+\]/.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`no exit; screen:\n${screen}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  if (started) spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { stdio: 'ignore' });
});

const etcd = useEtcd();

describe.skipIf(missing !== undefined)(`check on a terminal (${missing ?? 'tmux'})`, () => {
  it('perf draws the bar in place, full at the end, then the verdict', async () => {
    const screen = await onTerminal('perf', 'ECTL_CHECK_PERF_DURATION=2s', [
      ...['--endpoints', etcd.endpoint, 'check', 'perf'],
    ]);
    const lines = screen.split('\n');
    // 80 columns: "2 / 2 " + [ + 58 cells + ] + " 100.00% 1 p/s"; one line, redrawn with \r.
    expect(lines[0]).toBe(`2 / 2 [${'-'.repeat(58)}] 100.00% 1 p/s`);
    expect(lines[1]).toMatch(/^(PASS: Throughput is|FAIL: Throughput too low:) \d+ writes\/s$/);
    expect(lines[4]).toMatch(/^(PASS|FAIL)$/);
    expect(lines[5]).toBe(lines[4] === 'PASS' ? '[exit 0]' : '[exit 1]');
  }, 60_000);

  it('datascale counts the puts after its announcement', async () => {
    const screen = await onTerminal('ds', '', [
      ...['--endpoints', etcd.endpoint, 'check', 'datascale'],
    ]);
    const lines = screen.split('\n');
    expect(lines[0]).toMatch(/^Start data scale check for work load \[10000 key-value pairs/);
    expect(lines[1]).toMatch(/^10000 \/ 10000 \[-+\] 100\.00% \d+ p\/s$/);
    expect(lines[1]).toHaveLength(80);
    expect(lines[2]).toMatch(/^PASS: Approximate system memory used : \d+\.\d\d MB\.$/);
    expect(lines[3]).toBe('[exit 0]');
  }, 60_000);
});
