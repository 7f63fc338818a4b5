// The direct path's streams opened ahead (transport/direct.ts), seen from a node:http2 server that
// answers like a gRPC server: the next call writes its request on a stream opened while the call
// before it waited, a stream opened ahead carries no request until its call comes, and one that is
// not used is reset (never left for the connection's end to cut).
import * as http2 from 'node:http2';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectChannel } from '../../src/etcd/transport/direct.js';

interface SeenStream {
  id: number;
  path: string;
  timeout?: string;
  /** The request's bytes (gRPC frame included). */
  body: Buffer;
  /** The RST_STREAM code once it closed; 0 for a stream that ended normally. */
  rstCode?: number;
}

/**
 * A server answering every request on a path starting with /ok with a 3-byte message, but never
 * the request "hang"; it refuses (REFUSED_STREAM) streams to /refuse, and the streams whose
 * 1-based numbers are in `refuse`.
 */
async function grpcServer(refuse: number[] = []) {
  const streams: SeenStream[] = [];
  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const seen: SeenStream = {
      id: stream.id ?? 0,
      path: String(headers[':path']),
      timeout: headers['grpc-timeout'] as string | undefined,
      body: Buffer.alloc(0),
    };
    streams.push(seen);
    if (seen.path === '/refuse' || refuse.includes(streams.length))
      stream.close(http2.constants.NGHTTP2_REFUSED_STREAM);
    stream.on('data', (c: Buffer) => (seen.body = Buffer.concat([seen.body, c])));
    stream.on('close', () => (seen.rstCode = stream.rstCode));
    stream.on('error', () => undefined);
    stream.on('end', () => {
      const request = seen.body.subarray(5).toString();
      if (!seen.path.startsWith('/ok') || request === '' || request === 'hang' || stream.closed)
        return;
      stream.respond(
        { ':status': 200, 'content-type': 'application/grpc' },
        { waitForTrailers: true },
      );
      stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
      stream.end(Buffer.from([0, 0, 0, 0, 3, 1, 2, 3]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { streams, port, close: () => new Promise((r) => server.close(r)) };
}

/**
 * A TCP relay in front of `port` that keeps what the client sent, to read its HTTP/2 frames: the
 * server's view of a stream closed by the connection's end and one reset by the client are alike.
 */
async function recordingRelay(port: number) {
  const sent: Buffer[] = [];
  const relay = net.createServer((client) => {
    const server = net.connect(port, '127.0.0.1');
    client.on('data', (c) => sent.push(c));
    client.pipe(server).pipe(client);
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  /** The frames the client sent, as [type, stream id, first 4 payload bytes as a number]. */
  const frames = () => {
    const bytes = Buffer.concat(sent).subarray(24); // the connection preface
    const out: [number, number, number][] = [];
    for (let at = 0; at + 9 <= bytes.length; at += 9 + bytes.readUIntBE(at, 3)) {
      const payload = bytes.subarray(at + 9, at + 9 + bytes.readUIntBE(at, 3));
      out.push([
        bytes[at + 3]!,
        bytes.readUInt32BE(at + 5) & 0x7fffffff,
        payload.length >= 4 ? payload.readUInt32BE(0) : -1,
      ]);
    }
    return out;
  };
  const { port: relayPort } = relay.address() as AddressInfo;
  return { port: relayPort, frames, close: () => new Promise((r) => relay.close(r)) };
}

/** A script that makes one call with streams opened ahead, closes the channel and exits. */
async function closingClient(): Promise<string> {
  const direct = fileURLToPath(new URL('../../src/etcd/transport/direct.ts', import.meta.url));
  const entry = `import { DirectChannel } from ${JSON.stringify(direct)};
    const channel = new DirectChannel({ host: '127.0.0.1', port: Number(process.env.PORT) }, 1 << 20, true);
    await channel.connect();
    await channel.call('/ok', Buffer.from('a'), {});
    await channel.call('/ok', Buffer.from('b'), {});
    await new Promise((r) => setTimeout(r, 20));
    await channel.close();
    process.exit(0);`;
  const out = await build({
    stdin: { contents: entry, loader: 'ts', resolveDir: dirname(direct) },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

const tick = () => new Promise((r) => setTimeout(r, 20));
const ok = { message: Buffer.from([1, 2, 3]) };

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setUp(openAhead: boolean, refuse: number[] = []) {
  const server = await grpcServer(refuse);
  const channel = new DirectChannel({ host: '127.0.0.1', port: server.port }, 1 << 20, openAhead);
  cleanup.push(server.close, () => channel.close());
  expect(await channel.connect()).toBe(true);
  return { server, channel };
}

/** The request each stream the server saw carried ('' for none). */
const requests = (streams: SeenStream[]) => streams.map((s) => s.body.subarray(5).toString());

async function callsOn(channel: DirectChannel, path: string, ...requests: string[]) {
  for (const r of requests) expect(await channel.call(path, Buffer.from(r), {})).toEqual(ok);
}

describe('streams opened ahead', () => {
  it('writes a repeated call on the stream opened while the call before it waited', async () => {
    const { server, channel } = await setUp(true);
    const deadline = () => Date.now() + 5000;
    expect(await channel.call('/ok', Buffer.from('a'), { deadline: deadline() })).toEqual(ok);
    await tick();
    // One call says nothing of the next: no stream is opened ahead yet.
    expect(server.streams).toHaveLength(1);
    expect(await channel.call('/ok', Buffer.from('b'), { deadline: deadline() })).toEqual(ok);
    await tick();
    // The third stream is open at the server, with nothing on it yet.
    expect(requests(server.streams)).toEqual(['a', 'b', '']);
    expect(await channel.call('/ok', Buffer.from('c'), { deadline: deadline() })).toEqual(ok);
    await tick();
    expect(requests(server.streams)).toEqual(['a', 'b', 'c', '']);
    const [a, b, c] = server.streams;
    // A stream opened ahead cannot know its call's deadline; the others carried theirs.
    expect([a!.timeout, b!.timeout]).toEqual([expect.stringMatching(/^\d+m$/), expect.any(String)]);
    expect(c!.timeout).toBeUndefined();
  });

  it('resets a stream opened for another method or other metadata, and opens a fresh one', async () => {
    const { server, channel } = await setUp(true);
    await callsOn(channel, '/ok', 'a', 'b');
    await callsOn(channel, '/ok-too', 'c');
    await tick();
    expect(requests(server.streams)).toEqual(['a', 'b', '', 'c']);
    expect(server.streams[2]!.rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
    await callsOn(channel, '/ok-too', 'd');
    await tick();
    const withToken = { metadata: { token: 't' } };
    expect(await channel.call('/ok-too', Buffer.from('e'), withToken)).toEqual(ok);
    await tick();
    expect(requests(server.streams)).toEqual(['a', 'b', '', 'c', 'd', '', 'e']);
    expect(server.streams[5]!.rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
  });

  it('opens nothing ahead for calls that alternate', async () => {
    const { server, channel } = await setUp(true);
    for (const r of ['a', 'b', 'c']) {
      await callsOn(channel, '/ok', r);
      await callsOn(channel, '/ok-too', r);
    }
    await tick();
    expect(server.streams.map((s) => s.path)).toEqual(Array(3).fill(['/ok', '/ok-too']).flat());
  });

  it('takes a fresh stream when the one opened ahead was refused meanwhile', async () => {
    const { server, channel } = await setUp(true, [3]);
    await callsOn(channel, '/ok', 'a', 'b');
    await tick();
    await callsOn(channel, '/ok', 'c');
    await tick();
    expect(requests(server.streams).slice(0, 4)).toEqual(['a', 'b', '', 'c']);
    expect(server.streams[2]!.rstCode).toBe(http2.constants.NGHTTP2_REFUSED_STREAM);
  });

  it('reports a refused stream as not sent (the server did not process it)', async () => {
    const { channel } = await setUp(false);
    expect(await channel.call('/refuse', Buffer.from('a'), {})).toEqual({ fallback: 'not-sent' });
  });

  it('resets the unused stream before the connection goes, and close() waits for that', async () => {
    const server = await grpcServer();
    const relay = await recordingRelay(server.port);
    cleanup.push(server.close, relay.close);
    // As ectl does: the process exits as soon as close() has resolved.
    const child = spawn(process.execPath, ['--input-type=module', '-e', await closingClient()], {
      env: { ...process.env, PORT: String(relay.port) },
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    await tick();
    const spare = server.streams[2]!;
    expect(spare.body.length).toBe(0);
    const rstStream = 3;
    expect(relay.frames()).toContainEqual([rstStream, spare.id, http2.constants.NGHTTP2_CANCEL]);
  });

  it("keeps a call's deadline on a stream opened ahead: the stream is reset when it passes", async () => {
    const { server, channel } = await setUp(true);
    await callsOn(channel, '/ok', 'a', 'b');
    await tick();
    const started = Date.now();
    const r = await channel.call('/ok', Buffer.from('hang'), { deadline: started + 100 });
    expect(r).toEqual({ code: 4, details: 'Deadline exceeded' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    await tick();
    const hung = server.streams[2]!;
    expect(hung.timeout).toBeUndefined();
    expect(hung.body.subarray(5).toString()).toBe('hang');
    expect(hung.rstCode).toBe(http2.constants.NGHTTP2_CANCEL);
  });

  it('opens no stream ahead unless asked to', async () => {
    const { server, channel } = await setUp(false);
    await channel.call('/ok', Buffer.from('a'), {});
    await channel.call('/ok', Buffer.from('b'), {});
    await tick();
    expect(server.streams.map((s) => s.body.subarray(5).toString())).toEqual(['a', 'b']);
  });
});
