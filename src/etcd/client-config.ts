// What the client is built from: plain values and callbacks, no CLI types. The CLI's resolved
// global configuration is a superset of ClientConfig, so it is passed as it is; tests and other
// callers build one by hand.

/** How to reach and authenticate to the cluster (durations in nanoseconds, as Go's flags). */
export interface ClientConfig {
  endpoints: string[];
  dialTimeoutNs: bigint;
  keepaliveTimeNs: bigint;
  keepaliveTimeoutNs: bigint;
  /** 0: grpc-go's defaults (2 MiB send, 2 GiB - 1 receive). */
  maxRequestBytes: bigint;
  maxRecvBytes: bigint;
  insecureTransport: boolean;
  insecureDiscovery: boolean;
  insecureSkipTlsVerify: boolean;
  cert: string;
  key: string;
  cacert: string;
  /** Which of cert/key/cacert were given explicitly (any of them turns TLS on). */
  tlsGiven: { cert: boolean; key: boolean; cacert: boolean };
  /** `name` or `name:password`; empty: no authentication. */
  user: string;
  password: string;
  authJwtToken: string;
  /** DNS SRV discovery domain; empty: use `endpoints`. */
  discoverySrv: string;
  discoverySrvName: string;
  debug: boolean;
}

/** What the client asks of its caller while connecting. */
export interface ClientHooks {
  /** Cancels connecting and every call. */
  signal: AbortSignal;
  /** Asked for the password when `user` has none; the caller decides how (prompt, pipe, file). */
  promptPassword(): Promise<string>;
  /** A warning line for the user (discovery's ignored insecure endpoints). */
  warn(line: string): void;
  /** `--debug` lines; undefined when debugging is off. */
  debug?: (line: string) => void;
  /** DNS servers (`host:port,...`) to ask for SRV records instead of the system's. */
  dnsServers?: string;
  /**
   * A gRPC proxy is set in the environment (grpc_proxy, https_proxy or http_proxy): grpc-js goes
   * through it, so every call must take grpc-js's path.
   */
  proxied?: boolean;
  /**
   * The caller makes many calls one after another (`ectl batch`): each unary call's stream may be
   * opened while the call before it waits for its answer (transport/direct.ts).
   */
  openStreamsAhead?: boolean;
}

/** Makes a client; the CLI's default loads the gRPC layer, tests may pass a fake. */
export type Connect = (
  config: ClientConfig,
  hooks: ClientHooks,
) => Promise<import('./client.js').EtcdClient>;

/** A Go duration (nanoseconds, as the flags hold it) in milliseconds, for timers and deadlines. */
export function millis(ns: bigint): number {
  return Number(ns / 1_000_000n);
}
