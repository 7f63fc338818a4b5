// Every etcd a test process starts is written down twice: in memory, so an exiting worker kills
// its own servers, and in the run directory, so global teardown can kill what a crashed worker left.
import { appendFileSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';

/** Data/cert directories are made with this prefix; teardown only kills etcds whose flags name one. */
export const TEMP_PREFIX = 'ectl-etcd-';

const livePids = new Set<number>();
const liveDirs = new Set<string>();
let handlersInstalled = false;

function runDir(): string | undefined {
  const dir = process.env.ECTL_HARNESS_RUN_DIR;
  return dir && existsSync(dir) ? dir : undefined;
}

/** Records a child process (etcd or a long-running CLI) to be killed if this process exits. */
export function trackPid(pid: number, persist: boolean): void {
  installHandlers();
  livePids.add(pid);
  const dir = runDir();
  if (persist && dir) appendFileSync(join(dir, `pids-${process.pid}.txt`), `${pid}\n`);
}

export function untrackPid(pid: number): void {
  livePids.delete(pid);
}

/** Records a temp directory to be removed when this process exits (or at global teardown). */
export function trackDir(path: string): void {
  installHandlers();
  liveDirs.add(path);
  const dir = runDir();
  if (dir) appendFileSync(join(dir, `dirs-${process.pid}.txt`), `${path}\n`);
}

export function untrackDir(path: string): void {
  liveDirs.delete(path);
}

/** Synchronous, so it can run inside process.on('exit'). */
export function killTrackedSync(): void {
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  livePids.clear();
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  liveDirs.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killTrackedSync);
  // tinypool ends a fork with SIGTERM, which skips 'exit' handlers: clean up, then die of it anyway.
  process.once('SIGTERM', () => {
    killTrackedSync();
    process.kill(process.pid, 'SIGTERM');
  });
  // A fork whose vitest died is orphaned and may spin on: its servers must not outlive the run.
  if (process.channel) process.once('disconnect', killTrackedSync);
}

/** The command line of a running process, or undefined when there is none. */
export function cmdline(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw ? raw.split('\0').filter(Boolean) : undefined;
  } catch {
    if (existsSync('/proc/self')) return undefined;
  }
  try {
    // No /proc (macOS): ask ps; the split is rough but enough to recognise our own etcd.
    const out = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    return out.trim() ? out.trim().split(/\s+/) : undefined;
  } catch {
    return undefined;
  }
}

/** True only for an etcd whose flags name one of the harness's temp dirs (PIDs get reused). */
export function isHarnessEtcd(pid: number): boolean {
  const argv = cmdline(pid);
  if (!argv?.[0]) return false;
  const bin = basename(argv[0]);
  const ours = bin === 'etcd' || argv[0] === process.env.ECTL_TEST_ETCD;
  return ours && argv.some((a) => a.includes(TEMP_PREFIX));
}

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** Kills every recorded etcd still alive and removes every recorded directory, then the run dir. */
export async function sweepRunDir(dir: string): Promise<{ killed: number[] }> {
  const killed: number[] = [];
  const files = existsSync(dir) ? readdirSync(dir) : [];
  for (const f of files.filter((name) => name.startsWith('pids-'))) {
    for (const pid of new Set(readLines(join(dir, f)).map(Number))) {
      if (!Number.isInteger(pid) || pid <= 0 || !isHarnessEtcd(pid)) continue;
      try {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      } catch {
        // exited between the check and the kill
      }
    }
  }
  // Wait for the kernel to finish them so their data dirs are no longer written to.
  const deadline = Date.now() + 3000;
  while (killed.some((pid) => cmdline(pid)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const f of files.filter((name) => name.startsWith('dirs-'))) {
    for (const d of readLines(join(dir, f)))
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
  }
  rmSync(dir, { recursive: true, force: true });
  return { killed };
}
