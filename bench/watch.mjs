// `npm run bench:watch`: watch drain rate and completeness, ectl against etcdctl, in one run.
//  1. live, 50,000 single puts from 64 concurrent writers while both tools watch the prefix
//     (-w json): each must print every event exactly once, in revision order; reported: how long
//     after the last put was acknowledged each had printed everything.
//  2. live burst, 50,000 puts as 50 transactions of 1,000: the same checks; the server now sends
//     1,000 events per response as fast as it commits them, so the client's decoding and
//     printing are what is measured.
//  3. drain: each tool alone replays a backlog of 500,000 events (the burst's and more, written
//     as transactions of 1,000) from history (`watch --rev`), simple and json, 5 runs each:
//     events/s after start-up (a one-event watch from the same revision, which also waits for
//     etcd's first sync, measures that), and whether the outputs are byte-identical.
// (Replaying single-put history is paced by etcd itself, 1,000 revisions per 100 ms sync, so it
// says nothing about the client; it is not measured.)
import { spawn } from 'node:child_process';
import http from 'node:http';
import { startEtcd } from '../scripts/etcd-process.mjs';
import { ectl, env, etcdctl, median } from './common.mjs';

const N = Number(process.env.BENCH_WATCH_EVENTS || 50_000);
const BACKLOG = Number(process.env.BENCH_WATCH_BACKLOG || 500_000);
// etcd starts a replay at its next 100 ms sync: several runs, so that the medians see the same delay.
const RUNS = 5;
const tools = [
  ['etcdctl', etcdctl],
  ['ectl', ectl],
];

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let endpoint;
function post(path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`http://${endpoint}${path}`, { method: 'POST', agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(JSON.parse(Buffer.concat(chunks)))
          : reject(new Error(Buffer.concat(chunks).toString())),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
const b64 = (s) => Buffer.from(s).toString('base64');
const keyOf = (p, i) => `${p}${String(i).padStart(6, '0')}`;
const revision = async () =>
  BigInt((await post('/v3/kv/range', { key: b64('x') })).header.revision);

/** Starts a watch; `until(n | text)` resolves with the time n lines or the text had arrived. */
function watcher(bin, args) {
  const p = spawn(bin, ['--endpoints', endpoint, 'watch', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const w = { chunks: [], lines: 0, started: performance.now(), waiters: [] };
  let tail = Buffer.alloc(0);
  p.stdout.on('data', (c) => {
    w.chunks.push(c);
    for (let i = c.indexOf(10); i >= 0; i = c.indexOf(10, i + 1)) w.lines++;
    // The text waited for may straddle two chunks.
    const seen = Buffer.concat([tail, c]);
    tail = seen.subarray(Math.max(0, seen.length - 64));
    w.waiters = w.waiters.filter(([want, resolve]) => {
      const hit = typeof want === 'number' ? w.lines >= want : seen.includes(want);
      if (hit) resolve(performance.now());
      return !hit;
    });
  });
  w.until = (want) =>
    new Promise((resolve) => {
      const hit =
        typeof want === 'number' ? w.lines >= want : Buffer.concat(w.chunks).includes(want);
      if (hit) resolve(performance.now());
      else w.waiters.push([want, resolve]);
    });
  w.stop = () => new Promise((resolve) => (p.once('close', resolve), p.kill('SIGINT')));
  w.text = () => Buffer.concat(w.chunks).toString('utf8');
  return w;
}

/** -w json output: N distinct keys under prefix, each once, revisions never going back. */
function check(text, prefix) {
  let last = 0;
  const seen = new Set();
  for (const line of text.split('\n')) {
    for (const ev of line ? (JSON.parse(line).Events ?? []) : []) {
      const key = Buffer.from(ev.kv.key, 'base64').toString();
      if (!key.startsWith(prefix) || key === `${prefix}ready`) continue;
      if (ev.kv.mod_revision < last) return `OUT OF ORDER at ${key}`;
      if (seen.has(key)) return `DUPLICATE ${key}`;
      last = ev.kv.mod_revision;
      seen.add(key);
    }
  }
  return seen.size === N ? 'complete, in order, no duplicates' : `INCOMPLETE: ${seen.size}/${N}`;
}

/** Both tools watch `prefix` live while write() runs; reports rate, lag and completeness. */
async function live(title, prefix, write) {
  const ws = tools.map(([name, bin]) => [name, watcher(bin, ['--prefix', prefix, '-w', 'json'])]);
  // Both are watching once both have printed a marker.
  for (let i = 0; ws.some(([, w]) => w.lines === 0); i++) {
    await post('/v3/kv/put', { key: b64(`${prefix}ready`), value: b64(String(i)) });
    await new Promise((r) => setTimeout(r, 100));
  }
  const t0 = performance.now();
  await write();
  const tEnd = performance.now();
  // Nothing else is written now: the current revision is the last event's.
  const last = `"mod_revision":${await revision()},`;
  console.log(`${title}: written in ${((tEnd - t0) / 1000).toFixed(1)} s`);
  // Registered for every tool before any is awaited: each resolves with its own arrival time.
  const arrived = ws.map(([, w]) =>
    Promise.race([w.until(last), new Promise((r) => setTimeout(r, 60_000))]),
  );
  for (const [i, [name, w]] of ws.entries()) {
    const done = await arrived[i];
    await w.stop();
    const lag = done === undefined ? 'never' : `${Math.max(0, done - tEnd).toFixed(0)} ms`;
    const rate = done === undefined ? 0 : N / ((done - t0) / 1000);
    console.log(
      `  ${name.padEnd(7)} ${Math.round(rate)} events/s, everything printed ${lag} after the last ` +
        `write: ${check(w.text(), prefix)}`,
    );
  }
}

const server = await startEtcd({
  extraArgs: ['--quota-backend-bytes', String(4 << 30), '--max-txn-ops', '1000'],
});
endpoint = server.endpoint;
try {
  await live(`live: ${N} single puts, 64 writers`, 'wb/', async () => {
    let next = 0;
    const writer = async () => {
      for (let i = next++; i < N; i = next++)
        await post('/v3/kv/put', { key: b64(keyOf('wb/', i)), value: b64(`value-${i}`) });
    };
    await Promise.all(Array.from({ length: 64 }, writer));
  });
  const first = (await revision()) + 1n;
  await live(`live burst: ${N} puts as ${N / 1000} transactions of 1,000`, 'wt/', async () => {
    for (let t = 0; t < N / 1000; t++) {
      const ops = Array.from({ length: 1000 }, (_, j) => ({
        request_put: { key: b64(keyOf('wt/', t * 1000 + j)), value: b64(`value-${j}`) },
      }));
      await post('/v3/kv/txn', { success: ops });
    }
  });
  // The backlog: the burst plus more transactions, BACKLOG events in all, replayed alone.
  for (let t = N / 1000; t < BACKLOG / 1000; t++) {
    const ops = Array.from({ length: 1000 }, (_, j) => ({
      request_put: { key: b64(keyOf('wt/', t * 1000 + j)), value: b64(`value-${j}`) },
    }));
    await post('/v3/kv/txn', { success: ops });
  }
  const startup = {};
  for (const [name, bin] of tools) {
    const times = [];
    for (let r = 0; r < RUNS; r++) {
      const w = watcher(bin, ['--rev', String(first), keyOf('wt/', 0)]);
      times.push((await w.until(3)) - w.started);
      await w.stop();
    }
    startup[name] = median(times);
  }
  const lastKey = `"key":"${b64(keyOf('wt/', BACKLOG - 1))}"`;
  for (const format of ['simple', 'json']) {
    const runs = { etcdctl: [], ectl: [] };
    const outputs = {};
    for (let r = 0; r < RUNS; r++) {
      for (const [name, bin] of tools) {
        const w = watcher(bin, ['--prefix', 'wt/', '--rev', String(first), '-w', format]);
        const end = await w.until(format === 'simple' ? 3 * BACKLOG : lastKey);
        await w.stop();
        runs[name].push(end - w.started);
        if (r === 0) outputs[name] = w.text();
      }
    }
    const rate = (name) => BACKLOG / (Math.max(1, median(runs[name]) - startup[name]) / 1000);
    const same = outputs.ectl === outputs.etcdctl;
    console.log(
      `drain ${format.padEnd(6)} (replay of ${BACKLOG} events, median of ${RUNS}): ` +
        `etcdctl ${Math.round(rate('etcdctl'))} events/s, ectl ${Math.round(rate('ectl'))} events/s, ` +
        `ratio ${(rate('ectl') / rate('etcdctl')).toFixed(2)}x (target >= 1) | wall ` +
        `${median(runs.etcdctl).toFixed(0)} vs ${median(runs.ectl).toFixed(0)} ms, start-up and ` +
        `first sync ${startup.etcdctl.toFixed(0)} vs ${startup.ectl.toFixed(0)} ms | output ` +
        `${same ? 'byte-identical' : format === 'json' ? 'differs only as 3.4 and main JSON do' : 'DIFFERENT'}`,
    );
  }
} finally {
  agent.destroy();
  server.stop();
}
