// A lean unary call over node:http2 for the common case of one plaintext IPv4 endpoint: loading
// grpc-js and building its channel (resolver, load balancer, subchannel) costs a one-shot command
// more than the call itself. Anything out of the ordinary (no connection, a dropped stream, a
// malformed answer) is reported as `fallback`, and the caller repeats the call through grpc-js,
// whose behaviour (failover, error texts) stays the reference. A client that makes many calls in a
// row may have their streams opened ahead (streams-ahead.ts).
import * as http2 from 'node:http2';
import type { Endpoint } from './endpoints.js';
import { StreamsAhead } from './streams-ahead.js';

/** How a direct call ended: a response message, a gRPC status, or "ask grpc-js". */
export type DirectResult =
  { message: Buffer } | { code: number; details: string } | { fallback: 'not-sent' | 'maybe-sent' };

/** What a direct call needs besides the request bytes. */
export interface DirectCall {
  deadline?: number;
  signal?: AbortSignal;
  metadata?: Record<string, string>;
}

// Connecting over loopback takes a millisecond or two: an endpoint that has not answered by then
// is left to grpc-js, which knows how to wait for it and how to word its failure.
const connectGraceMs = 250;
const { HTTP2_HEADER_STATUS: statusHeader, HTTP2_HEADER_CONTENT_TYPE: contentTypeHeader } =
  http2.constants;

/** The `host:port` of an endpoint the direct path may serve, or undefined. */
export function directAddress(ep: Endpoint): { host: string; port: number } | undefined {
  if (ep.tls || ep.plaintextToo) return undefined;
  const m = /^ipv4:(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(ep.target);
  return m ? { host: m[1]!, port: Number(m[2]) } : undefined;
}

/** grpc-timeout's value for a deadline in epoch ms (at most 8 digits, as the protocol says). */
function timeoutHeader(deadline: number): string | undefined {
  const ms = Math.max(1, Math.ceil(deadline - Date.now()));
  if (ms < 1e8) return `${ms}m`;
  const s = Math.ceil(ms / 1000);
  return s < 1e8 ? `${s}S` : undefined;
}

/** `headers` with the grpc-timeout of `deadline` (epoch ms), when it has one. */
function withTimeout(
  headers: http2.OutgoingHttpHeaders,
  deadline: number | undefined,
): http2.OutgoingHttpHeaders {
  const t =
    deadline !== undefined && Number.isFinite(deadline) ? timeoutHeader(deadline) : undefined;
  return t ? { ...headers, 'grpc-timeout': t } : headers;
}

/** One HTTP/2 connection to one endpoint, opened on first use. */
export class DirectChannel {
  private session?: http2.ClientHttp2Session;
  private connected?: Promise<boolean>;
  private readonly ahead?: StreamsAhead;

  constructor(
    private readonly address: { host: string; port: number },
    private readonly maxRecvBytes: number,
    openStreamsAhead = false,
  ) {
    if (openStreamsAhead) this.ahead = new StreamsAhead();
  }

  /** Whether the connection is up (connecting on first use); false sends the caller to grpc-js. */
  connect(): Promise<boolean> {
    this.connected ??= new Promise<boolean>((resolve) => {
      const { host, port } = this.address;
      const session = http2.connect(`http://${host}:${port}`, {
        // Large ranges arrive faster with a window that does not stall every 64 KiB.
        settings: { initialWindowSize: 8 << 20, enablePush: false },
      });
      this.session = session;
      const timer = setTimeout(() => resolve(false), connectGraceMs);
      // Up once the server has spoken (its SETTINGS), as grpc-js counts a channel ready: a frozen
      // member accepts the TCP connection but never answers.
      session.once('remoteSettings', () => {
        clearTimeout(timer);
        session.setLocalWindowSize(16 << 20);
        resolve(true);
      });
      session.once('error', () => {
        clearTimeout(timer);
        resolve(false);
      });
      session.on('error', () => undefined);
    }).then((up) => {
      if (!up) this.close();
      return up;
    });
    return this.connected;
  }

  /** Whether this channel may still be used (it connected and has not failed since). */
  get usable(): boolean {
    const s = this.session;
    return s !== undefined && !s.closed && !s.destroyed;
  }

  /** Sends one unary request on the open connection. */
  call(path: string, bytes: Uint8Array, call: DirectCall): Promise<DirectResult> {
    const session = this.session;
    if (!session || session.closed || session.destroyed)
      return Promise.resolve({ fallback: 'not-sent' });
    const headers: http2.OutgoingHttpHeaders = {
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
    };
    for (const [k, v] of Object.entries(call.metadata ?? {})) headers[k.toLowerCase()] = v;
    const ahead = this.ahead;
    const key = ahead ? JSON.stringify(headers) : '';
    const taken = ahead?.take(key);
    const frame = Buffer.allocUnsafe(5 + bytes.length);
    frame[0] = 0;
    frame.writeUInt32BE(bytes.length, 1);
    frame.set(bytes, 5);
    return new Promise<DirectResult>((resolve) => {
      const stream =
        taken?.stream ?? session.request(withTimeout(headers, call.deadline), { endStream: false });
      const chunks: Buffer[] = [];
      let received = 0;
      let settled = false;
      let httpStatus = 0;
      let status: { code: number; details: string } | undefined;
      const finish = (r: DirectResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        call.signal?.removeEventListener('abort', onAbort);
        if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
        resolve(r);
      };
      const onAbort = () => finish({ code: 1, details: 'Call cancelled' });
      call.signal?.addEventListener('abort', onAbort, { once: true });
      const left = call.deadline === undefined ? Infinity : call.deadline - Date.now();
      const timer = Number.isFinite(left)
        ? setTimeout(() => finish({ code: 4, details: 'Deadline exceeded' }), Math.max(0, left))
        : undefined;
      const takeStatus = (h: http2.IncomingHttpHeaders) => {
        const code = h['grpc-status'];
        if (typeof code !== 'string') return;
        const raw = h['grpc-message'];
        let details = typeof raw === 'string' ? raw : '';
        try {
          details = decodeURI(details);
        } catch {
          // grpc-js keeps a message it cannot decode as it is.
        }
        status = { code: Number(code), details };
      };
      stream.on('response', (h) => {
        httpStatus = Number(h[statusHeader]);
        const type = h[contentTypeHeader];
        if (httpStatus !== 200 || typeof type !== 'string' || !type.startsWith('application/grpc'))
          finish({ fallback: 'maybe-sent' });
        else takeStatus(h); // a trailers-only answer carries its status here
      });
      stream.on('trailers', takeStatus);
      stream.on('data', (c: Buffer) => {
        if (received < 5 && received + c.length >= 5) {
          const head = Buffer.concat([...chunks, c]);
          const length = head.readUInt32BE(1);
          if (head[0] !== 0) return finish({ fallback: 'maybe-sent' });
          if (length > this.maxRecvBytes) {
            const details = `Received message larger than max (${length} vs ${this.maxRecvBytes})`;
            return finish({ code: 8, details });
          }
        }
        received += c.length;
        chunks.push(c);
      });
      stream.on('close', () => {
        if (settled) return;
        // REFUSED_STREAM before any answer: the server did not process it (RFC 9113 8.7).
        if (httpStatus === 0 && stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM)
          return finish({ fallback: 'not-sent' });
        if (!status || httpStatus !== 200) return finish({ fallback: 'maybe-sent' });
        if (status.code !== 0) return finish(status);
        const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received);
        if (body.length < 5 || body.readUInt32BE(1) !== body.length - 5)
          return finish({ fallback: 'maybe-sent' });
        finish({ message: body.subarray(5) });
      });
      stream.on('error', () => undefined);
      stream.end(frame);
      // After the native write the request is waiting in (both are immediates, native ones first).
      if (taken?.repeated) setImmediate(() => ahead!.open(session, key, headers));
    });
  }

  /** Closes the connection; resolves once it is closed. */
  close(): Promise<void> {
    const session = this.session;
    const reset = this.ahead?.reset() ?? false;
    if (!session || session.destroyed || !reset) {
      session?.destroy();
      return Promise.resolve();
    }
    // A stream opened ahead is reset before the connection goes, and the process must not exit
    // before that is sent: etcd's handler waiting on the stream then ends quietly, where a
    // connection that just vanishes makes grpc-go log a warning for it.
    return new Promise((resolve) =>
      setImmediate(() => {
        session.destroy();
        resolve();
      }),
    );
  }
}
