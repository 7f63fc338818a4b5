// Real etcd servers for tests: single nodes and clusters on free ports, with optional TLS and auth,
// plus vitest helpers that start them in beforeAll and remove them in afterAll.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { testCerts, type CertPaths } from './certs.js';
import { memberStatus, setupAuth } from './gateway.js';
import { EtcdNode, START_TIMEOUT_MS, freePorts, type MemberSpec, type TlsInfo } from './node.js';

export { EtcdNode, type TlsInfo } from './node.js';
export {
  AUTH_USERS,
  authenticate,
  b64,
  gateway,
  GatewayError,
  isHealthy,
  memberStatus,
  type AuthUsers,
} from './gateway.js';
export { serverCert, strangerClientCert, testCerts, type CertPaths } from './certs.js';

export interface StartOptions {
  /**
   * Serve https client URLs (peers stay http); clientCertAuth adds --client-cert-auth; certs
   * replaces the test PKI (serverCert() makes a server certificate with other names or dates).
   */
  tls?: boolean | { clientCertAuth?: boolean; certs?: CertPaths };
  /** Create root/rootpw and alice/alicepw (readwrite on alice/), then enable auth. */
  auth?: boolean;
  /** Member name (clusters append 0, 1, 2, ...). */
  name?: string;
  /**
   * Single nodes only: every node started with the same twin label gets the same cluster ID and
   * member ID (so identical command sequences produce identical response headers), see TWIN_PEER_URL.
   */
  twin?: string;
  /** Extra etcd flags for every member, e.g. ['--auth-token-ttl', '1']. */
  extraArgs?: string[];
  /** Also serve clients on a unix socket (EtcdNode.unixSocket); unixs:// when tls is on. */
  unixSocket?: boolean;
}

/**
 * The peer URL twins advertise: never listened on (each node listens for peers on its own free
 * port). etcd derives the member ID from the advertised peer URLs and the cluster token only, and
 * the cluster ID from the member IDs, so a fixed URL and token give fixed IDs.
 */
export const TWIN_PEER_URL = 'http://127.0.0.1:1';

export class EtcdCluster {
  constructor(readonly nodes: EtcdNode[]) {}

  /** host:port of every member, in member order. */
  get endpoints(): string[] {
    return this.nodes.map((n) => n.endpoint);
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.stop()));
  }

  async destroy(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.destroy()));
  }

  /**
   * Starts a member that `member add` added (on ports from freePorts, with the
   * ETCD_INITIAL_CLUSTER the command printed) as etcd's `--initial-cluster-state existing`, and
   * waits until its process runs; the cluster owns it from then on (stop, destroy).
   */
  startAdded(spec: { name: string; clientPort: number; peerPort: number; initialCluster: string }) {
    const base = this.nodes[0]!.spec;
    const node = new EtcdNode({ ...base, ...spec, advertisePeerUrl: undefined });
    this.nodes.push(node);
    node.spawn('existing');
    return node;
  }

  /** The member the running members agree is leader; retries through an election (5 s). */
  async leader(timeoutMs = 5000): Promise<EtcdNode> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.nodes.filter((n) => n.isRunning());
      const statuses = await Promise.all(
        running.map((n) => memberStatus(n).catch(() => undefined)),
      );
      const found = running.find((_, i) => {
        const s = statuses[i];
        return s !== undefined && s.leader !== '0' && s.memberId === s.leader;
      });
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no leader among ${this.endpoints.join(',')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

let counter = 0;

function tlsInfo(opt: StartOptions['tls']): TlsInfo | undefined {
  if (!opt) return undefined;
  const clientCertAuth = typeof opt === 'object' && opt.clientCertAuth === true;
  const certs = (typeof opt === 'object' && opt.certs) || testCerts();
  return { ...certs, clientCertAuth };
}

/** Creates and starts `size` members; retried on fresh ports if another process took one first. */
async function launch(size: number, opts: StartOptions): Promise<EtcdNode[]> {
  const tls = tlsInfo(opts.tls);
  const base = opts.name ?? (size === 1 ? 'etcd' : 'm');
  if (opts.twin !== undefined && size !== 1) throw new Error('twin: single nodes only');
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(size * 2);
    const token =
      opts.twin !== undefined
        ? `ectl-twin-${opts.twin}`
        : `ectl-${process.pid}-${++counter}-${randomBytes(4).toString('hex')}`;
    const names = Array.from({ length: size }, (_, i) =>
      size === 1 && opts.name ? base : `${base}${i}`,
    );
    const peer = (i: number) =>
      opts.twin !== undefined ? TWIN_PEER_URL : `http://127.0.0.1:${ports[size + i]}`;
    const initialCluster = names.map((n, i) => `${n}=${peer(i)}`).join(',');
    const nodes = names.map((name, i) => {
      const spec: MemberSpec = {
        name,
        clientPort: ports[i] as number,
        peerPort: ports[size + i] as number,
        initialCluster,
        token,
        tls,
        advertisePeerUrl: opts.twin !== undefined ? TWIN_PEER_URL : undefined,
        extraArgs: opts.extraArgs,
        unixSocket: opts.unixSocket,
      };
      return new EtcdNode(spec);
    });
    try {
      for (const n of nodes) n.spawn('new');
      await Promise.all(nodes.map((n) => n.waitHealthy(START_TIMEOUT_MS)));
      return nodes;
    } catch (err) {
      await Promise.all(nodes.map((n) => n.destroy()));
      const raced = err instanceof Error && /address already in use/.test(err.message);
      if (!raced || attempt >= 3) throw err;
    }
  }
}

/** Starts one etcd on 127.0.0.1 with free ports and waits until /health is true. */
export async function startEtcd(opts: StartOptions = {}): Promise<EtcdNode> {
  const [node] = (await launch(1, opts)) as [EtcdNode];
  try {
    if (opts.auth) node.authUsers = await setupAuth(node);
  } catch (err) {
    await node.destroy();
    throw err;
  }
  return node;
}

/** Starts a `size`-member cluster and waits until every member is healthy. */
export async function startCluster(size = 3, opts: StartOptions = {}): Promise<EtcdCluster> {
  const cluster = new EtcdCluster(await launch(size, opts));
  try {
    if (opts.auth) {
      const users = await setupAuth(cluster.nodes[0] as EtcdNode);
      for (const n of cluster.nodes) n.authUsers = users;
    }
  } catch (err) {
    await cluster.destroy();
    throw err;
  }
  return cluster;
}

/** In a test file: an etcd started in beforeAll and removed in afterAll. */
export function useEtcd(opts: StartOptions = {}): {
  readonly node: EtcdNode;
  readonly endpoint: string;
} {
  let node: EtcdNode | undefined;
  beforeAll(async () => {
    node = await startEtcd(opts);
  });
  afterAll(async () => {
    await node?.destroy();
  });
  const get = (): EtcdNode => {
    if (!node) throw new Error('useEtcd(): the node is only available inside tests and hooks');
    return node;
  };
  return {
    get node() {
      return get();
    },
    get endpoint() {
      return get().endpoint;
    },
  };
}

/**
 * In a test file: two single nodes with identical cluster and member IDs (`twin: label`), started
 * in parallel in beforeAll and removed in afterAll. Send both the same sequence of writes and
 * every response, header included, is byte-identical.
 */
export function useTwins(
  label: string,
  opts: Omit<StartOptions, 'twin'> = {},
): { readonly a: EtcdNode; readonly b: EtcdNode } {
  let nodes: EtcdNode[] = [];
  beforeAll(async () => {
    const started = await Promise.allSettled([
      startEtcd({ ...opts, twin: label }),
      startEtcd({ ...opts, twin: label }),
    ]);
    nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.destroy()));
  });
  const get = (i: number): EtcdNode => {
    const node = nodes[i];
    if (!node) throw new Error('useTwins(): the nodes are only available inside tests and hooks');
    return node;
  };
  return {
    get a() {
      return get(0);
    },
    get b() {
      return get(1);
    },
  };
}

/** In a test file: a cluster started in beforeAll and removed in afterAll. */
export function useCluster(
  size = 3,
  opts: StartOptions = {},
): { readonly cluster: EtcdCluster; readonly endpoints: string[] } {
  let cluster: EtcdCluster | undefined;
  beforeAll(async () => {
    cluster = await startCluster(size, opts);
  });
  afterAll(async () => {
    await cluster?.destroy();
  });
  const get = (): EtcdCluster => {
    if (!cluster)
      throw new Error('useCluster(): the cluster is only available inside tests and hooks');
    return cluster;
  };
  return {
    get cluster() {
      return get();
    },
    get endpoints() {
      return get().endpoints;
    },
  };
}
