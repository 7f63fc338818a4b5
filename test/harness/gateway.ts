// etcd's own HTTP endpoints (/health and the gRPC gateway under /v3/), so the harness can start,
// probe and configure servers without etcdctl or the code under test.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { CertPaths } from './certs.js';

/** Anything with a client URL, and the certificates to reach it when it is https. */
export interface HttpTarget {
  clientUrl: string;
  tls?: CertPaths | undefined;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** An error the gateway returned in its JSON body ({"error": ..., "code": ...}). */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: number | undefined,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

/** One HTTP request with a hard timeout; https targets present the CN-less certificate. */
export function httpRequest(
  target: HttpTarget,
  method: 'GET' | 'POST',
  path: string,
  opts: { body?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpResponse> {
  const url = new URL(path, target.clientUrl);
  const secure = url.protocol === 'https:';
  const tls = secure && target.tls ? tlsOptions(target.tls) : {};
  const headers = { 'content-type': 'application/json', ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      url,
      { method, headers, timeout: opts.timeoutMs ?? 2000, agent: false, ...tls },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href} timed out`)));
    req.on('error', reject);
    req.end(opts.body);
  });
}

type TlsOptions = { ca: Buffer; cert: Buffer; key: Buffer; rejectUnauthorized: boolean };
const tlsCache = new Map<string, TlsOptions>();

function tlsOptions(certs: CertPaths): TlsOptions {
  const id = `${certs.dir}${certs.insecure ? ' insecure' : ''}`;
  let opts = tlsCache.get(id);
  if (!opts) {
    opts = {
      ca: readFileSync(certs.caFile),
      cert: readFileSync(certs.anonCert),
      key: readFileSync(certs.anonKey),
      rejectUnauthorized: certs.insecure !== true,
    };
    tlsCache.set(id, opts);
  }
  return opts;
}

/** True when GET /health answers {"health":"true"}; false on any error. */
export async function isHealthy(target: HttpTarget): Promise<boolean> {
  try {
    const res = await httpRequest(target, 'GET', '/health', { timeoutMs: 1000 });
    return res.status === 200 && /"health"\s*:\s*"true"/.test(res.body);
  } catch {
    return false;
  }
}

/** POSTs JSON to a gateway path such as `/v3/kv/range`; throws GatewayError on an etcd error. */
export async function gateway<T = Record<string, unknown>>(
  target: HttpTarget,
  path: string,
  body: unknown = {},
  token?: string,
): Promise<T> {
  const headers: Record<string, string> = token ? { authorization: token } : {};
  const res = await httpRequest(target, 'POST', path, { body: JSON.stringify(body), headers });
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    throw new GatewayError(
      `${path}: HTTP ${res.status}: ${res.body.slice(0, 200)}`,
      undefined,
      res.status,
    );
  }
  if (parsed.error !== undefined || res.status >= 400) {
    const message = String(parsed.message ?? parsed.error ?? `HTTP ${res.status}`);
    const code = typeof parsed.code === 'number' ? parsed.code : undefined;
    throw new GatewayError(message, code, res.status);
  }
  return parsed as T;
}

/** Base64 of a UTF-8 string: the gateway's encoding of bytes fields (keys, values). */
export function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

/** Logs in through the gateway and returns the token for the Authorization header. */
export async function authenticate(
  target: HttpTarget,
  name: string,
  password: string,
): Promise<string> {
  const res = await gateway<{ token: string }>(target, '/v3/auth/authenticate', { name, password });
  return res.token;
}

export interface AuthUsers {
  root: { user: 'root'; password: string };
  alice: { user: 'alice'; password: string; prefix: string };
}

export const AUTH_USERS: AuthUsers = {
  root: { user: 'root', password: 'rootpw' },
  alice: { user: 'alice', password: 'alicepw', prefix: 'alice/' },
};

/** root/rootpw with role root, alice/alicepw with readwrite on prefix alice/, then auth enable. */
export async function setupAuth(target: HttpTarget): Promise<AuthUsers> {
  const { root, alice } = AUTH_USERS;
  await gateway(target, '/v3/auth/user/add', { name: root.user, password: root.password });
  await gateway(target, '/v3/auth/role/add', { name: 'root' });
  await gateway(target, '/v3/auth/user/grant', { user: root.user, role: 'root' });
  await gateway(target, '/v3/auth/user/add', { name: alice.user, password: alice.password });
  await gateway(target, '/v3/auth/role/add', { name: 'alice' });
  // A prefix is [prefix, prefix with its last byte + 1): "alice/" -> "alice0".
  const perm = { permType: 'READWRITE', key: b64(alice.prefix), range_end: b64('alice0') };
  await gateway(target, '/v3/auth/role/grant', { name: 'alice', perm });
  await gateway(target, '/v3/auth/user/grant', { user: alice.user, role: 'alice' });
  await gateway(target, '/v3/auth/enable', {});
  return AUTH_USERS;
}

export interface MemberStatus {
  memberId: string;
  leader: string;
  version: string;
}

/** POST /v3/maintenance/status; IDs stay decimal strings (uint64). */
export async function memberStatus(target: HttpTarget, token?: string): Promise<MemberStatus> {
  type Raw = { header: { member_id: string }; leader: string; version: string };
  const raw = await gateway<Raw>(target, '/v3/maintenance/status', {}, token);
  return { memberId: raw.header.member_id, leader: raw.leader, version: raw.version };
}
