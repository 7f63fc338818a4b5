// A member's resident memory as etcdctl's `check datascale` reads it (endpointMemoryMetrics in
// util.go): GET <endpoint>/metrics over HTTP (`http://` put before an endpoint without a scheme),
// or HTTPS with the client certificate and the system's roots; the first line starting with
// process_resident_memory_bytes holds the value. Failures are etcdctl's printed lines.
import { readFile } from 'node:fs/promises';
import * as http from 'node:http';
import * as https from 'node:https';
import { GoFloatError, parseGoFloat } from '../../go/float.js';

const metric = 'process_resident_memory_bytes';
const maxBody = 64 * 1024 * 1024;

/** The client certificate and verification switch etcdctl uses for an https:// endpoint. */
export interface MetricsTls {
  cert: string;
  key: string;
  insecureSkipVerify: boolean;
}

/** The bytes read, or 0 and the line etcdctl prints for why (it treats 0 as a failure too). */
export interface MemoryReading {
  bytes: number;
  problem?: string;
}

/** The metrics URL of an endpoint, as etcdctl builds it. */
export function metricsUrl(endpoint: string): string {
  const host = /^https?:\/\//.test(endpoint) ? endpoint : `http://${endpoint}`;
  return `${host}/metrics`;
}

/** The value of process_resident_memory_bytes in a Prometheus text exposition. */
export function residentMemoryOf(body: string): MemoryReading {
  const line = body.split('\n').find((l) => l.startsWith(metric));
  const text = line?.slice(metric.length).trim() ?? '';
  if (text === '') return { bytes: 0, problem: `could not find: ${metric}` };
  try {
    return { bytes: parseGoFloat(text) };
  } catch (err) {
    if (err instanceof GoFloatError) return { bytes: 0, problem: `parse error: ${err.message}` };
    throw err;
  }
}

const errnoTexts: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
};

// Go's tls.LoadX509KeyPair: the files must exist and hold PEM blocks.
async function loadKeyPair(tls: MetricsTls): Promise<{ cert: Buffer; key: Buffer } | string> {
  const read = async (path: string): Promise<Buffer | string> => {
    try {
      return await readFile(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      return `open ${path}: ${errnoTexts[code] ?? (err as Error).message}`;
    }
  };
  const cert = await read(tls.cert);
  if (typeof cert === 'string') return cert;
  const key = await read(tls.key);
  if (typeof key === 'string') return key;
  if (!cert.includes('-----BEGIN')) return 'tls: failed to find any PEM data in certificate input';
  if (!key.includes('-----BEGIN')) return 'tls: failed to find any PEM data in key input';
  return { cert, key };
}

// Go's net/http wording of the common failures.
function fetchErrorText(url: string, err: NodeJS.ErrnoException, timedOut: boolean): string {
  const { host } = new URL(url);
  let why: string;
  if (timedOut) why = 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';
  else if (err.code === 'ECONNREFUSED') why = `dial tcp ${host}: connect: connection refused`;
  // The server closed the connection without an answer.
  else if (err.code === 'ECONNRESET' && err.message === 'socket hang up') why = 'EOF';
  else if (err.code === 'ENOTFOUND')
    why = `dial tcp: lookup ${new URL(url).hostname}: no such host`;
  else if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(err.code ?? ''))
    why = 'tls: failed to verify certificate: x509: certificate signed by unknown authority';
  else why = err.message;
  return `Get "${url}": ${why}`;
}

/**
 * Reads the resident memory of the member at `endpoint`, within `timeoutMs` (etcdctl's http.Get
 * has no timeout: ectl never waits forever).
 */
export async function residentMemoryBytes(
  endpoint: string,
  tls: MetricsTls,
  timeoutMs: number,
): Promise<MemoryReading> {
  const url = metricsUrl(endpoint);
  const secure = url.startsWith('https://');
  let options: Record<string, unknown> = {};
  if (secure) {
    const pair = await loadKeyPair(tls);
    if (typeof pair === 'string') return { bytes: 0, problem: `client certificate error: ${pair}` };
    options = { ...pair, rejectUnauthorized: !tls.insecureSkipVerify };
  }
  const transport = secure ? https : http;
  return new Promise((resolve) => {
    let timedOut = false;
    const fail = (err: Error) =>
      resolve({
        bytes: 0,
        problem: `fetch error: ${fetchErrorText(url, err as NodeJS.ErrnoException, timedOut)}`,
      });
    let req: http.ClientRequest;
    try {
      req = transport.get(url, options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBody) req.destroy(new Error('metrics response too large'));
          else chunks.push(c);
        });
        res.on('error', (err) => {
          clearTimeout(timer);
          resolve({ bytes: 0, problem: `fetch error: reading ${url}: ${err.message}` });
        });
        // Cut off before its end (after 'end' this settles nothing).
        res.on('close', () => {
          clearTimeout(timer);
          resolve({ bytes: 0, problem: `fetch error: reading ${url}: unexpected EOF` });
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(residentMemoryOf(Buffer.concat(chunks).toString('utf8')));
        });
      });
    } catch (err) {
      fail(err as Error);
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timeout'));
    }, timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
  });
}
