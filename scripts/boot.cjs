'use strict';
// Runs the bundled CLI (dist/ectl.cjs) through V8's code cache: compiling the bundle costs more
// than everything else a short command does at start-up. A cache holds only the functions its run
// compiled, so there are three, by how much of the client a run used: none (lite), the direct
// HTTP/2 path (direct), grpc-js too (full). The most complete one present is loaded; at exit the
// cache of this run's kind is (re)written when it was missing or the loaded one was rejected.
//
// Before that, the fast path: `ectl version` and the root help print a fixed text, yet loading the
// bundle and registering the command tree cost twice Node's own start-up. scripts/build.mjs runs
// the real bundle once per argv below (clean environment, stdout a pipe) and writes what it printed
// into `answers`, so these bytes cannot drift from the full path's.
const fs = require('node:fs');
const path = require('node:path');

/** Written by scripts/build.mjs: { texts: [stdout, ...], argv: { JSON of argv: index } }. */
const answers = null; // ANSWERS (the build replaces this line)

/**
 * The stored text for this run, when it is certainly what the bundle would print: argv exactly a
 * captured one, stdout no terminal (commander wraps help to the terminal's width) and no variable
 * the CLI reads (ETCDCTL_API=3 is what an unset one means; any other ETCDCTL_* or ECTL_* variable
 * may warn, fail or change the output, so the bundle decides).
 */
function storedAnswer() {
  if (!answers) return undefined;
  const index = answers.argv[JSON.stringify(process.argv.slice(2))];
  if (index === undefined) return undefined;
  for (const name of Object.keys(process.env)) {
    if (name === 'ETCDCTL_API' && process.env[name] === '3') continue;
    if (name.startsWith('ETCDCTL_') || name.startsWith('ECTL_')) return undefined;
  }
  if (require('node:tty').isatty(1)) return undefined;
  return answers.texts[index];
}

/** Writes the answer as src/main.ts would: a reader gone (EPIPE) ends the run quietly with 0. */
function writeAnswer(text) {
  const bytes = Buffer.from(text, 'utf8');
  for (let done = 0; done < bytes.length;) {
    try {
      done += fs.writeSync(1, bytes, done);
    } catch (err) {
      if (err.code === 'EPIPE') return;
      if (err.code !== 'EAGAIN') throw err;
      // A non-blocking pipe that is full: the stream waits for the reader instead of spinning.
      process.stdout.on('error', (e) => {
        if (e.code !== 'EPIPE') throw e;
        process.exit(0);
      });
      process.stdout.write(bytes.subarray(done));
      return;
    }
  }
}

function read(f) {
  try {
    return fs.readFileSync(f);
  } catch {
    return undefined;
  }
}

/** The full path: the bundle, compiled with the most complete code cache present. */
function runBundle() {
  const vm = require('node:vm');
  const file = path.join(__dirname, 'ectl.cjs');
  const caches = ['lite', 'direct', 'full'].map((kind) =>
    path.join(__dirname, `ectl.${kind}.cache`),
  );

  let loaded = -1;
  let cachedData;
  for (let level = caches.length - 1; level >= 0 && !cachedData; level--) {
    cachedData = read(caches[level]);
    if (cachedData) loaded = level;
  }
  // The bundle is already the module's wrapper function, in ASCII (scripts/build.mjs): read as
  // latin1 it becomes a string V8 compiles without a copy or a UTF-8 decode.
  const script = new vm.Script(fs.readFileSync(file, 'latin1'), {
    filename: file,
    cachedData,
  });

  process.once('exit', () => {
    // http2 is loaded by either client path; zlib only by grpc-js.
    const used = process.moduleLoadList.includes('NativeModule http2')
      ? process.moduleLoadList.includes('NativeModule zlib')
        ? 2
        : 1
      : 0;
    if (cachedData && !script.cachedDataRejected && loaded >= used) return;
    const target = caches[used];
    if (!script.cachedDataRejected && fs.existsSync(target)) return;
    try {
      const tmp = `${target}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, target);
    } catch {
      // A read-only install runs without the cache, only slower.
    }
  });

  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, __dirname);
}

const text = storedAnswer();
if (text === undefined) runBundle();
else writeAnswer(text);
