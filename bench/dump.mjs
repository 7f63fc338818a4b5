// `npm run bench:dump`: `ectl export` and `ectl import` of 100,000 keys (BENCH_KEYS) between two
// throwaway single nodes: wall time and peak RSS of each (GNU time), to show that memory stays
// bounded by a page or a batch, not by the dump; with the NDJSON file's size, and a check that
// the destination ends with exactly the source's keys and values. etcdctl has no counterpart.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gateway, startEtcd } from '../scripts/etcd-process.mjs';
import { ectl, env, timed } from './common.mjs';

const keys = Number(process.env.BENCH_KEYS || 100_000);

/** Wall ms and peak RSS MiB of one run, via GNU time. */
function measure(argv) {
  const { ms, rssKiB, stdout } = timed(argv);
  return { ms, mib: rssKiB / 1024, stdout };
}

/** sha256 of `get --prefix bench/` (keys and values) on one endpoint. */
function digest(endpoint) {
  const out = execFileSync(ectl, ['--endpoints', endpoint, 'get', '--prefix', 'bench/'], {
    env,
    maxBuffer: 1 << 30,
  });
  return createHash('sha256').update(out).digest('hex');
}

const quota = ['--quota-backend-bytes', String(4 << 30)];
const src = await startEtcd({ name: 'dumpsrc', extraArgs: quota });
const dst = await startEtcd({ name: 'dumpdst', extraArgs: quota });
const dir = mkdtempSync(join(tmpdir(), 'ectl-bench-dump-'));
try {
  for (let i = 0; i < keys; i += 1_000) {
    const ops = [];
    for (let j = i; j < Math.min(keys, i + 1_000); j++) {
      const key = Buffer.from(`bench/key/${String(j).padStart(7, '0')}`).toString('base64');
      const value = Buffer.from(`value-${j}-${'x'.repeat(64)}`).toString('base64');
      ops.push({ request_put: { key, value } });
    }
    // etcd's default --max-txn-ops is 128: the gateway writes in txns of at most that.
    for (let k = 0; k < ops.length; k += 128)
      await gateway(src.endpoint, '/v3/kv/txn', { success: ops.slice(k, k + 128) });
  }
  const file = join(dir, 'dump.ndjson');
  const exp = measure([ectl, '--endpoints', src.endpoint, 'export', 'bench/', '--file', file]);
  const size = statSync(file).size;
  const imp = measure([ectl, '--endpoints', dst.endpoint, 'import', file]);
  const same = digest(src.endpoint) === digest(dst.endpoint);
  const line = (name, r) =>
    `  ${name}  wall ${r.ms.toFixed(0)} ms  (${Math.round((keys * 1000) / r.ms)} keys/s)  peak RSS ${r.mib.toFixed(0)} MiB`;
  console.log(`export/import of ${keys} keys (${(size / 1e6).toFixed(1)} MB of NDJSON)`);
  console.log(line('export', exp));
  console.log(line('import', imp));
  console.log(
    `  destination ${same ? 'identical to' : 'DIFFERENT from'} the source (get --prefix)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  src.stop();
  dst.stop();
}
