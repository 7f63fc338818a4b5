// The guardian: a small Node process between ectl and a command that may run only while ectl holds
// a lock or a leadership (`elect ... -- CMD`, `lock NAME CMD`). ectl alone cannot keep that promise:
// if it is SIGKILLed its child lives on, and if it is frozen (SIGSTOP, a swapping host) it cannot
// stop the child before its lease expires and another instance takes over. The guardian can: it
// terminates the command when ectl's control pipe closes (ectl died) and when the time up to which
// ectl last confirmed its lease passes (ectl frozen or the cluster unreachable). It is plain
// JavaScript run by `node -e`, since it must start without ectl's bundle; kept short on purpose.
//
// Protocol. stdin (from ectl), one line each: first the JSON {path, argv, env, graceMs} (not in
// argv: other users can read a process's argv, and the environment may hold secrets), then
// `deadline <epoch ms>` (terminate at that time unless moved again), `signal <NAME>` (pass a
// signal on), `stop` (SIGTERM now, SIGKILL after the grace). EOF on stdin: as `stop`. fd 3 (to
// ectl): one JSON line when the command has ended: {code, signal, why} or {error} when it could not
// be started; `why` is 'deadline' or 'stop' when the guardian terminated it.

/** The guardian's source, run as `node -e GUARDIAN_SCRIPT`. */
export const GUARDIAN_SCRIPT = String.raw`
'use strict';
const { spawn } = require('node:child_process');
const { writeSync } = require('node:fs');
process.title = 'ectl-guardian';
// The terminal's Ctrl-C reaches the command itself; ectl decides everything else.
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
let child = null;
let why = null;
let killTimer = null;
let deadlineTimer = null;
let ended = false;
let graceMs = 10000;
const report = (o) => {
  if (ended) return;
  ended = true;
  try { writeSync(3, JSON.stringify(o) + '\n'); } catch {}
  process.exit(0);
};
const running = () => child !== null && child.exitCode === null && child.signalCode === null;
const terminate = (reason) => {
  if (child === null) return report({ error: 'ECANCELED' });
  if (why === null) why = reason;
  if (!running()) return;
  try { child.kill('SIGTERM'); } catch {}
  if (killTimer === null)
    killTimer = setTimeout(() => { try { child.kill('SIGKILL'); } catch {} }, graceMs);
};
const start = (cfg) => {
  graceMs = cfg.graceMs;
  child = spawn(cfg.path, cfg.argv.slice(1), {
    argv0: cfg.argv[0],
    env: cfg.env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('error', (e) => report({ error: e.code || e.message }));
  child.once('exit', (code, signal) => report({ code, signal, why }));
};
const command = (line) => {
  if (child === null) return start(JSON.parse(line));
  const [word, arg] = line.split(' ');
  if (word === 'deadline') {
    clearTimeout(deadlineTimer);
    deadlineTimer = setTimeout(() => terminate('deadline'), Math.max(Number(arg) - Date.now(), 0));
  } else if (word === 'signal') {
    if (running()) try { child.kill(arg); } catch {}
  } else if (word === 'stop') terminate('stop');
};
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buf += chunk;
  let i;
  while ((i = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    command(line);
  }
});
process.stdin.on('end', () => terminate('stop'));
process.stdin.on('error', () => terminate('stop'));
`;
