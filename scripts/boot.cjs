'use strict';
// Runs the bundled CLI (dist/ectl.cjs) through V8's code cache: compiling the bundle costs more
// than everything else a short command does at start-up. The cache is (re)written at exit when it
// was missing or rejected, or when it lacked the gRPC client that this run used.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { Module } = require('node:module');

const file = path.join(__dirname, 'ectl.cjs');
const full = path.join(__dirname, 'ectl.full.cache');
const lite = path.join(__dirname, 'ectl.lite.cache');

function read(f) {
  try {
    return fs.readFileSync(f);
  } catch {
    return undefined;
  }
}

const fullCache = read(full);
const cachedData = fullCache || read(lite);
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });

process.once('exit', () => {
  const usedClient = process.moduleLoadList.includes('NativeModule http2');
  if (cachedData && !script.cachedDataRejected && (fullCache || !usedClient)) return;
  const target = usedClient ? full : lite;
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
