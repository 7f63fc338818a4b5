'use strict';
// Runs the bundled CLI (dist/ectl.cjs) through V8's code cache: compiling the bundle costs more
// than everything else a short command does at start-up. A cache holds only the functions its run
// compiled, so there are three, by how much of the client a run used: none (lite), the direct
// HTTP/2 path (direct), grpc-js too (full). The most complete one present is loaded; at exit the
// cache of this run's kind is (re)written when it was missing or the loaded one was rejected.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { Module } = require('node:module');

const file = path.join(__dirname, 'ectl.cjs');
const caches = ['lite', 'direct', 'full'].map((kind) => path.join(__dirname, `ectl.${kind}.cache`));

function read(f) {
  try {
    return fs.readFileSync(f);
  } catch {
    return undefined;
  }
}

let loaded = -1;
let cachedData;
for (let level = caches.length - 1; level >= 0 && !cachedData; level--) {
  cachedData = read(caches[level]);
  if (cachedData) loaded = level;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });

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
