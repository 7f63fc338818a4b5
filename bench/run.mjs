// `npm run bench`: ectl against etcdctl on the same throwaway etcd, in one run, as ratios.
//  1. start-up: the Node floor (`node -e 0`), `get foo`, `put k v`, `version` and `--help`
//     (hyperfine, medians; NODE_EXTRA_CA_CERTS unset: it adds ~30 ms to any Node start and is no
//     part of ectl), as ratios to the floor and to etcdctl, against issue 16's targets;
//  2. big read: `get --prefix` over 100,000 keys in simple and json: wall time, peak RSS, and the
//     outputs checked byte-identical;
//  3. script output: ectl's `get --prefix -o ndjson` (streamed page by page) against etcdctl's
//     `-w json` of the same keys: wall time and peak RSS, one line per key checked.
// BENCH_SKIP_STARTUP=1 leaves part 1 out.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gateway, startEtcd } from '../scripts/etcd-process.mjs';
import { ectl, env, etcdctl, median, timed } from './common.mjs';

const keys = Number(process.env.BENCH_KEYS || 100_000);

function need(cmd, pkg) {
  if (spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0) return;
  if (process.getuid?.() === 0)
    execFileSync('apt-get', ['install', '-y', pkg], { stdio: 'inherit' });
  else throw new Error(`${cmd} is missing: sudo apt-get install ${pkg}`);
}

function hyperfine(commands) {
  const dir = mkdtempSync(join(tmpdir(), 'ectl-hyperfine-'));
  const out = join(dir, 'r.json');
  execFileSync(
    'hyperfine',
    ['-N', '--warmup', '5', '--runs', '40', '--export-json', out, ...commands],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const results = JSON.parse(readFileSync(out, 'utf8')).results.map((r) => r.median * 1000);
  rmSync(dir, { recursive: true, force: true });
  return results;
}

/** Wall ms, peak RSS KiB and sha256, size and lines of stdout of one run. */
function measure(argv) {
  const { ms, rssKiB, stdout } = timed(argv);
  return {
    ms,
    rssKiB,
    sha: createHash('sha256').update(stdout).digest('hex'),
    bytes: stdout.length,
    lines: stdout.reduce((n, c) => (c === 0x0a ? n + 1 : n), 0),
  };
}

/** Median wall ms and peak RSS KiB of etcdctl's runs `a` and ectl's `b`. */
function medians(a, b) {
  return [
    median(a.map((r) => r.ms)),
    median(b.map((r) => r.ms)),
    median(a.map((r) => r.rssKiB)),
    median(b.map((r) => r.rssKiB)),
  ];
}

/** Part 1: start-up against the Node floor and etcdctl, with issue 16's targets. */
function startup() {
  need('hyperfine', 'hyperfine');
  const [floor, ctlGet, ecGet, ctlPut, ecPut, ecVersion, ecHelp] = hyperfine([
    `${process.execPath} -e 0`,
    `${etcdctl} ${ep.join(' ')} get foo`,
    `${ectl} ${ep.join(' ')} get foo`,
    `${etcdctl} ${ep.join(' ')} put k v`,
    `${ectl} ${ep.join(' ')} put k v`,
    `${ectl} version`,
    `${ectl} --help`,
  ]);
  const x = (a, b) => `${(a / b).toFixed(2)}x`;
  const row = (name, ms, ctl, target) =>
    console.log(
      `  ${name.padEnd(9)} ectl ${ms.toFixed(1).padStart(6)} ms  ${x(ms, floor)} floor` +
        (ctl === undefined ? '' : `  ${x(ms, ctl)} etcdctl (${ctl.toFixed(1)} ms)`) +
        (target === undefined
          ? ''
          : `  target <= ${target.toFixed(1)}x floor: ${ms / floor <= target ? 'met' : 'NOT met'}`),
    );
  console.log(`start-up (median of 40 runs; Node floor \`node -e 0\` ${floor.toFixed(1)} ms)`);
  row('get foo', ecGet, ctlGet, 2.0);
  row('put k v', ecPut, ctlPut);
  row('version', ecVersion, undefined, 1.3);
  row('--help', ecHelp, undefined, 1.3);
}

const { endpoint, stop } = await startEtcd({
  extraArgs: ['--max-txn-ops', '10000', '--quota-backend-bytes', String(4 << 30)],
});
const ep = ['--endpoints', endpoint];
try {
  execFileSync(etcdctl, [...ep, 'put', 'foo', 'bar'], { env });
  // Warm ectl's code cache with a command that loads the client.
  execFileSync(ectl, [...ep, 'get', 'foo'], { env });
  if (!process.env.BENCH_SKIP_STARTUP) startup();

  for (let i = 0; i < keys; i += 10_000) {
    const ops = [];
    for (let j = i; j < Math.min(keys, i + 10_000); j++) {
      const key = Buffer.from(`bench/key/${String(j).padStart(7, '0')}`).toString('base64');
      const value = Buffer.from(`value-${j}-${'x'.repeat(24)}`).toString('base64');
      ops.push({ request_put: { key, value } });
    }
    await gateway(endpoint, '/v3/kv/txn', { success: ops });
  }
  console.log(
    `big read: get --prefix bench/ over ${keys} keys (median of 3 runs; target <= 1.00x etcdctl)`,
  );
  for (const format of ['simple', 'json']) {
    const runs = { etcdctl: [], ectl: [] };
    for (let i = 0; i < 3; i++) {
      runs.etcdctl.push(measure([etcdctl, ...ep, 'get', '--prefix', 'bench/', '-w', format]));
      runs.ectl.push(measure([ectl, ...ep, 'get', '--prefix', 'bench/', '-w', format]));
    }
    const [a, b] = [runs.etcdctl, runs.ectl];
    const same = a.every((r) => r.sha === a[0].sha) && b.every((r) => r.sha === a[0].sha);
    const [aMs, bMs, aRss, bRss] = medians(a, b);
    console.log(
      `  ${format.padEnd(6)} wall etcdctl ${aMs.toFixed(0)} ms  ectl ${bMs.toFixed(0)} ms  ratio ${(bMs / aMs).toFixed(2)}x | ` +
        `peak RSS etcdctl ${(aRss / 1024).toFixed(0)} MiB  ectl ${(bRss / 1024).toFixed(0)} MiB  ratio ${(bRss / aRss).toFixed(2)}x | ` +
        `output ${same ? 'byte-identical' : 'DIFFERENT'} (${a[0].bytes} bytes)`,
    );
  }
  // -o ndjson has no etcdctl equivalent: compared with -w json, the closest etcdctl output.
  const runs = { etcdctl: [], ectl: [] };
  for (let i = 0; i < 3; i++) {
    runs.etcdctl.push(measure([etcdctl, ...ep, 'get', '--prefix', 'bench/', '-w', 'json']));
    runs.ectl.push(measure([ectl, ...ep, 'get', '--prefix', 'bench/', '-o', 'ndjson']));
  }
  const [a, b] = [runs.etcdctl, runs.ectl];
  const lines = b.every((r) => r.lines === keys);
  const [aMs, bMs, aRss, bRss] = medians(a, b);
  console.log(
    `  ndjson wall etcdctl -w json ${aMs.toFixed(0)} ms  ectl -o ndjson ${bMs.toFixed(0)} ms  ratio ${(bMs / aMs).toFixed(2)}x | ` +
      `peak RSS etcdctl ${(aRss / 1024).toFixed(0)} MiB  ectl ${(bRss / 1024).toFixed(0)} MiB  ratio ${(bRss / aRss).toFixed(2)}x | ` +
      `${lines ? `one line per key (${b[0].lines})` : `LINES ${b.map((r) => r.lines).join(',')} != ${keys}`} (${b[0].bytes} bytes)`,
  );
} finally {
  stop();
}
