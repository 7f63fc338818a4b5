// The bundle runs through vm.Script (for V8's code cache), where a dynamic import() has no loader
// and fails at run time: no import() may survive bundling. Also: version and help must not load
// grpc-js.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtDist } from '../harness/build.js';

const dist = builtDist();

describe('the bundle', () => {
  it('contains no dynamic import()', () => {
    const bundle = readFileSync(join(dist, 'ectl.cjs'), 'utf8');
    expect(bundle.match(/\bimport\(\s*["'`]/g) ?? []).toEqual([]);
  });

  it.each([['version'], ['--help'], ['get', '--help'], ['options']])(
    '`ectl %s` does not load grpc-js (http2)',
    (...args) => {
      const boot = JSON.stringify(join(dist, 'boot.cjs'));
      const probe = `process.on('exit', () => process.stderr.write('http2=' + process.moduleLoadList.includes('NativeModule http2')));`;
      const script = `${probe} process.argv.splice(1, 0, 'ectl'); require(${boot});`;
      const result = spawnSync(process.execPath, ['-e', script, '--', ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      expect(result.stderr).toContain('http2=false');
    },
  );

  it('the probe sees http2 when a command does connect (control)', () => {
    const boot = JSON.stringify(join(dist, 'boot.cjs'));
    const probe = `process.on('exit', () => process.stderr.write('http2=' + process.moduleLoadList.includes('NativeModule http2')));`;
    const script = `${probe} process.argv.splice(1, 0, 'ectl'); require(${boot});`;
    const args = ['--endpoints', '127.0.0.1:1', '--command-timeout', '200ms', 'get', 'k'];
    const result = spawnSync(process.execPath, ['-e', script, '--', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    expect(result.stderr).toContain('http2=true');
  });
});
