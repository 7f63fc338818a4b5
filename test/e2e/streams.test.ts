// The stream primitive of the etcd layer against a real etcd: a watch stream receives an event,
// and a stream opened with a dead first endpoint lands on the live one.
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/etcd/client.js';
import { openStream } from '../../src/etcd/transport/streams.js';
import { resolveGlobals } from '../../src/cli/config.js';
import { globalFlags } from '../../src/cli/globals.js';
import { parseArgv } from '../../src/cli/argv.js';
import { buildProgram } from '../../src/commands/index.js';
import { useEtcd } from '../harness/etcd.js';
import { bufferIo } from '../helpers/io.js';
import { clientHooks } from '../../src/cli/client-hooks.js';

const etcd = useEtcd();

async function client(endpoints: string) {
  const b = bufferIo();
  const parsed = parseArgv(
    ['get', 'x', '--endpoints', endpoints],
    await buildProgram(b.io),
    globalFlags,
  );
  const { config } = resolveGlobals(parsed.flags, {});
  return createClient(config, clientHooks(b.io, new AbortController().signal, false));
}

describe('streams', () => {
  it('a watch stream delivers a put, after failing over from a refused endpoint', async () => {
    const c = await client(`127.0.0.1:1,${etcd.endpoint}`);
    try {
      const stream = await openStream(c, 'Watch.Watch', Date.now() + 3000);
      expect(stream.endpoint).toBe(etcd.endpoint);
      const events: string[] = [];
      const got = new Promise<void>((resolve) => {
        stream.call.on('data', (r) => {
          for (const e of r.events) events.push(Buffer.from(e.kv!.value).toString());
          if (events.length > 0) resolve();
        });
      });
      stream.write({ create_request: { key: Buffer.from('streams/k') } });
      await new Promise((r) => setTimeout(r, 100));
      await c.unary(
        'KV.Put',
        { key: Buffer.from('streams/k'), value: Buffer.from('v1') },
        { deadline: Date.now() + 3000 },
      );
      await got;
      expect(events).toEqual(['v1']);
      stream.cancel();
    } finally {
      c.close();
    }
  });

  it('names the cause when no endpoint connects', async () => {
    const c = await client('127.0.0.1:1');
    try {
      await expect(openStream(c, 'Watch.Watch', Date.now() + 500)).rejects.toThrow(
        'context deadline exceeded (127.0.0.1:1: connection refused)',
      );
    } finally {
      c.close();
    }
  });
});
