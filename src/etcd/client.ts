// The client facade commands use: endpoints (or DNS SRV discovery), TLS, message limits and
// authentication put together once; every call carries the auth token and is retried once with a
// fresh token when the server says it expired.
import { millis } from './client-config.js';
import type { ClientConfig, ClientHooks } from './client-config.js';
import type { MessageInit } from './proto/codec.js';
import { Connection, type CallOptions } from './transport/connection.js';
import { discoverEndpoints, parseEndpoints, wantsTls } from './transport/endpoints.js';
import { ClientError, isEtcdError } from './errors.js';
import type { RequestOf, ResponseOf, UnaryMethod } from './proto/methods.js';
import { loadTls } from './transport/tls.js';

/** What a command may pass per call. */
export type ClientCallOptions = Omit<CallOptions, 'metadata' | 'signal'>;

/** A connected etcd client. */
export interface EtcdClient {
  unary<K extends UnaryMethod>(
    method: K,
    req: MessageInit<RequestOf<K>>,
    opts?: ClientCallOptions,
  ): Promise<ResponseOf<K>>;
  /**
   * The same call, resolving with the response's wire bytes: printers of big ranges read them
   * without building objects. Optional: a fake client may leave it out.
   */
  unaryBytes?<K extends UnaryMethod>(
    method: K,
    req: MessageInit<RequestOf<K>>,
    opts?: ClientCallOptions,
  ): Promise<Uint8Array>;
  readonly connection: Connection;
  /** Metadata every call and stream must carry (the auth token). */
  metadata(): Record<string, string>;
  /** The same as grpc-js Metadata, plus `extra` entries (streams add `hasleader`). */
  grpcMetadata(extra?: Record<string, string>): import('@grpc/grpc-js').Metadata;
  /**
   * The key prefix the client is confined to (namespace.ts withNamespace): unary calls apply it
   * themselves; the recipes' calls and watch streams, which go below `unary`, apply it through this.
   */
  readonly keyspace?: import('./namespace.js').Namespace;
  /** Authenticates again (after `etcdserver: invalid auth token` on a stream). */
  reauthenticate(): Promise<void>;
  /** Closes the connection; resolves once it is closed (no stream is left half open). */
  close(): Promise<void>;
}

const defaultSendLimit = 2 * 1024 * 1024;
const defaultRecvLimit = 2147483647;

function connectError(message: string): ClientError {
  return new ClientError(message, 'connect');
}

/** Builds the client from its configuration; authenticates when credentials are given. */
export async function createClient(config: ClientConfig, hooks: ClientHooks): Promise<EtcdClient> {
  const { signal, debug } = hooks;
  const tls = loadTls(config);
  let endpoints = config.endpoints.filter((e) => e !== '');
  let serverName: string | undefined;
  if (config.discoverySrv) {
    const found = await discoverEndpoints(config, hooks.warn, hooks.dnsServers);
    if (found.length > 0) endpoints = found;
    if (!config.insecureDiscovery) serverName = config.discoverySrv;
  }
  // etcdctl's client.New refuses an empty list before its "at least one Endpoint" check.
  if (endpoints.length === 0) throw connectError('etcdclient: no available endpoints');
  const send = config.maxRequestBytes > 0n ? Number(config.maxRequestBytes) : defaultSendLimit;
  const recv = config.maxRecvBytes > 0n ? Number(config.maxRecvBytes) : defaultRecvLimit;
  if (config.maxRequestBytes > 0n && config.maxRecvBytes > 0n && send > recv) {
    throw connectError(
      `gRPC message recv limit (${recv} bytes) must be greater than send limit (${send} bytes)`,
    );
  }
  const connection = new Connection({
    endpoints: parseEndpoints(endpoints, wantsTls({ ...config, endpoints }), serverName),
    tls,
    maxSendBytes: send,
    maxRecvBytes: recv,
    keepaliveTimeMs: millis(config.keepaliveTimeNs),
    keepaliveTimeoutMs: millis(config.keepaliveTimeoutNs),
    dialTimeoutMs: millis(config.dialTimeoutNs),
    proxied: hooks.proxied,
    openStreamsAhead: hooks.openStreamsAhead,
    debug,
  });
  const credentials = config.authJwtToken
    ? undefined
    : await credentialsOf(config, hooks.promptPassword);
  let token = config.authJwtToken;

  const authenticate = async (): Promise<void> => {
    if (!credentials) return;
    try {
      const resp = await connection.unary<{ token: string }>('Auth.Authenticate', credentials, {
        deadline: Date.now() + millis(config.dialTimeoutNs),
        idempotent: true,
        signal,
      });
      token = resp.token;
    } catch (err) {
      if (isEtcdError(err, 'auth-not-enabled')) return;
      throw connectError(err instanceof Error ? err.message : String(err));
    }
  };
  try {
    await authenticate();
  } catch (err) {
    await connection.close();
    throw err;
  }

  const metadata = (): Record<string, string> => (token ? { token } : {});
  // An expired token (long-lived commands, short TTLs): authenticate again and retry once.
  const withToken = async <T>(send: (call: CallOptions) => Promise<T>, opts: ClientCallOptions) => {
    const call = { ...opts, signal, metadata: metadata() };
    try {
      return await send(call);
    } catch (err) {
      if (!isEtcdError(err, 'invalid-token') || !credentials) throw err;
      debug?.('auth token expired; authenticating again');
      await authenticate();
      return send({ ...call, metadata: metadata() });
    }
  };
  return {
    connection,
    metadata,
    unary: (method, req, opts = {}) =>
      withToken((call) => connection.unary(method, req, call), opts),
    unaryBytes: (method, req, opts = {}) =>
      withToken((call) => connection.unaryBytes(method, req, call), opts),
    grpcMetadata: (extra = {}) => connection.metadata({ ...metadata(), ...extra }),
    reauthenticate: authenticate,
    close: () => connection.close(),
  };
}

/**
 * The user and password from `user` (`name` or `name:password`) and `password`, asking
 * `promptPassword` for a missing password.
 */
export async function credentialsOf(
  config: Pick<ClientConfig, 'user' | 'password'>,
  promptPassword: () => Promise<string>,
): Promise<{ name: string; password: string } | undefined> {
  if (!config.user) return undefined;
  let name = config.user;
  let password = config.password;
  if (!password) {
    const colon = name.indexOf(':');
    if (colon >= 0) {
      password = name.slice(colon + 1);
      name = name.slice(0, colon);
    } else {
      password = await promptPassword();
    }
  }
  // An empty user or password after splitting means no authentication at all (etcd main).
  if (!name || !password) return undefined;
  return { name, password };
}
