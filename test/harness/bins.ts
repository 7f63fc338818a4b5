// Where the etcd binaries are, and the clean environment every subprocess of the tests starts from.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Finds an executable on PATH without spawning `which`, so the check costs microseconds. */
export function which(name: string): string | undefined {
  if (isAbsolute(name) || name.includes('/')) return isExecutable(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The etcd server binary: $ECTL_TEST_ETCD, else `etcd` on PATH. */
export function etcdBin(): string | undefined {
  return which(process.env.ECTL_TEST_ETCD || 'etcd');
}

/** The reference etcdctl: $ECTL_TEST_ETCDCTL, else `etcdctl` on PATH; optional. */
export function etcdctlBin(): string | undefined {
  return which(process.env.ECTL_TEST_ETCDCTL || 'etcdctl');
}

export const MISSING_ETCD =
  'etcd was not found (set ECTL_TEST_ETCD=/path/to/etcd, or put it on PATH). ' +
  'Run `node scripts/ensure-deps.mjs` as root or install etcd-server ' +
  '(Debian/Ubuntu: sudo apt-get install etcd-server etcd-client).';

// Variables that would silently change what a CLI under test does: etcdctl reads every ETCDCTL_*
// as a flag, and NODE_OPTIONS / NODE_EXTRA_CA_CERTS change how node itself starts or trusts TLS.
const DROPPED = new Set(['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS']);

/** process.env minus ETCDCTL_*, NODE_OPTIONS and NODE_EXTRA_CA_CERTS, plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || DROPPED.has(key) || key.startsWith('ETCDCTL_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/** The environment for an etcd server: etcd reads every ETCD_* variable as a flag, so none leak in. */
export function serverEnv(): Record<string, string> {
  const env = cleanEnv();
  for (const key of Object.keys(env)) if (key.startsWith('ETCD_')) delete env[key];
  return env;
}
