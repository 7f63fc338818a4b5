// How global flags and ETCDCTL_* variables combine (pkg/flags' SetPflagsFromEnv rules): a set
// variable conflicts with its flag even when empty, and an empty one is not used but warned about.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.js';
import { parseArgv } from '../../src/cli/argv.js';
import { resolveGlobals } from '../../src/cli/config.js';
import { globalFlags } from '../../src/cli/globals.js';
import { failure } from '../helpers/failure.js';
import { bufferIo } from '../helpers/io.js';

function resolve(argv: string[], env: Record<string, string>) {
  const { flags } = parseArgv(argv, buildProgram(bufferIo().io), globalFlags);
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
