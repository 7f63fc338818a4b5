// The CLI under test, built once per run into a private directory by the global setup: an
// `npm run build` started meanwhile (engineers share the tree) empties dist/ and writes it again,
// which must never make a test run a missing or half-written bundle.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Set by the global setup before vitest forks its workers, which copy process.env then. */
const ENV = 'ECTL_HARNESS_CLI';

/**
 * Builds the CLI into `dir` as it is installed: bin/ectl, the shim that loads ../dist/boot.cjs,
 * and dist/ with the bundle and a warm V8 code cache (scripts/build.mjs). Returns bin/ectl.
 */
export function buildCli(dir: string): string {
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build.mjs'), join(dir, 'dist')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr || String(err);
    // The bundle needs src/etcd/proto/gen/, which only `npm run build` (or `npm run gen`) writes.
    throw new Error(`building ectl for the tests failed (has \`npm run gen\` run?):\n${stderr}`);
  }
  const bin = join(dir, 'bin', 'ectl');
  mkdirSync(dirname(bin), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'bin', 'ectl'), bin);
  chmodSync(bin, 0o755);
  process.env[ENV] = bin;
  return bin;
}

/** bin/ectl of this run's private build. */
export function builtEctl(): string {
  const bin = process.env[ENV];
  if (!bin)
    throw new Error(`${ENV} is not set: run the tests with vitest, whose global setup builds ectl`);
  return bin;
}

/** dist/ of this run's private build (boot.cjs, ectl.cjs, the code caches). */
export function builtDist(): string {
  return join(dirname(dirname(builtEctl())), 'dist');
}
