// vitest globalSetup of the whole run (unit and e2e): gives the run a directory where every test
// process records the etcd PIDs and temp dirs it makes, builds ectl once into it (build.ts), and at
// teardown kills whatever is left in it. Needs no etcd: the e2e project checks for it (etcd-setup.ts).
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCli } from './build.js';
import { sweepRunDir } from './pids.js';

const RUN_PREFIX = 'ectl-harness-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Run dirs whose vitest died before its teardown (other runs, still alive, are left alone). */
async function sweepAbandoned(): Promise<void> {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(RUN_PREFIX))) {
    const dir = join(tmpdir(), name);
    const ownerFile = join(dir, 'owner');
    if (!existsSync(ownerFile)) continue;
    const owner = Number(readFileSync(ownerFile, 'utf8'));
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) await sweepRunDir(dir);
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  await sweepAbandoned();
  const dir = mkdtempSync(join(tmpdir(), RUN_PREFIX));
  writeFileSync(join(dir, 'owner'), String(process.pid));
  // Set before vitest forks its workers, which copy process.env at that moment.
  process.env.ECTL_HARNESS_RUN_DIR = dir;
  try {
    buildCli(join(dir, 'cli'));
  } catch (err) {
    await sweepRunDir(dir);
    throw err;
  }
  return async () => {
    const { killed } = await sweepRunDir(dir);
    if (killed.length > 0) {
      process.stderr.write(`ectl harness: killed leftover etcd processes ${killed.join(', ')}\n`);
    }
  };
}
