// resolveGlobalsKept: a batch's or shell's lines share one resolution of the global flags, the
// variables and the config file, but only while none of the three can have changed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { parseArgv } from '../../src/cli/argv.js';
import { resolveGlobals } from '../../src/cli/config.js';
import { resolveGlobalsKept } from '../../src/cli/config-kept.js';
import type { ConfigFile } from '../../src/cli/contexts/file.js';
import { globalFlags } from '../../src/cli/globals.js';
import { failure } from '../helpers/failure.js';
import { bufferIo } from '../helpers/io.js';

const program = await buildProgram(bufferIo().io);
const flagsOf = (argv: string[]) => parseArgv(argv, program, globalFlags).flags;

describe('resolveGlobalsKept', () => {
  it('gives a frozen env the same result for the same flags, equal to resolveGlobals', () => {
    const env = Object.freeze({ ETCDCTL_DIAL_TIMEOUT: '3s', ETCDCTL_NOSUCH: 'x' });
    const first = resolveGlobalsKept(flagsOf(['--hex', 'get', 'a']), env);
    const second = resolveGlobalsKept(flagsOf(['--hex', 'put', 'b', 'c']), env);
    expect(second).toBe(first);
    expect(first).toEqual(resolveGlobals(flagsOf(['--hex', 'get', 'a']), env));
    expect(first.config.dialTimeoutNs).toBe(3_000_000_000n);
    expect(first.warnings).toEqual(['Warning: unrecognized environment variable ETCDCTL_NOSUCH=x']);
  });

  it('tells lines apart by the global flags they give, and their values', () => {
    const env = Object.freeze({});
    const plain = resolveGlobalsKept(flagsOf(['get', 'a']), env);
    const json = resolveGlobalsKept(flagsOf(['get', 'a', '-w', 'json']), env);
    const fields = resolveGlobalsKept(flagsOf(['get', 'a', '-w', 'fields']), env);
    const timeout = resolveGlobalsKept(flagsOf(['--command-timeout', '2s', 'get', 'a']), env);
    expect([plain, json, fields].map((r) => r.config.writeOut)).toEqual([
      'simple',
      'json',
      'fields',
    ]);
    expect(timeout.config.commandTimeoutNs).toBe(2_000_000_000n);
    expect(plain.config.commandTimeoutNs).toBe(5_000_000_000n);
    // A command's own flags do not matter: `get --limit` shares the plain line's result.
    expect(resolveGlobalsKept(flagsOf(['get', 'a', '--limit', '3']), env)).toBe(plain);
  });

  it('tells apart commands that read different variables themselves', () => {
    const env = Object.freeze({ ETCDCTL_WATCH_KEY: 'k' });
    const get = resolveGlobalsKept(flagsOf(['get', 'a']), env);
    const watch = resolveGlobalsKept(flagsOf(['get', 'a']), env, ['ETCDCTL_WATCH_KEY']);
    expect(get.warnings).toEqual([
      'Warning: unrecognized environment variable ETCDCTL_WATCH_KEY=k',
    ]);
    expect(watch.warnings).toEqual([]);
  });

  it('resolves an env that is not frozen afresh each time: it may have changed', () => {
    const env: Record<string, string> = { ETCDCTL_HEX: 'true' };
    const before = resolveGlobalsKept(flagsOf(['get', 'a']), env);
    env.ETCDCTL_HEX = 'false';
    const after = resolveGlobalsKept(flagsOf(['get', 'a']), env);
    expect([before.config.hex, after.config.hex]).toEqual([true, false]);
    expect(Object.isFrozen(after.config)).toBe(false);
  });

  it('resolves again for another config file object, and reads a password file once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ectl-kept-'));
    const passwordFile = join(dir, 'pw');
    writeFileSync(passwordFile, 'first\n');
    const env = Object.freeze({});
    const file = (endpoint: string): ConfigFile => ({
      'current-context': 'c',
      contexts: [
        { name: 'c', endpoints: [endpoint], user: 'alice', 'password-file': passwordFile },
      ],
    });
    const one = file('a:1');
    const first = resolveGlobalsKept(flagsOf(['get', 'k']), env, [], one);
    writeFileSync(passwordFile, 'second\n');
    expect(resolveGlobalsKept(flagsOf(['get', 'k']), env, [], one)).toBe(first);
    expect(first.config.password).toBe('first');
    const other = resolveGlobalsKept(flagsOf(['get', 'k']), env, [], file('b:2'));
    expect(other.config.endpoints).toEqual(['b:2']);
    expect(other.config.password).toBe('second');
  });

  it('shares a result between a command with its own --endpoints and one without', () => {
    // config set-context declares --endpoints and --write-out with other defaults than the globals.
    const env = Object.freeze({});
    const file: ConfigFile = {
      'current-context': 'c',
      contexts: [{ name: 'c', 'write-out': 'json' }],
    };
    resolveGlobalsKept(flagsOf(['config', 'set-context', 'x']), env, [], file);
    const get = resolveGlobalsKept(flagsOf(['get', 'k']), env, [], file);
    expect(get.config).toEqual(resolveGlobals(flagsOf(['get', 'k']), env, [], file).config);
    expect([get.config.endpoints, get.config.writeOut]).toEqual([['127.0.0.1:2379'], 'json']);
  });

  it('hands out a kept result that no line can change for the next', () => {
    const env = Object.freeze({});
    const { config } = resolveGlobalsKept(flagsOf(['get', 'a']), env);
    expect(() => {
      (config as { hex: boolean }).hex = true;
    }).toThrow(TypeError);
    expect(() => (config.endpoints as string[]).push('x:1')).toThrow(TypeError);
    expect(() => {
      (config.tlsGiven as { cert: boolean }).cert = true;
    }).toThrow(TypeError);
    expect(resolveGlobalsKept(flagsOf(['get', 'a']), env).config.endpoints).toEqual([
      '127.0.0.1:2379',
    ]);
  });

  it('keeps no error: a conflict fails every line that has it', () => {
    const env = Object.freeze({ ETCDCTL_HEX: 'true' });
    for (let i = 0; i < 2; i++)
      expect(failure(() => resolveGlobalsKept(flagsOf(['--hex', 'get', 'a']), env))[0]).toMatch(
        /^conflicting environment variable "ETCDCTL_HEX"/,
      );
  });
});
