// The low-level half of a diagnosis of one endpoint, with node:dns, node:net and node:tls directly:
// name, connection, which protocol the port speaks (TLS or plaintext, HTTP/2 or not), the TLS
// handshake and certificate, and whether it is etcd's peer port. Everything before gRPC.
import { type Check, fail, ok, skip, warn } from './check.js';
import { connectAndSend, resolveHost, tcpConnect } from './net.js';
import { hostIsIp, type Target } from './target.js';
import { certFacts, handshake, namesHost, serverName, type TlsFiles } from './tls.js';
import {
  alertName,
  clientCertCheck,
  isClientCertAlert,
  trustCheck,
  validityCheck,
} from './judge-tls.js';
import {
  classifiable,
  H2_PREFACE,
  httpComplete,
  membersRequest,
  peerMembers,
  speakerOf,
  statusLine,
} from './wire.js';

/** What the probe is given besides the target. */
export interface ProbeOptions {
  files: TlsFiles;
  skipVerify: boolean;
  /** Epoch ms by which everything must be done. */
  deadline: number;
  /** How long one connection attempt may take (--dial-timeout), ms. */
  dialMs: number;
  now(): Date;
}

/** The checks so far, and whether the gRPC checks can follow. */
export interface ProbeResult {
  checks: Check[];
  usable: boolean;
}

const left = (o: ProbeOptions) => Math.max(1, o.deadline - Date.now());
const endpointUrl = (t: Target, scheme: string) =>
  t.socketPath
    ? `${scheme === 'https' ? 'unixs' : 'unix'}://${t.socketPath}`
    : `${scheme}://${t.host}:${t.port}`;

/** Runs the low-level checks of one endpoint in order, stopping at the first that fails. */
export async function probeEndpoint(target: Target, o: ProbeOptions): Promise<ProbeResult> {
  const checks: Check[] = [];
  const done = (usable: boolean) => ({ checks, usable });

  if (target.socketPath) checks.push(skip('dns', 'unix socket'));
  else if (hostIsIp(target)) checks.push(ok('dns', 'IP address, no lookup'));
  else {
    const r = await resolveHost(target.host, Math.min(o.dialMs, left(o)));
    if (!r.ok) {
      checks.push(
        fail(
          'dns',
          r.code === 'timeout'
            ? `no answer for ${target.host}`
            : `cannot resolve ${target.host} (${r.code})`,
          'check the host name (a typo?), /etc/hosts and the DNS servers (/etc/resolv.conf)',
        ),
      );
      return done(false);
    }
    checks.push(ok('dns', `${target.host} → ${r.value.join(', ')}`));
  }

  const tcp = await tcpConnect(target, Math.min(o.dialMs, left(o)));
  if (!tcp.ok) {
    checks.push(tcpFailure(target, tcp.code, o.dialMs));
    return done(false);
  }
  checks.push(ok('tcp', `connected in ${Math.max(1, Math.round(tcp.value))} ms`));

  const proto = target.tls
    ? await tlsSide(target, o, checks)
    : await plainSide(target, o, checks, target.either === true);
  if (proto === undefined) return done(false);
  const peer = await peerCheck(target, proto, o);
  checks.push(peer);
  return done(checks.every((c) => c.status !== 'fail'));
}

function tcpFailure(target: Target, code: string, dialMs: number): Check {
  const where = target.socketPath ?? `port ${target.port} of ${target.host}`;
  if (code === 'ECONNREFUSED')
    return fail(
      'tcp',
      'connection refused',
      `nothing listens on ${where}: is etcd running, and is this its client port (--listen-client-urls, usually 2379)?`,
    );
  if (code === 'timeout')
    return fail(
      'tcp',
      `no connection within ${dialMs} ms`,
      'a firewall drops the packets or the host is down: check the address, or raise --dial-timeout on a slow network',
    );
  if (code === 'ENOENT')
    return fail('tcp', `no socket at ${target.socketPath}`, 'check the socket path');
  return fail('tcp', `cannot connect (${code})`, `check the address ${target.display}`);
}

/** TLS expected: the handshake, then what the server said; undefined when nothing usable spoke. */
async function tlsSide(target: Target, o: ProbeOptions, checks: Check[]) {
  const ctx = {
    host: serverName(target),
    caGiven: o.files.ca !== undefined,
    certGiven: o.files.cert !== undefined,
    skipVerify: o.skipVerify,
  };
  const hs = await handshake(target, o.files, H2_PREFACE, left(o), ['h2']);
  if (!hs.ok) {
    if (isClientCertAlert(hs.code, hs.message)) {
      checks.push(ok('protocol', 'TLS'));
      checks.push(clientCertCheck(alertName(hs.code, hs.message), ctx));
      return undefined;
    }
    // Not TLS? Ask again in plaintext and see who answers.
    const plain = await connectAndSend(target, H2_PREFACE, left(o), classifiable);
    const speaker = plain.ok ? speakerOf(plain.value.bytes) : 'silent';
    if (speaker === 'http2') {
      checks.push(
        fail(
          'protocol',
          'TLS spoken to a plaintext port: the server answered in plaintext HTTP/2',
          `use ${endpointUrl(target, 'http')} without --cacert/--cert/--key, or serve TLS on this port (etcd --cert-file/--key-file, https:// in --listen-client-urls)`,
        ),
      );
      return 'plain' as const;
    }
    if (speaker === 'http1' && plain.ok) {
      checks.push(notEtcd(plain.value.bytes));
      return undefined;
    }
    checks.push(
      fail(
        'tls',
        `TLS handshake failed (${hs.code}: ${hs.message})`,
        'check that this port serves etcd over TLS',
      ),
    );
    return undefined;
  }
  const { cert, authorizationError, answer } = hs.value;
  const facts = certFacts(cert);
  checks.push(ok('protocol', `TLS${speakerOf(answer.bytes) === 'http2' ? ', HTTP/2' : ''}`));
  checks.push(trustCheck(facts, authorizationError, namesHost(cert, ctx.host), ctx));
  checks.push(validityCheck(facts, o.now()));
  const alert =
    answer.error && isClientCertAlert(answer.error.code, answer.error.message)
      ? alertName(answer.error.code, answer.error.message)
      : undefined;
  checks.push(clientCertCheck(alert, ctx));
  if (alert === undefined && speakerOf(answer.bytes) !== 'http2') {
    checks.push(
      answer.bytes.length > 0 && speakerOf(answer.bytes) === 'http1'
        ? notEtcd(answer.bytes)
        : warn(
            'http2',
            'no HTTP/2 answer after the handshake',
            'check that this is an etcd client port',
          ),
    );
  }
  return 'tls' as const;
}

/**
 * Plaintext expected: the HTTP/2 preface, and a TLS handshake when the server stayed silent; with
 * `tlsToo` (--insecure-skip-tls-verify alone) a TLS server is as good, and gets the TLS checks.
 */
async function plainSide(target: Target, o: ProbeOptions, checks: Check[], tlsToo: boolean) {
  const plain = await connectAndSend(target, H2_PREFACE, left(o), classifiable);
  const speaker = plain.ok ? speakerOf(plain.value.bytes) : 'silent';
  if (speaker === 'http2') {
    checks.push(ok('protocol', 'plaintext HTTP/2'));
    return 'plain' as const;
  }
  if (speaker === 'http1' && plain.ok) {
    checks.push(notEtcd(plain.value.bytes));
    return undefined;
  }
  // A TLS server hangs up at once on the preface; a silent one let the time run out.
  if (plain.ok && !plain.value.closed && plain.value.bytes.length === 0) {
    checks.push(
      fail(
        'protocol',
        'the port accepts connections but answers nothing',
        'a stuck process, a proxy or another service holds this port; on a slow network raise --dial-timeout',
      ),
    );
    return undefined;
  }
  if (tlsToo) return tlsSide({ ...target, tls: true }, o, checks);
  const hs = await handshake(target, o.files, '', left(o), ['h2']);
  if (hs.ok || (!hs.ok && isClientCertAlert(hs.code, hs.message))) {
    checks.push(
      fail(
        'protocol',
        'plaintext spoken to a TLS port: the server speaks TLS',
        `use ${endpointUrl(target, 'https')} with --cacert ca.pem (the CA that signed the server's certificate)`,
      ),
    );
    return 'tls' as const;
  }
  checks.push(
    fail(
      'protocol',
      'the server closed the connection without an answer',
      'check that this is an etcd client port',
    ),
  );
  return undefined;
}

function notEtcd(bytes: Buffer): Check {
  return fail(
    'protocol',
    `an HTTP/1 server answered (${statusLine(bytes)}), not etcd's gRPC`,
    "this is not an etcd client port: check the port (etcd's client port is usually 2379)",
  );
}

/** etcd's peer port lists the members at /members; the client port does not know that path. */
async function peerCheck(target: Target, proto: 'tls' | 'plain', o: ProbeOptions): Promise<Check> {
  const req = membersRequest(target.socketPath ? 'localhost' : target.host);
  let bytes: Buffer | undefined;
  if (proto === 'tls') {
    const hs = await handshake(target, o.files, req, left(o), ['http/1.1'], httpComplete);
    if (hs.ok) bytes = hs.value.answer.bytes;
  } else {
    const r = await connectAndSend(target, req, left(o), httpComplete);
    if (r.ok) bytes = r.value.bytes;
  }
  const clients = bytes && peerMembers(bytes);
  if (!clients) return ok('client port', 'not the peer port');
  const urls = clients.length ? `: ${clients.join(', ')}` : '';
  return fail(
    'client port',
    "this is etcd's peer port (it listed the members at /members)",
    `use a client URL (port 2379, not 2380)${urls}`,
  );
}
