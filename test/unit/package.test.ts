// ectl installs the way Node users install it: `npm ci` accepts the committed lock file on a clean
// clone (npm's own check, offline, in a second), `npm pack` builds dist/ first (prepack) and ships
// the bundle without a code cache made on the packing machine, and boot.cjs replaces a cache that
// V8 rejects. scripts/check-package.mjs (run by .ci/run) does the whole round trip on a clone.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { which } from '../harness/bins.js';

const root = join(import.meta.dirname, '../..');
const HAS_NPM = which('npm') !== undefined;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ectl-package-'));
  dirs.push(dir);
  return dir;
}

/** `npm ci --dry-run` on package.json and `lock` alone: npm's sync check, no network, no cache. */
function npmCi(lock: string) {
  const dir = tempDir();
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  writeFileSync(join(dir, 'package-lock.json'), lock);
  const args = ['ci', '--dry-run', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'];
  return spawnSync('npm', [...args, '--cache', join(dir, 'cache')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the lock file', () => {
  const lock = readFileSync(join(root, 'package-lock.json'), 'utf8');

  it.skipIf(!HAS_NPM)('is accepted by `npm ci` on a clean clone', () => {
    const res = npmCi(lock);
    expect(res.stderr).not.toMatch(/npm error/);
    expect(res.status).toBe(0);
  });

  it.skipIf(!HAS_NPM)('control: without one platform package, `npm ci` refuses it', () => {
    const parsed = JSON.parse(lock) as { packages: Record<string, unknown> };
    const name = Object.keys(parsed.packages).find((k) => k.includes('@rollup/rollup-android'));
    expect(name).toBeDefined();
    delete parsed.packages[name!];
    const res = npmCi(JSON.stringify(parsed, null, 2));
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain(`Missing: ${name!.replace('node_modules/', '')}@`);
  });
});

describe('npm pack', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };

  it('builds dist/ first (prepack)', () => {
    expect(pkg.scripts.prepack).toBe('npm run build');
  });

  it.skipIf(!HAS_NPM)('ships the bundle and the boot loader, no code cache', () => {
    const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(0);
    const [report] = JSON.parse(res.stdout) as [{ files: { path: string }[] }];
    const files = report.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/ectl', 'dist/boot.cjs', 'dist/ectl.cjs']));
    expect(files).toEqual(expect.arrayContaining(['ectl.1', 'completions/ectl.bash']));
    expect(files.filter((f) => f.endsWith('.cache'))).toEqual([]);
  });
});

describe('the code cache', () => {
  /** A copy of dist/ without its caches. */
  function distCopy(): string {
    const dir = tempDir();
    for (const f of ['boot.cjs', 'ectl.cjs']) copyFileSync(join(root, 'dist', f), join(dir, f));
    return dir;
  }
  const version = (dir: string) =>
    spawnSync(process.execPath, [join(dir, 'boot.cjs'), 'version'], { encoding: 'utf8' });

  it('is written on the first run when none was shipped', () => {
    const dir = distCopy();
    expect(version(dir).stdout).toMatch(/^ectl version: /);
    expect(readFileSync(join(dir, 'ectl.lite.cache')).length).toBeGreaterThan(1000);
  });

  it('one V8 rejects (made elsewhere) is replaced, and the run works all the same', () => {
    const dir = distCopy();
    const foreign = Buffer.alloc(4096, 7);
    writeFileSync(join(dir, 'ectl.lite.cache'), foreign);
    const res = version(dir);
    expect([res.status, res.stderr]).toEqual([0, '']);
    expect(res.stdout).toMatch(/^ectl version: /);
    const rewritten = readFileSync(join(dir, 'ectl.lite.cache'));
    expect(rewritten.equals(foreign)).toBe(false);
    expect(version(dir).stdout).toMatch(/^ectl version: /);
  });
});
