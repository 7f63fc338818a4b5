// The bundle runs through vm.Script (for V8's code cache), where a dynamic import() has no loader
// and fails at run time: no import() may survive bundling. Also: version and help must not load
// grpc-js.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * The builtin modules a run of `ectl ARGS` loaded. Its stdout and stderr are /dev/null (a pipe
 * there would load net by itself); stdin is a pipe holding `input`.
 */
function builtinsLoaded(args: string[], input = ''): string[] {
  const out = join(mkdtempSync(join(tmpdir(), 'ectl-builtins-')), 'loaded');
  const boot = JSON.stringify(join(dist, 'boot.cjs'));
  const probe = `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(',')));`;
  const script = `${probe} process.argv.splice(1, 0, 'ectl'); require(${boot});`;
  spawnSync(process.execPath, ['-e', script, '--', ...args], {
    input,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  return readFileSync(out, 'utf8').split(',');
}

describe('start-up loads only what the run uses', () => {
  it('a command that neither connects, reads stdin nor runs a program: no net, tty, child_process', () => {
    const loaded = builtinsLoaded(['completion', 'bash']);
    expect(loaded).not.toContain('net');
    expect(loaded).not.toContain('tty');
    expect(loaded).not.toContain('child_process');
  });

  it('reading stdin (a pipe) does load net (control for the probe)', () => {
    const loaded = builtinsLoaded(['batch'], 'completion bash\n');
    expect(loaded).toContain('net');
    expect(loaded).not.toContain('child_process');
  });

  it('a get that connects loads http2 but not child_process', () => {
    const args = ['--endpoints', '127.0.0.1:1', '--command-timeout', '200ms', 'get', 'k'];
    const loaded = builtinsLoaded(args);
    expect(loaded).toContain('http2');
    expect(loaded).not.toContain('child_process');
  });
});
