// Installs what `npm test` and `npm run demo` need and is missing: node_modules, then etcd (the
// server the tests run against), etcdctl (optional: the reference for comparison tests) and
// bash, zsh and fish (optional: the shell-completion tests).
// Only checks files when everything is present, so it costs milliseconds on every run.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function log(msg) {
  process.stderr.write(`ensure-deps: ${msg}\n`);
}

function run(cmd, args, env = process.env) {
  log(`running: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env,
    shell: process.platform === 'win32',
  });
  if (res.status !== 0) {
    log(`${cmd} ${args.join(' ')} failed (${res.error?.message ?? `exit ${res.status}`})`);
    process.exit(1);
  }
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Like `which`, without spawning anything. */
function which(name) {
  if (isAbsolute(name) || name.includes('/')) return executable(name) ? name : undefined;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function ensureNodeModules() {
  // A clean clone installs exactly the locked tree, as CI and most users do (test/unit/package
  // .test.ts checks that `npm ci` accepts the committed lock file).
  if (!existsSync(join(root, 'node_modules'))) {
    log('node_modules is missing');
    run('npm', ['ci', '--no-audit', '--no-fund']);
    return;
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
  const missing = names.filter((n) => !existsSync(join(root, 'node_modules', n, 'package.json')));
  if (missing.length === 0) return;
  log(`node_modules lacks ${missing.join(', ')}`);
  // Only what is missing, at the locked versions: `npm ci` would delete node_modules first (which
  // may be shared, e.g. a symlink into another work tree).
  run('npm', ['install', '--no-audit', '--no-fund']);
}

const etcdName = () => process.env.ECTL_TEST_ETCD || 'etcd';
const etcdctlName = () => process.env.ECTL_TEST_ETCDCTL || 'etcdctl';
const canApt = () => process.getuid?.() === 0 && which('apt-get') !== undefined;

let aptUpdated = false;

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) run('apt-get', ['update'], env);
  aptUpdated = true;
  run('apt-get', ['install', '-y', ...packages], env);
}

const HOW_TO_GET_ETCD = `etcd was not found (looked for "${etcdName()}").
The tests run against a real etcd server. Any of these works:
  - Debian/Ubuntu: sudo apt-get install etcd-server etcd-client
    (or run \`node scripts/ensure-deps.mjs\` as root, which does that)
  - download an etcd release tarball from https://github.com/etcd-io/etcd/releases
    and put its etcd and etcdctl on PATH
  - set ECTL_TEST_ETCD=/path/to/etcd (and ECTL_TEST_ETCDCTL=/path/to/etcdctl)`;

function ensureEtcd() {
  const haveEtcd = which(etcdName()) !== undefined;
  const haveEtcdctl = which(etcdctlName()) !== undefined;
  if (haveEtcd && haveEtcdctl) return;
  // An explicit ECTL_TEST_ETCD(CTL) that does not exist is a mistake to report, not to paper over.
  const wanted = [];
  if (!haveEtcd && !process.env.ECTL_TEST_ETCD) wanted.push('etcd-server');
  if (!haveEtcdctl && !process.env.ECTL_TEST_ETCDCTL) wanted.push('etcd-client');
  if (wanted.length > 0 && canApt()) aptInstall(wanted);
  if (which(etcdName()) === undefined) {
    process.stderr.write(`${HOW_TO_GET_ETCD}\n`);
    process.exit(1);
  }
  if (which(etcdctlName()) === undefined) {
    log(
      'warning: etcdctl not found; comparison tests against the reference client will be ' +
        'skipped (install etcd-client, or set ECTL_TEST_ETCDCTL=/path/to/etcdctl)',
    );
  }
}

/** bash, zsh and fish run the shell-completion tests; without them those tests are skipped. */
function ensureShells() {
  const missing = ['bash', 'zsh', 'fish'].filter((name) => which(name) === undefined);
  if (missing.length === 0) return;
  if (canApt()) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    log(`running: apt-get install -y ${missing.join(' ')}`);
    if (!aptUpdated) spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    aptUpdated = true;
    spawnSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', env });
  }
  const still = missing.filter((name) => which(name) === undefined);
  if (still.length > 0) {
    log(
      `warning: ${still.join(', ')} not found; their shell-completion tests will be skipped ` +
        `(Debian: apt-get install ${still.join(' ')})`,
    );
  }
}

ensureNodeModules();
ensureEtcd();
ensureShells();
