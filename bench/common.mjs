// What every bench shares: where ectl and etcdctl are, the environment both run in, and one run
// measured by GNU time. The environment has no ETCDCTL_* but ETCDCTL_API=3, and neither
// NODE_OPTIONS nor NODE_EXTRA_CA_CERTS (it adds ~30 ms to any Node start and is no part of ectl).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ectl = join(root, 'bin', 'ectl');
export const etcdctl = process.env.ECTL_TEST_ETCDCTL || 'etcdctl';

export const env = { ...process.env, ETCDCTL_API: '3' };
delete env.NODE_EXTRA_CA_CERTS;
delete env.NODE_OPTIONS;
for (const k of Object.keys(env))
  if (k.startsWith('ETCDCTL_') && k !== 'ETCDCTL_API') delete env[k];

/** Wall ms, peak RSS KiB and stdout of one run, via GNU time; a failed run throws. */
export function timed(argv) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...argv], { env, maxBuffer: 1 << 30 });
  const [secs, kib] = r.stderr.toString().trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return { ms: secs * 1000, rssKiB: kib, stdout: r.stdout };
}

/** The middle value. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
