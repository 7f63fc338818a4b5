// ectl batch in-process against the fake client: every line shares one client, made once and
// closed once after the last line; the first failure stops with `line N: ` before its error,
// --keep-going runs on and exits with the first failure's code.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Connect } from '../../src/etcd/client-config.js';
import { FakeEtcd } from '../helpers/fake-client.js';
import { bufferIo } from '../helpers/io.js';

function counted(fake: FakeEtcd) {
  const seen = { closes: 0 };
  const connect: Connect = async (config, hooks) => {
    const client = await fake.connect(config, hooks);
    return { ...client, close: async () => void seen.closes++ };
  };
  return { connect, seen };
}

async function batch(script: string, args: string[] = []) {
  const fake = new FakeEtcd();
  const { connect, seen } = counted(fake);
  const b = bufferIo({ input: script });
  const code = await run(['batch', ...args], b.io, new AbortController().signal, { connect });
  return { code, out: b.stdout().toString(), err: b.stderr(), fake, seen };
}

describe('ectl batch in-process', () => {
  it('runs every line over one client, closed once at the end', async () => {
    const r = await batch('put a 1\nput b "two words"\nget b\nget --prefix "" --keys-only\n');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('OK\nOK\nb\ntwo words\na\n\nb\n\n');
    expect(r.fake.connects).toBe(1);
    expect(r.seen.closes).toBe(1);
  });

  it('stops at the first failing line, its error prefixed with the line number', async () => {
    const r = await batch('put a 1\n\nget missing --strict\nput c 3\n');
    expect(r.code).toBe(1);
    expect(r.out).toBe('OK\n');
    expect(r.err).toBe('line 3: Error: key "missing" not found\n');
    expect(r.fake.kvs.has('c')).toBe(false);
    expect(r.seen.closes).toBe(1);
  });

  it("--keep-going runs the rest and exits with the first failure's code", async () => {
    const r = await batch('put\nget missing --strict\nput c 3\n', ['--keep-going']);
    expect(r.code).toBe(128);
    expect(r.out).toBe('OK\n'); // put c 3
    expect(r.err).toBe(
      'line 1: Error: put command needs 1 argument and input from stdin or 2 arguments\n' +
        'line 2: Error: key "missing" not found\n',
    );
    expect(r.fake.kvs.has('c')).toBe(true);
  });

  it('checks every line before running any: a refused line leaves nothing written', async () => {
    const r = await batch('put a 1\nput b 2\nwatch a\n');
    expect(r.code).toBe(3);
    expect(r.out).toBe('');
    expect(r.err).toBe('Error: line 3: watch runs until interrupted: a batch cannot run it\n');
    expect(r.fake.calls).toEqual([]);
    expect(r.fake.connects).toBe(0);
  });

  it('gives the global flags of the batch line to every line', async () => {
    const fake = new FakeEtcd();
    const b = bufferIo({ input: 'put a 1\nget a\nget a -w simple\n' });
    const code = await run(['-w', 'json', 'batch'], b.io, new AbortController().signal, {
      connect: fake.connect,
    });
    expect(code).toBe(0);
    const lines = b.stdout().toString().trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\{"header":/);
    expect(lines[1]).toMatch(/^\{"header":.*"kvs":\[/);
    expect(lines.slice(2)).toEqual(['a', '1']);
  });

  it('reads a missing file as Go says it', async () => {
    const r = await batch('', ['/nonexistent/script.ectl']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('Error: open /nonexistent/script.ectl: no such file or directory\n');
  });
});
