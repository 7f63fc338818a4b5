// `npm run demo`: a short tour of ectl against the etcd on 127.0.0.1:2379, or against a throwaway
// one started here (and stopped at the end) when nothing answers there.
import { spawnSync } from 'node:child_process';
import { startEtcd } from './etcd-process.mjs';
import { createConnection } from 'node:net';
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

async function startThrowawayEtcd() {
  const { stop } = await startEtcd({ clientPort: 2379, name: 'demo' });
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
