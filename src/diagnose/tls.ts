// The TLS step of a diagnosis: a handshake that verifies nothing itself (so one connection shows
// the certificate whatever is wrong with it), what the server said once it was done (a client
// certificate is refused only after the handshake in TLS 1.3), and the certificate's checks.
import tls, { type PeerCertificate } from 'node:tls';
import { type Answer, type Enough, isEnough, type Outcome } from './net.js';
import type { Target } from './target.js';
import { hostIsIp } from './target.js';

/** The PEM material of --cacert, --cert and --key (undefined: not given). */
export interface TlsFiles {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** What one handshake showed. */
export interface Handshake {
  cert: PeerCertificate;
  /** OpenSSL's reason the chain (or host name) did not verify; undefined when it did. */
  authorizationError?: string;
  /** The server's answer to `payload` after the handshake (an alert when it refused our cert). */
  answer: Answer;
}

/** The name the certificate must carry: the host, or localhost for a unix socket. */
export function serverName(target: Target): string {
  return target.socketPath ? 'localhost' : target.host;
}

/**
 * Shakes hands with the target (trusting `files.ca`, else the system's roots), then sends `payload`
 * and collects the answer until it is `enough` (by default an HTTP/2 frame header); all within `ms`. A handshake that fails is the outcome's error.
 */
export function handshake(
  target: Target,
  files: TlsFiles,
  payload: Buffer | string,
  ms: number,
  alpn: string[],
  enough: Enough = (b) => b.length >= 9,
): Promise<Outcome<Handshake>> {
  const name = serverName(target);
  const where = target.socketPath
    ? { path: target.socketPath }
    : { host: target.host, port: target.port };
  return new Promise((resolve) => {
    const s = tls.connect({
      ...where,
      ...(hostIsIp(target) ? {} : { servername: name }),
      ca: files.ca,
      cert: files.cert,
      key: files.key,
      rejectUnauthorized: false,
      ALPNProtocols: alpn,
      // Node checks the name only when asked to reject: done here, with the same function.
      checkServerIdentity: (host, cert) => tls.checkServerIdentity(host || name, cert),
    });
    const chunks: Buffer[] = [];
    let hs: Omit<Handshake, 'answer'> | undefined;
    const finish = (closed: boolean, error?: { code: string; message: string }) => {
      clearTimeout(timer);
      s.destroy();
      if (!hs) {
        resolve(
          error
            ? { ok: false, ...error }
            : { ok: false, code: 'timeout', message: `no TLS handshake within ${ms} ms` },
        );
        return;
      }
      const answer = { bytes: Buffer.concat(chunks), closed, ...(error ? { error } : {}) };
      resolve({ ok: true, value: { ...hs, answer } });
    };
    const timer = setTimeout(() => finish(false), ms);
    s.once('secureConnect', () => {
      const err = s.authorizationError as unknown;
      hs = {
        cert: s.getPeerCertificate(false),
        ...(err ? { authorizationError: String((err as Error).message ?? err) } : {}),
      };
      s.write(payload);
    });
    s.on('data', (c: Buffer) => {
      chunks.push(c);
      if (isEnough(enough, Buffer.concat(chunks))) finish(false);
    });
    s.once('error', (e: NodeJS.ErrnoException) =>
      finish(true, { code: e.code ?? 'error', message: e.message.split('\n')[0]! }),
    );
    s.once('close', () => finish(true));
  });
}

/** The certificate's validity window and names, as the checks read them. */
export interface CertFacts {
  subject: string;
  issuer: string;
  /** "IP Address:127.0.0.1, DNS:localhost" */
  sans: string;
  validFrom: Date;
  validTo: Date;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** The facts of a peer certificate. */
export function certFacts(cert: PeerCertificate): CertFacts {
  return {
    subject: first(cert.subject?.CN),
    issuer: first(cert.issuer?.CN ?? cert.issuer?.O),
    sans: cert.subjectaltname ?? '',
    validFrom: new Date(cert.valid_from),
    validTo: new Date(cert.valid_to),
  };
}

/** Whether `cert` names `host` (Node's rules: IP SANs for an IP, DNS SANs or CN otherwise). */
export function namesHost(cert: PeerCertificate, host: string): boolean {
  return tls.checkServerIdentity(host, cert) === undefined;
}
