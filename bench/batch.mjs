// `npm run bench:batch`: 1,000 `put` lines through one `ectl batch` against 1,000 `etcdctl put`
// invocations, on the same throwaway etcd in the same run (target: ectl batch <= 0.05x etcdctl's
// wall time). Both write the same keys and values; the final key sets are checked equal. The same
// puts over a bare HTTP/2 connection (batch-floor.mjs) give the floor etcd's own latency sets.
// etcd waits for fsync on each put, and this machine's disk slows down for seconds at a time: one
// ectl batch lasts about a second, etcdctl's 1,000 processes about twenty. Measured one after the
// other, a slow spell in either window moved the ratio by half. So etcdctl's puts run in
// BENCH_ROUNDS slices (10), and after each slice the batch and the floor run once each (in
// alternating order): every batch runs within etcdctl's window, and its figure is the median of
// its runs.
import { spawnSync } from 'node:child_process';
import { startEtcd } from '../scripts/etcd-process.mjs';
import { join } from 'node:path';
import { ectl, env, etcdctl, median, root } from './common.mjs';

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

  const rounds = Array.from(
    { length: Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS)) || 10) },
    (_, i) => i + 1,
  );
  const slice = Math.ceil(lines / rounds.length);
  let ctlMs = 0;
  const ctlPuts = (round) => {
    const at = performance.now();
    for (let i = (round - 1) * slice; i < Math.min(lines, round * slice); i++)
      must(spawnSync(etcdctl, [...ep, 'put', key('ctl', i), `value-${i}`], { env }), 'etcdctl put');
    ctlMs += performance.now() - at;
  };

  let oks = true;
  const batchRun = (round) => {
    const script = Array.from(
      { length: lines },
      (_, i) => `put ${key(`ectl${round}`, i)} value-${i}\n`,
    );
    const at = performance.now();
    const r = must(
      spawnSync(ectl, [...ep, 'batch'], { env, input: script.join('') }),
      'ectl batch',
    );
    oks &&= r.stdout.toString() === 'OK\n'.repeat(lines);
    return performance.now() - at;
  };
  const floorRun = (round) => {
    const at = performance.now();
    const args = [join(root, 'bench', 'batch-floor.mjs'), endpoint, String(lines), `floor${round}`];
    must(spawnSync(process.execPath, args, { env }), 'bare HTTP/2 puts');
    return performance.now() - at;
  };
  const batchRuns = [];
  const floorRuns = [];
  for (const round of rounds) {
    ctlPuts(round);
    if (round % 2) batchRuns.push(batchRun(round));
    floorRuns.push(floorRun(round));
    if (!(round % 2)) batchRuns.push(batchRun(round));
  }
  const batchMs = median(batchRuns);
  const floorMs = median(floorRuns);
  const runs = (xs) => xs.map((ms) => (ms / 1000).toFixed(2)).join(' ');

  const count = (prefix) =>
    must(
      spawnSync(etcdctl, [...ep, 'get', '--prefix', `${prefix}/`, '--keys-only', '-w', 'json'], {
        env,
      }),
      'count',
    )
      .stdout.toString()
      .match(/"count":(\d+)/)?.[1];
  const prefixes = ['ctl', ...rounds.flatMap((r) => [`ectl${r}`, `floor${r}`])];
  const same = prefixes.every((prefix) => count(prefix) === String(lines));

  console.log(`${lines} puts, same server, same run`);
  console.log(
    `  etcdctl, one process a put   ${(ctlMs / 1000).toFixed(2)} s  (${(ctlMs / lines).toFixed(1)} ms a put)`,
  );
  console.log(
    `  ectl batch, one process      ${(batchMs / 1000).toFixed(2)} s  (${(batchMs / lines).toFixed(2)} ms a put; median of ${runs(batchRuns)})`,
  );
  console.log(
    `  bare HTTP/2 puts (floor)     ${(floorMs / 1000).toFixed(2)} s  (${(floorMs / lines).toFixed(2)} ms a put, ${(floorMs / ctlMs).toFixed(3)}x etcdctl; median of ${runs(floorRuns)})`,
  );
  console.log(
    `  ratio ${(batchMs / ctlMs).toFixed(3)}x  (target <= 0.05x) | output ${oks ? `${lines} x OK` : 'UNEXPECTED'} | keys ${same ? 'all written' : 'MISSING'}`,
  );
} finally {
  stop();
}
