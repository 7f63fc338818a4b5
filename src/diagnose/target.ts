// An endpoint as the low-level probes see it: where to connect (host and port, or a unix socket
// path), whether TLS is expected, and the name to verify the server's certificate against.
import { isIP } from 'node:net';

/** One endpoint to probe. */
export interface Target {
  /** As the user wrote it. */
  display: string;
  host: string;
  port: number;
  /** A unix socket path (unix:// and unixs://); host and port are then only names. */
  socketPath?: string;
  /** Whether the configuration speaks TLS to it. */
  tls: boolean;
  /** TLS is on only because of --insecure-skip-tls-verify: the client tries plaintext too. */
  either?: boolean;
}

/**
 * Parses an endpoint (`host:port`, `http(s)://host:port`, `unix(s)://path`) as etcdctl reads it;
 * `tlsByDefault` applies to endpoints without a scheme. Undefined when it has no usable port.
 */
export function parseTarget(display: string, tlsByDefault: boolean | 'either'): Target | undefined {
  const target = parse(display, tlsByDefault !== false);
  // As the client (transport/endpoints.ts): the flag alone leaves either protocol possible.
  if (target && tlsByDefault === 'either' && !/^(https?|unixs):/.test(display))
    return { ...target, tls: false, either: true };
  return target;
}

function parse(display: string, tlsByDefault: boolean): Target | undefined {
  const m = /^(https?|unixs?):(?:\/\/)?(.*)$/.exec(display);
  const scheme = m?.[1];
  const rest = (m?.[2] ?? display).replace(/\/+$/, '');
  if (scheme === 'unix' || scheme === 'unixs') {
    const tls = scheme === 'unixs' || tlsByDefault;
    return { display, host: 'localhost', port: 0, socketPath: rest, tls };
  }
  const hp = /^\[([^\]]+)\]:(\d+)$/.exec(rest) ?? /^([^:/]+):(\d+)$/.exec(rest);
  if (!hp) return undefined;
  const port = Number(hp[2]);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  const tls = scheme === 'https' || (scheme === undefined && tlsByDefault);
  return { display, host: hp[1]!, port, tls };
}

/** Whether the host is an IP address (no DNS lookup; certificates must name the IP). */
export function hostIsIp(target: Target): boolean {
  return isIP(target.host) !== 0;
}
