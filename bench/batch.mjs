// `npm run bench:batch`: 1,000 `put` lines through one `ectl batch` against 1,000 `etcdctl put`
// invocations, on the same throwaway etcd in the same run (target: ectl batch <= 0.05x etcdctl's
// wall time). Both write the same keys and values; the final key sets are checked equal. The same
// puts over a bare HTTP/2 connection (batch-floor.mjs) give the floor etcd's own latency sets.
import { spawnSync } from 'node:child_process';
import { startEtcd } from '../scripts/etcd-process.mjs';
import { join } from 'node:path';
import { ectl, env, etcdctl, root } from './common.mjs';

const lines = Number(process.env.BENCH_LINES || 1000);

function must(r, what) {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${r.stderr}`);
  return r;
}

const key = (prefix, i) => `${prefix}/key/${String(i).padStart(5, '0')}`;

const { endpoint, stop } = await startEtcd({ name: 'bench-batch' });
const ep = ['--endpoints', endpoint];
try {
  // Warm both (ectl's code cache, the disk) before measuring.
  must(spawnSync(etcdctl, [...ep, 'put', 'warm', 'up'], { env }), 'etcdctl put');
  must(spawnSync(ectl, [...ep, 'put', 'warm', 'up'], { env }), 'ectl put');

  let started = performance.now();
  for (let i = 0; i < lines; i++)
    must(spawnSync(etcdctl, [...ep, 'put', key('ctl', i), `value-${i}`], { env }), 'etcdctl put');
  const ctlMs = performance.now() - started;

  const script = Array.from({ length: lines }, (_, i) => `put ${key('ectl', i)} value-${i}\n`);
  started = performance.now();
  const r = must(spawnSync(ectl, [...ep, 'batch'], { env, input: script.join('') }), 'ectl batch');
  const batchMs = performance.now() - started;
  const oks = r.stdout.toString() === 'OK\n'.repeat(lines);

  started = performance.now();
  const floorArgs = [join(root, 'bench', 'batch-floor.mjs'), endpoint, String(lines), 'floor'];
  must(spawnSync(process.execPath, floorArgs, { env }), 'bare HTTP/2 puts');
  const floorMs = performance.now() - started;

  const count = (prefix) =>
    must(
      spawnSync(etcdctl, [...ep, 'get', '--prefix', `${prefix}/`, '--keys-only', '-w', 'json'], {
        env,
      }),
      'count',
    )
      .stdout.toString()
      .match(/"count":(\d+)/)?.[1];
  const same = ['ctl', 'ectl', 'floor'].every((prefix) => count(prefix) === String(lines));

  console.log(`${lines} puts, same server, same run`);
  console.log(
    `  etcdctl, one process a put   ${(ctlMs / 1000).toFixed(2)} s  (${(ctlMs / lines).toFixed(1)} ms a put)`,
  );
  console.log(
    `  ectl batch, one process      ${(batchMs / 1000).toFixed(2)} s  (${(batchMs / lines).toFixed(2)} ms a put)`,
  );
  console.log(
    `  bare HTTP/2 puts (floor)     ${(floorMs / 1000).toFixed(2)} s  (${(floorMs / lines).toFixed(2)} ms a put, ${(floorMs / ctlMs).toFixed(3)}x etcdctl)`,
  );
  console.log(
    `  ratio ${(batchMs / ctlMs).toFixed(3)}x  (target <= 0.05x) | output ${oks ? `${lines} x OK` : 'UNEXPECTED'} | keys ${same ? 'all written' : 'MISSING'}`,
  );
} finally {
  stop();
}
