// A TCP proxy to a local server that passes the server's bytes on at a fixed rate, so a long
// download (a snapshot) takes a known time and can be watched or cut while it runs. When the server
// side closes (the server was killed), the client side is destroyed at once, dropping what is still
// queued, as a real crash looks to a client.
import net from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

export interface SlowProxy {
  endpoint: string;
  /** Server bytes passed on to clients so far. */
  readonly forwarded: number;
  close(): Promise<void>;
}

/** Proxies 127.0.0.1:`targetPort`, passing the server's bytes on at `bytesPerSec`. */
export function slowProxy(targetPort: number, bytesPerSec: number): Promise<SlowProxy> {
  const sockets = new Set<net.Socket>();
  let forwarded = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const slow = new Transform({
      transform(chunk: Buffer, _enc, done: TransformCallback) {
        const ms = (chunk.length * 1000) / bytesPerSec;
        setTimeout(() => {
          forwarded += chunk.length;
          done(null, chunk);
        }, ms);
      },
    });
    const cut = () => {
      upstream.destroy();
      slow.destroy();
      client.destroy();
    };
    upstream.on('error', cut).on('close', cut);
    client.on('error', cut).on('close', cut);
    client.pipe(upstream);
    upstream.pipe(slow).pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        endpoint: `127.0.0.1:${port}`,
        get forwarded() {
          return forwarded;
        },
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
