// How global flags and ETCDCTL_* variables combine (pkg/flags' SetPflagsFromEnv rules): a set
// variable conflicts with its flag even when empty, and an empty one is not used but warned about.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { parseArgv } from '../../src/cli/argv.js';
import { colourModeOf, debugDump, resolveGlobals } from '../../src/cli/config.js';
import { globalFlags } from '../../src/cli/globals.js';
import { failure } from '../helpers/failure.js';
import { bufferIo } from '../helpers/io.js';

const program = await buildProgram(bufferIo().io);

function resolve(argv: string[], env: Record<string, string>) {
  const { flags } = parseArgv(argv, program, globalFlags);
  return resolveGlobals(flags, env);
}

describe('ETCDCTL_* resolution', () => {
  it('an empty ETCDCTL_ENDPOINTS alone is not used (the default stays) and is warned about', () => {
    const { config, warnings } = resolve(['get', 'k'], { ETCDCTL_ENDPOINTS: '' });
    expect(config.endpoints).toEqual(['127.0.0.1:2379']);
    expect(warnings).toEqual(['Warning: unrecognized environment variable ETCDCTL_ENDPOINTS=']);
  });

  it('an empty ETCDCTL_ENDPOINTS with --endpoints is the conflict, as any set variable', () => {
    for (const value of ['', 'x:1'])
      expect(
        failure(() => resolve(['--endpoints', 'y:1', 'get', 'k'], { ETCDCTL_ENDPOINTS: value })),
      ).toEqual([
        'conflicting environment variable "ETCDCTL_ENDPOINTS" is shadowed by corresponding command-line flag (either unset environment variable or disable flag)',
        1,
        undefined,
      ]);
  });

  it('--endpoints "" resolves to an empty list (the client then has no endpoint)', () => {
    expect(resolve(['--endpoints', '', 'get', 'k'], {}).config.endpoints).toEqual([]);
  });
});

describe('--strict and ECTL_STRICT (ectl’s own flag)', () => {
  const strict = (argv: string[], env: Record<string, string>) =>
    resolve([...argv, 'get', 'k'], env).config.strict;

  it('is off by default; ECTL_STRICT=1 or --strict turns it on', () => {
    expect(strict([], {})).toBe(false);
    expect(strict([], { ECTL_STRICT: '1' })).toBe(true);
    expect(strict([], { ECTL_STRICT: 'true' })).toBe(true);
    expect(strict([], { ECTL_STRICT: '' })).toBe(false);
    expect(strict(['--strict'], {})).toBe(true);
  });

  it('the flag wins over its variable, without the conflict of ETCDCTL_* variables', () => {
    expect(strict(['--strict=false'], { ECTL_STRICT: '1' })).toBe(false);
    expect(strict(['--strict'], { ECTL_STRICT: '0' })).toBe(true);
  });

  it('a value that does not parse is an error, not silently ignored', () => {
    expect(failure(() => strict([], { ECTL_STRICT: 'yes' }))).toEqual([
      'invalid value "yes" for ECTL_STRICT: strconv.ParseBool: parsing "yes": invalid syntax',
      1,
      undefined,
    ]);
  });

  it('ETCDCTL_STRICT is not its variable: warned about as unrecognized, no effect', () => {
    const { config, warnings } = resolve(['get', 'k'], { ETCDCTL_STRICT: '1', ECTL_STRICT: '0' });
    expect(config.strict).toBe(false);
    expect(warnings).toEqual(['Warning: unrecognized environment variable ETCDCTL_STRICT=1']);
  });

  it('--debug shows it after etcdctl’s variables', () => {
    const dump = debugDump(resolve(['--strict', 'get', 'k'], {}).config).split('\n');
    expect(dump.slice(-2)).toEqual(['ECTL_STRICT=true', '']);
    expect(dump[0]).toBe('ETCDCTL_AUTH_JWT_TOKEN=');
  });
});

describe('--color and ECTL_COLOR (ectl’s own flag)', () => {
  const color = (argv: string[], env: Record<string, string>) =>
    resolve([...argv, 'get', 'k'], env).config.color;

  it('auto by default; the flag wins over the variable', () => {
    expect(color([], {})).toBe('auto');
    expect(color([], { ECTL_COLOR: 'never' })).toBe('never');
    expect(color(['--color', 'always'], { ECTL_COLOR: 'never' })).toBe('always');
    expect(color(['--color=never'], {})).toBe('never');
  });

  it('another value, from the flag or the variable, is exit 128 with the choices', () => {
    expect(failure(() => color(['--color', 'yes'], {}))).toEqual([
      'invalid --color "yes" (use one of: auto, always, never)',
      128,
      undefined,
    ]);
    expect(failure(() => color([], { ECTL_COLOR: 'yes' }))[0]).toBe(
      'invalid ECTL_COLOR "yes" (use one of: auto, always, never)',
    );
  });

  it('error lines read it even when the rest of the configuration fails', () => {
    const flags = (argv: string[]) => parseArgv([...argv, 'get', 'k'], program, globalFlags).flags;
    expect(colourModeOf(flags(['--color', 'always']), {})).toBe('always');
    expect(colourModeOf(undefined, { ECTL_COLOR: 'never' })).toBe('never');
    expect(colourModeOf(flags(['--color', 'bogus']), {})).toBe('auto');
  });
});
