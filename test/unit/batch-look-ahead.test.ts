// A batch line started while the one before it waits for etcd (look-ahead.ts): what it prints
// comes after the line before's output, nothing it sends leaves before that line ended (nor at all
// after a failure), and its --command-timeout counts from when it may send.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import type { Connect } from '../../src/etcd/client-config.js';
import type { EtcdClient } from '../../src/etcd/client.js';
import type { Io } from '../../src/io.js';
import { gate, heldOutput, mayStartEarly } from '../../src/commands/ectl/batch/look-ahead.js';
import { FakeEtcd } from '../helpers/fake-client.js';
import { bufferIo } from '../helpers/io.js';

const slowMs = 150;

/** A fake whose reads of keys starting with "slow" take slowMs; each call's time and deadline. */
function slowFake() {
  const fake = new FakeEtcd();
  const sent: { method: string; at: number; deadline?: number }[] = [];
  const connect: Connect = async (config, hooks) => {
    const client = await fake.connect(config, hooks);
    const unary = (async (
      method: string,
      req: { key?: Uint8Array },
      opts?: { deadline?: number },
    ) => {
      sent.push({ method, at: Date.now(), deadline: opts?.deadline });
      if (
        method === 'KV.Range' &&
        Buffer.from(req.key ?? [])
          .toString()
          .startsWith('slow')
      )
        await new Promise((r) => setTimeout(r, slowMs));
      return client.unary(method as never, req as never, opts);
    }) as EtcdClient['unary'];
    return { ...client, unary };
  };
  return { fake, sent, connect };
}

/** Runs a batch; stdout and stderr go to one log, so their order shows. */
async function batch(script: string, connect: Connect, args: string[] = []) {
  const log: string[] = [];
  const b = bufferIo({ input: script });
  const io: Io = {
    ...b.io,
    stdout: { write: (c) => void log.push(`out:${c.toString()}`) },
    stderr: { write: (c) => void log.push(`err:${c.toString()}`) },
  };
  const code = await run([...args, 'batch'], io, new AbortController().signal, { connect });
  return { code, log: log.join('') };
}

describe('batch look-ahead', () => {
  it("prints an early line's error after the output of the line before it", async () => {
    const { fake, connect } = slowFake();
    fake.kvs.set('slow', kv('slow', 'v'));
    const r = await batch('get slow --print-value-only\nput\nput c 3\n', connect);
    expect(r.code).toBe(128);
    expect(r.log).toBe(
      'out:v\nerr:line 2: Error: put command needs 1 argument and input from stdin or 2 arguments\n',
    );
    expect(fake.kvs.has('c')).toBe(false);
  });

  it('sends nothing of the next line after a failed slow line', async () => {
    const { fake, sent, connect } = slowFake();
    const r = await batch('get slow-missing --strict\nput c 3\nget c\n', connect);
    expect(r.code).toBe(1);
    expect(r.log).toBe('err:line 1: Error: key "slow-missing" not found\n');
    expect(sent.map((s) => s.method)).toEqual(['KV.Range']);
    expect(fake.kvs.has('c')).toBe(false);
  });

  it('sends the next line only after the slow one ended, its deadline counted from then', async () => {
    const { sent, connect } = slowFake();
    const r = await batch('get slow\nput c 3\n', connect, ['--command-timeout=1s']);
    expect(r).toEqual({ code: 0, log: 'out:OK\n' });
    const [read, put] = sent;
    expect(put!.method).toBe('KV.Put');
    expect(put!.at - read!.at).toBeGreaterThanOrEqual(slowMs - 5);
    // Counted from the put's own start: a deadline set before it waited would be slowMs short.
    expect(put!.deadline! - put!.at).toBeGreaterThan(1000 - slowMs / 2);
  });
});

describe('look-ahead parts', () => {
  it('holds writes to both outputs in their order until released, then passes them on', () => {
    const log: string[] = [];
    const held = heldOutput(
      { write: (c) => void log.push(`o${c}`) },
      { write: (c) => void log.push(`e${c}`) },
    );
    held.stdout.write('1');
    held.stderr.write('2');
    held.stdout.write('3');
    expect(log).toEqual([]);
    held.release();
    expect(log).toEqual(['o1', 'e2', 'o3']);
    held.stderr.write('4');
    expect(log).toEqual(['o1', 'e2', 'o3', 'e4']);
  });

  it('lets a connect through only once opened; a closed gate fails it without connecting', async () => {
    const calls: string[] = [];
    const inner: Connect = async () => {
      calls.push('connect');
      return {} as EtcdClient;
    };
    const opened = gate(inner);
    const pending = opened.connect({} as never, {} as never);
    await new Promise((r) => setTimeout(r, 5));
    expect(calls).toEqual([]);
    opened.open();
    await pending;
    expect(calls).toEqual(['connect']);

    const closed = gate(inner);
    const refused = closed.connect({} as never, {} as never);
    closed.close();
    await expect(refused).rejects.toThrow('the batch stopped before this line');
    expect(calls).toEqual(['connect']);
  });

  it('starts early only commands whose work before connecting prints and nothing else', () => {
    expect(mayStartEarly({ cmd: 'put' }, { cmd: 'get' })).toBe(true);
    expect(mayStartEarly({ cmd: 'snapshot save' }, { cmd: 'lease grant' })).toBe(true);
    expect(mayStartEarly({ cmd: 'config use-context' }, { cmd: 'put' })).toBe(false);
    expect(mayStartEarly({ cmd: 'put' }, { cmd: 'snapshot save' })).toBe(false);
    expect(mayStartEarly({ cmd: 'put' }, { cmd: 'import' })).toBe(false);
  });
});

function kv(key: string, value: string) {
  return {
    key: Buffer.from(key),
    value: Buffer.from(value),
    create_revision: 2n,
    mod_revision: 2n,
    version: 1n,
    lease: 0n,
  };
}
