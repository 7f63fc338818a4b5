// `npm run demo`: a short tour of ectl against the etcd on 127.0.0.1:2379, or against a throwaway
// one started here (and stopped at the end) when nothing answers there.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ectlBin = join(root, 'bin', 'ectl');
const endpoint = '127.0.0.1:2379';

function answers(port) {
  return new Promise((resolve) => {
    const sock = createConnection(
      { host: '127.0.0.1', port },
      () => (sock.destroy(), resolve(true)),
    );
    sock.on('error', () => resolve(false));
    sock.setTimeout(500, () => (sock.destroy(), resolve(false)));
  });
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function startThrowawayEtcd() {
  const dir = mkdtempSync(join(tmpdir(), 'ectl-demo-'));
  const peer = `http://127.0.0.1:${await freePort()}`;
  const etcd = spawn(
    process.env.ECTL_TEST_ETCD || 'etcd',
    [
      '--name',
      'demo',
      '--data-dir',
      join(dir, 'data'),
      '--listen-client-urls',
      `http://${endpoint}`,
      '--advertise-client-urls',
      `http://${endpoint}`,
      '--listen-peer-urls',
      peer,
      '--initial-advertise-peer-urls',
      peer,
      '--initial-cluster',
      `demo=${peer}`,
      '--logger',
      'zap',
      '--log-level',
      'error',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (let i = 0; i < 100 && !(await answers(2379)); i++)
    await new Promise((r) => setTimeout(r, 100));
  const stop = () => {
    etcd.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', stop);
  return stop;
}

function show(args, input, endpoints = ['--endpoints', endpoint]) {
  process.stdout.write(
    `\n$ ectl ${args.map((a) => (/[\s'"]/.test(a) || a === '' ? `'${a}'` : a)).join(' ')}${input ? `  # stdin: ${JSON.stringify(input)}` : ''}\n`,
  );
  const r = spawnSync(process.execPath, [ectlBin, ...endpoints, ...args], {
    input: input ?? '',
    encoding: 'utf8',
  });
  process.stdout.write(r.stdout + r.stderr + (r.status ? `(exit ${r.status})\n` : ''));
}

let stop = () => {};
if (await answers(2379)) {
  process.stdout.write(
    `Using the etcd that answers on ${endpoint}; the tour writes only under ectl-demo/.\n`,
  );
} else {
  process.stdout.write(
    `Nothing answers on ${endpoint}: starting a throwaway etcd there for the tour.\n`,
  );
  stop = await startThrowawayEtcd();
}
try {
  show(['version']);
  show(['put', 'ectl-demo/greeting', 'hello']);
  show(['put', 'ectl-demo/config'], 'line one\nline two\n');
  show(['put', 'ectl-demo/greeting', 'hello again', '--prev-kv']);
  show(['get', 'ectl-demo/greeting']);
  show(['get', '--prefix', 'ectl-demo/', '--keys-only']);
  show(['get', 'ectl-demo/greeting', '-w', 'json']);
  show(['get', 'ectl-demo/greeting', '-w', 'fields']);
  show([
    'get',
    '--prefix',
    'ectl-demo/',
    '--sort-by',
    'MODIFY',
    '--order',
    'DESCEND',
    '--print-value-only',
  ]);
  show(['get', 'ectl-demo/greeting', '--hex']);
  show(['get', '--prefix', 'ectl-demo/', '--count-only', '-w', 'fields']);
  show(['get', 'ectl-demo/greeting', '--rev', '999999']);
  show(
    ['txn'],
    'value("ectl-demo/greeting") = "hello again"\n\nput ectl-demo/txn yes\n\nput ectl-demo/txn no\n\n',
  );
  show(['lease', 'grant', '60']);
  show(['endpoint', 'status', '-w', 'table']);
  show(['del', '--prefix', 'ectl-demo/', '--prev-kv']);
  show(['get', 'nothing', '--consistency', 'x']);
  show(['--endpoints', '127.0.0.1:1', '--command-timeout', '1s', 'get', 'k'], undefined, []);
} finally {
  stop();
}
