// boot.cjs answers `ectl version` and the root help from text the build captured, without loading
// the bundle. Each answer must be the bundle's own bytes and exit code, and every other run (other
// words, an ETCDCTL_* or ECTL_* variable, a terminal) must reach the bundle. A copy of dist/ whose
// bundle throws when loaded tells the two paths apart; the full path is dist/'s boot with its
// stored answers taken out.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  constants,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtDist } from '../harness/build.js';
import { which } from '../harness/bins.js';

const dist = builtDist();
const boot = join(dist, 'boot.cjs');

/** The full path: dist/ with boot's stored answers taken out. */
const fullDir = mkdtempSync(join(tmpdir(), 'ectl-full-path-'));
copyFileSync(join(dist, 'ectl.cjs'), join(fullDir, 'ectl.cjs'));
const bootText = readFileSync(boot, 'utf8');
const answersLine = /^const answers = .*;$/m;
expect(bootText).toMatch(answersLine);
writeFileSync(join(fullDir, 'boot.cjs'), bootText.replace(answersLine, 'const answers = null;'));
const bundle = join(fullDir, 'boot.cjs');
afterAll(() => rmSync(fullDir, { recursive: true, force: true }));

const broken = mkdtempSync(join(tmpdir(), 'ectl-fast-path-'));
copyFileSync(boot, join(broken, 'boot.cjs'));
writeFileSync(join(broken, 'ectl.cjs'), "throw new Error('the bundle was loaded');\n");
const brokenBoot = join(broken, 'boot.cjs');
afterAll(() => rmSync(broken, { recursive: true, force: true }));

// A config file that does not parse: `version` reads it (and ignores it), help never does.
const config = join(broken, 'xdg');
mkdirSync(join(config, 'ectl'), { recursive: true });
writeFileSync(join(config, 'ectl', 'config.yaml'), 'contexts: [\n');

/** The environment of a user without ETCDCTL_* or ECTL_* (vitest's own ECTL_HARNESS_CLI left out). */
const clean: Record<string, string> = { PATH: process.env.PATH ?? '' };
if (process.env.HOME) clean.HOME = process.env.HOME;

function run(file: string, args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [file, ...args], {
    env: { ...clean, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { status: r.status, stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString() };
}

const fastArgv: string[][] = [['version'], ['--help'], ['-h'], ['help'], []];
// Variables the fast path leaves alone: the bundle's answer does not depend on them.
const harmless: Record<string, string>[] = [
  {},
  { ETCDCTL_API: '3' },
  { NO_COLOR: '1' },
  { FORCE_COLOR: '1' },
  { XDG_CONFIG_HOME: config },
];

describe('the fast path', () => {
  it.each(fastArgv.map((a) => [a.join(' ') || '(no words)', a] as const))(
    '`ectl %s` prints the bundle’s bytes and exit code without loading it',
    (_, args) => {
      const full = run(bundle, args);
      expect(full.status).toBe(0);
      expect(full.stdout).not.toBe('');
      for (const env of harmless) {
        expect(run(boot, args, env), JSON.stringify(env)).toEqual(full);
        expect(run(brokenBoot, args, env), JSON.stringify(env)).toEqual(full);
        expect(run(bundle, args, env), JSON.stringify(env)).toEqual(full);
      }
    },
  );

  it('ends quietly with 0 when the reader is gone (EPIPE), as the full path does', () => {
    // `true` has exited before ectl writes, so the write fails with EPIPE; fd 3 carries the code.
    const script = '{ { sleep 0.3; "$1" "$2" --help; echo "exit $?" >&3; } | true; } 3>&1';
    const shell = (file: string) =>
      spawnSync('sh', ['-c', script, 'sh', process.execPath, file], {
        env: clean,
        encoding: 'utf8',
      });
    for (const file of [bundle, brokenBoot]) {
      const r = shell(file);
      expect({ file, stdout: r.stdout, stderr: r.stderr }).toEqual({
        file,
        stdout: 'exit 0\n',
        stderr: '',
      });
    }
  });
  it.skipIf(!which('mkfifo'))(
    'waits for the reader of a full non-blocking pipe (EAGAIN), as the full path does',
    async () => {
      for (const [i, file] of [bundle, brokenBoot].entries()) {
        const fifo = join(broken, `fifo-${i}`);
        execFileSync('mkfifo', [fifo]);
        const r = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
        const w = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
        let filled = 0;
        try {
          for (;;) filled += writeSync(w, Buffer.alloc(4096, 'x'));
        } catch (err) {
          expect((err as NodeJS.ErrnoException).code).toBe('EAGAIN');
        }
        // Handed over as fd 3 and moved to 1 by the shell: libuv makes a child's fds 0-2 blocking.
        const child = spawn(
          'sh',
          ['-c', 'exec "$0" "$1" --help >&3 3>&-', process.execPath, file],
          {
            env: clean,
            stdio: ['ignore', 'ignore', 'pipe', w],
          },
        );
        closeSync(w);
        let stderr = '';
        child.stderr?.on('data', (d) => (stderr += d));
        const chunks: Buffer[] = [];
        const buf = Buffer.alloc(65536);
        const drain = () => {
          for (;;) {
            try {
              const n = readSync(r, buf);
              if (n === 0) return true;
              chunks.push(Buffer.from(buf.subarray(0, n)));
            } catch {
              return false; // EAGAIN: nothing more yet
            }
          }
        };
        const exited = new Promise<number | null>((res) => child.on('close', res));
        // Time to find the pipe full before anything is read.
        await new Promise((res) => setTimeout(res, 500));
        while (!drain()) await new Promise((res) => setTimeout(res, 20));
        closeSync(r);
        const out = Buffer.concat(chunks).subarray(filled).toString('latin1');
        expect({ file, code: await exited, stderr, out }).toEqual({
          file,
          code: 0,
          stderr: '',
          out: run(bundle, ['--help']).stdout,
        });
      }
    },
  );
});

describe('runs the fast path cannot answer go to the bundle', () => {
  const cases: [string[], Record<string, string>][] = [
    [['version'], { ETCDCTL_API: '2' }],
    [['version'], { ETCDCTL_API: '' }],
    [['--help'], { ETCDCTL_ENDPOINTS: '127.0.0.1:1' }],
    [['version'], { ETCDCTL_WHATEVER: 'x' }],
    [['version'], { ECTL_OUTPUT: 'json' }],
    [['help'], { ECTL_CONTEXT: 'none' }],
    [['version', '-w', 'json'], {}],
    [['version', 'extra'], {}],
    [['--help', 'get'], {}],
    [['help', 'get'], {}],
    [['get', '--help'], {}],
    [['options'], {}],
    [['-h', '-h'], {}],
    [[''], {}],
  ];
  const words = (args: string[]) => args.map((w) => w || "''").join(' ');
  it.each(cases.map(([a, env]) => [words(a), JSON.stringify(env), a, env] as const))(
    '`ectl %s` with %s',
    (_, __, args, env) => {
      const gone = run(brokenBoot, args, env);
      expect(gone.status).toBe(1);
      expect(gone.stderr).toContain('the bundle was loaded');
      expect(run(boot, args, env)).toEqual(run(bundle, args, env));
    },
  );

  it.skipIf(!which('script'))('`ectl version` on a terminal (help wraps to its width)', () => {
    const r = spawnSync(
      'script',
      ['-qec', `"${process.execPath}" "${brokenBoot}" version`, '/dev/null'],
      {
        env: clean,
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toContain('the bundle was loaded');
  });
});
