// Endpoint strings as etcdctl accepts them, the rule for when TLS is used, and DNS SRV discovery
// (reference §3.3).
import { Resolver } from 'node:dns/promises';
import { ClientError } from '../errors.js';
import type { ClientConfig } from '../client-config.js';

/** One endpoint: what the user wrote, the grpc-js target, and whether it speaks TLS. */
export interface Endpoint {
  display: string;
  target: string;
  tls: boolean;
  /** The host name for certificate verification when the target is not a host (unix sockets). */
  serverName?: string;
  /** TLS is on only because of --insecure-skip-tls-verify: plaintext is tried alongside. */
  plaintextToo?: boolean;
}

type Scheme = 'http' | 'https' | 'unix' | 'unixs' | 'none';

function split(raw: string): { scheme: Scheme; rest: string } {
  const m = /^(https?|unixs?):(\/\/)?(.*)$/.exec(raw);
  if (!m) return { scheme: 'none', rest: raw };
  return { scheme: m[1] as Scheme, rest: m[3]! };
}

/**
 * Whether TLS is on for endpoints without a scheme: any TLS flag, or insecure transport off.
 * --insecure-skip-tls-verify alone leaves etcdctl 3.4 in plaintext and switches etcdctl 3.6+ to
 * TLS: both are tried ('either'), so that neither a plaintext nor a TLS cluster stops working.
 */
export function wantsTls(config: ClientConfig): boolean | 'either' {
  const first = split(config.endpoints[0] ?? '').scheme;
  if (first === 'https' || first === 'unixs') return true;
  const { cert, key, cacert } = config.tlsGiven;
  if (cert || key || cacert || !config.insecureTransport) return true;
  return config.insecureSkipTlsVerify ? 'either' : false;
}

/**
 * An IPv4 literal goes to grpc-js's `ipv4:` resolver, which answers at once; anything else to its
 * DNS resolver.
 */
function grpcTarget(hostPort: string): string {
  return /^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(hostPort) ? `ipv4:${hostPort}` : hostPort;
}

/** Parses the endpoint list into grpc-js targets. */
export function parseEndpoints(
  raw: readonly string[],
  tlsByDefault: boolean | 'either',
  serverName?: string,
): Endpoint[] {
  const tls = tlsByDefault !== false;
  const plaintextToo = tlsByDefault === 'either' ? { plaintextToo: true } : {};
  return raw.map((display) => {
    const { scheme, rest } = split(display);
    switch (scheme) {
      case 'unix':
      case 'unixs':
        // etcdctl keeps TLS on a unix:// endpoint when a TLS flag asks for it; unixs:// always.
        return {
          display,
          target: `unix:${rest}`,
          tls: scheme === 'unixs' || tls,
          serverName: serverName ?? 'localhost',
          ...(scheme === 'unix' ? plaintextToo : {}),
        };
      case 'http':
      case 'https':
        return {
          display,
          target: grpcTarget(rest.replace(/\/+$/, '')),
          tls: scheme === 'https',
          serverName,
        };
      default:
        return { display, target: grpcTarget(display), tls, serverName, ...plaintextToo };
    }
  });
}

/** Resolves the endpoints of `--discovery-srv` from DNS SRV records, as etcdctl does. */
export async function discoverEndpoints(
  config: ClientConfig,
  warn: (line: string) => void,
  dnsServers?: string,
): Promise<string[]> {
  const resolver = new Resolver();
  // ECTL_DNS_SERVERS (comma-separated host:port) asks a given DNS server instead of the system's.
  if (dnsServers) resolver.setServers(dnsServers.split(',').map((s) => s.trim()));
  const suffix = config.discoverySrvName ? `-${config.discoverySrvName}` : '';
  const found: string[] = [];
  const errors: string[] = [];
  for (const [service, scheme] of [
    [`_etcd-client-ssl${suffix}`, 'https'],
    [`_etcd-client${suffix}`, 'http'],
  ] as const) {
    const name = `${service}._tcp.${config.discoverySrv}`;
    try {
      for (const r of await resolver.resolveSrv(name)) {
        const url = `${scheme}://${r.name.replace(/\.$/, '')}:${r.port}`;
        if (scheme === 'http' && !config.insecureDiscovery)
          warn(`ignoring discovered insecure endpoint "${url}"`);
        else found.push(url);
      }
    } catch (err) {
      errors.push(`lookup ${name}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  if (found.length === 0 && errors.length > 0)
    throw new ClientError(`dns lookup errors: ${errors.join(', ')}`, 'discovery');
  return found;
}
