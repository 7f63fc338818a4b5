// The round trip of a Node user, on a clean clone of the committed tree: `npm ci` with the
// committed lock file, `npm pack` (its prepack builds dist/), and the tarball installed on its own
// runs: `ectl version`, and a command that loads the gRPC client. Run by .ci/run after the suite
// (`npm run check:package`); it needs git, npm and the npm registry (or npm's cache).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'ectl-check-package-'));
const npmFlags = ['--no-audit', '--no-fund', '--prefer-offline'];

function step(what, cmd, args, cwd) {
  process.stderr.write(`check-package: ${what}: ${cmd} ${args.join(' ')}\n`);
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

function fail(message) {
  process.stderr.write(`check-package: FAILED: ${message}\n`);
  process.exitCode = 1;
}

try {
  const src = join(work, 'src');
  step('clean clone (committed files only)', 'git', ['clone', '--quiet', root, src]);
  step('install the locked tree', 'npm', ['ci', ...npmFlags], src);
  // The prepack's build writes to the same stdout: the report is the JSON array after it.
  const out = step(
    'pack (prepack builds dist/)',
    'npm',
    ['pack', '--json', '--pack-destination', work],
    src,
  );
  const packed = JSON.parse(out.slice(out.search(/^\[$/m)));
  const files = packed[0].files.map((f) => f.path);
  for (const f of ['bin/ectl', 'dist/boot.cjs', 'dist/ectl.cjs', 'ectl.1'])
    if (!files.includes(f)) fail(`the package lacks ${f}`);
  const caches = files.filter((f) => f.endsWith('.cache'));
  if (caches.length > 0) fail(`the package ships a code cache made here: ${caches.join(', ')}`);
  const app = join(work, 'app');
  const tarball = join(work, packed[0].filename);
  step('install the tarball alone', 'npm', ['install', ...npmFlags, '--prefix', app, tarball]);
  const ectl = join(app, 'node_modules', '.bin', 'ectl');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const v = spawnSync(ectl, ['version'], { encoding: 'utf8' });
  if (v.status !== 0 || !v.stdout.startsWith(`ectl version: ${version}\n`))
    fail(`ectl version: exit ${v.status}, ${JSON.stringify(v.stdout + v.stderr)}`);
  // Port 1 refuses at once: the client loads, connects, fails with etcdctl's error and exit code.
  const args = ['--endpoints', '127.0.0.1:1', '--dial-timeout', '300ms', 'get', 'k'];
  const get = spawnSync(ectl, args, { encoding: 'utf8' });
  if (get.status !== 1 || !get.stderr.startsWith('Error: context deadline exceeded'))
    fail(`ectl get: exit ${get.status}, ${JSON.stringify(get.stderr)}`);
  if (!process.exitCode) process.stderr.write('check-package: ok\n');
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  rmSync(work, { recursive: true, force: true });
}
