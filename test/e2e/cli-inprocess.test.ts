// The whole CLI run in-process (run(argv, io, signal) with buffers) against a real etcd: the
// wiring of cli.ts, context.ts and the client that the subprocess tests only see from outside.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { useEtcd } from '../harness/etcd.js';
import { bufferIo } from '../helpers/io.js';

const etcd = useEtcd();

async function ectl(argv: string[], opts: Parameters<typeof bufferIo>[0] = {}) {
  const b = bufferIo(opts);
  const code = await run(argv, b.io, new AbortController().signal);
  return { code, stdout: b.stdout(), stderr: b.stderr() };
}

describe('in-process', () => {
  it('puts and gets a value, value from stdin included', async () => {
    const ep = ['--endpoints', etcd.endpoint];
    expect(await ectl([...ep, 'put', 'inproc/a', 'va'])).toMatchObject({ code: 0, stderr: '' });
    expect((await ectl([...ep, 'put', 'inproc/b'], { input: 'line1\nline2\n' })).code).toBe(0);
    const r = await ectl([...ep, 'get', '--prefix', 'inproc/']);
    expect(r.stdout.toString()).toBe('inproc/a\nva\ninproc/b\nline1\nline2\n\n');
    const del = await ectl([...ep, 'del', '--prefix', 'inproc/', '--prev-kv']);
    expect(del.stdout.toString()).toBe('2\ninproc/a\nva\ninproc/b\nline1\nline2\n\n');
  });

  it('takes endpoints and format from ETCDCTL_* variables', async () => {
    await ectl(['--endpoints', etcd.endpoint, 'put', 'inproc/env', 'v']);
    const r = await ectl(['get', 'inproc/env'], {
      env: { ETCDCTL_ENDPOINTS: etcd.endpoint, ETCDCTL_WRITE_OUT: 'fields' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(
      /^"ClusterID" : \d+\n"MemberID" : \d+\n"Revision" : \d+\n"RaftTerm" : \d+\n"Key" : "inproc\/env"\n/,
    );
  });

  it('a variable and its flag together are fatal (exit 1), an unparsable variable is ignored', async () => {
    const both = await ectl(['--endpoints', etcd.endpoint, 'get', 'k'], {
      env: { ETCDCTL_ENDPOINTS: etcd.endpoint },
    });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain(
      'conflicting environment variable "ETCDCTL_ENDPOINTS" is shadowed by corresponding command-line flag',
    );
    const hex = await ectl(['--endpoints', etcd.endpoint, 'get', 'inproc/env'], {
      env: { ETCDCTL_HEX: 'yes' },
    });
    expect(hex.stdout.toString()).toBe('inproc/env\nv\n');
  });

  it('warns about unknown ETCDCTL_ variables and accepts ETCDCTL_API=3 only', async () => {
    const r = await ectl(['--endpoints', etcd.endpoint, 'get', 'k'], {
      env: { ETCDCTL_FOO: '1', ETCDCTL_API: '3' },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Warning: unrecognized environment variable ETCDCTL_FOO=1\n');
    expect(await ectl(['version'], { env: { ETCDCTL_API: '4' } })).toMatchObject({
      code: 1,
      stderr: 'Error: unsupported API version: 4\n',
    });
  });

  it('validates arguments before the configuration, and the format after the RPC', async () => {
    expect(await ectl(['-w', 'bad', 'get'])).toMatchObject({ code: 128 });
    expect(await ectl(['-w', 'bad', 'get', 'k'])).toMatchObject({
      code: 4,
      stderr: 'Error: unsupported output format\n',
    });
    const table = await ectl(['--endpoints', etcd.endpoint, '-w', 'table', 'put', 'inproc/t', 'v']);
    expect(table).toMatchObject({
      code: 4,
      stderr: 'Error: table not supported as output format\n',
    });
    // The put happened before the format was rejected, as with etcdctl.
    expect(
      (
        await ectl(['--endpoints', etcd.endpoint, 'get', 'inproc/t', '--print-value-only'])
      ).stdout.toString(),
    ).toBe('v\n');
  });

  it('reports usage errors with a hint and exit 1', async () => {
    const r = await ectl(['get', '--nope']);
    expect(r).toMatchObject({
      code: 1,
      stderr: "Error: unknown flag: --nope\nRun 'ectl get --help' for usage.\n",
    });
    const cmd = await ectl(['gte']);
    expect(cmd.code).toBe(1);
    expect(cmd.stderr).toBe(
      `Error: unknown command "gte" for "ectl"\n\nDid you mean this?\n\tget\n\nRun 'ectl --help' for usage.\n`,
    );
  });

  it('prints help on stdout with exit 0, examples included', async () => {
    const r = await ectl(['get', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toContain('Gets the key or a range of keys');
    expect(r.stdout.toString()).toContain('Examples:');
    expect((await ectl(['help', 'put'])).stdout.toString()).toContain(
      'Puts the given key into the store',
    );
    expect((await ectl([])).code).toBe(0);
  });

  it('prints version and options without contacting a server', async () => {
    expect((await ectl(['version', '--endpoints', '127.0.0.1:1'])).stdout.toString()).toMatch(
      /^ectl version: \S+\nAPI version: 3\.6\n$/,
    );
    const o = (await ectl(['options'])).stdout.toString();
    expect(o).toContain('The following options can be passed to any command:\n\n');
    expect(o).toMatch(
      /^ {6}--endpoints strings {12}gRPC endpoints \(default \[127\.0\.0\.1:2379\]\)$/m,
    );
    expect(o).toMatch(
      /^ {2}-w, --write-out string {13}set the output format \(fields, json, protobuf, simple, table\) \(default "simple"\)$/m,
    );
  });

  it('--debug dumps the configuration without secrets', async () => {
    const r = await ectl([
      '--debug',
      '--endpoints',
      etcd.endpoint,
      '--user',
      'bob:s3cret',
      'get',
      'k',
    ]);
    expect(r.stderr).toContain('ETCDCTL_USER=bob:<redacted>\n');
    expect(r.stderr).toContain(`ETCDCTL_ENDPOINTS=[${etcd.endpoint}]\n`);
    expect(r.stderr).not.toContain('s3cret');
  });

  it('lease keep-alive on a lost lease: exit 0 as etcdctl, 1 under --strict or ECTL_STRICT=1', async () => {
    const args = ['--endpoints', etcd.endpoint, 'lease', 'keep-alive', '1234'];
    const line = 'lease 0000000000001234 expired or revoked.\n';
    const plain = await ectl(args);
    expect([plain.code, plain.stdout.toString(), plain.stderr]).toEqual([0, line, '']);
    for (const [argv, env] of [
      [['--strict', ...args], {}],
      [args, { ECTL_STRICT: '1' }],
    ] as const) {
      const r = await ectl([...argv], { env });
      expect([r.code, r.stdout.toString(), r.stderr]).toEqual([1, line, '']);
    }
    const json = await ectl([...args, '-w', 'json'], { env: { ECTL_STRICT: '1' } });
    expect([json.code, json.stdout.toString(), json.stderr]).toEqual([
      1,
      '',
      'Error: lease 0000000000001234 expired or revoked\n',
    ]);
    expect((await ectl(args, { env: { ECTL_STRICT: 'yes' } })).code).toBe(1);
    expect((await ectl(['--strict=false', ...args], { env: { ECTL_STRICT: '1' } })).code).toBe(0);
  });
});
