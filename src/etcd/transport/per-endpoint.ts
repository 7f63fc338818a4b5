// Clients bound to one endpoint each, for the commands that query every endpoint separately rather
// than with failover (endpoint health/status/hashkv; defrag and move-leader later), and the
// `--cluster` endpoint list taken from the member list, as etcdctl's ep_command.go.
import { CliError, ExitCode, messageOf, withExitCode } from '../../errors.js';
import type { GlobalConfig } from '../../cli/globals.js';
import type { Io } from '../../io.js';
import { createClient, credentialsOf, type EtcdClient } from '../client.js';
import { EtcdError, GrpcCode } from '../errors.js';

/** What every client needs from the invocation. */
export interface EndpointEnv {
  io: Io;
  signal: AbortSignal;
}

/** Makes clients; user and password are resolved (and prompted for) once, for all of them. */
export class EndpointClients {
  private constructor(
    private readonly base: GlobalConfig,
    private readonly env: EndpointEnv,
  ) {}

  /** Resolves the credentials of `config` once. */
  static async create(config: GlobalConfig, env: EndpointEnv): Promise<EndpointClients> {
    const creds = config.authJwtToken ? undefined : await credentialsOf(config, env.io);
    // With a password given, createClient takes the user verbatim: no second split or prompt.
    const base = { ...config, user: creds?.name ?? '', password: creds?.password ?? '' };
    return new EndpointClients(base, env);
  }

  /** A client of this one endpoint only (no discovery, no failover). */
  one(endpoint: string): Promise<EtcdClient> {
    return createClient({ ...this.base, endpoints: [endpoint], discoverySrv: '' }, this.env);
  }

  /**
   * The endpoints to query: with `cluster`, every member's client URLs in member order (from a
   * client of the configured endpoints, discovery included); otherwise `--endpoints` as given,
   * which etcdctl uses even when --discovery-srv is set.
   */
  async targets(cluster: boolean, deadline: () => number): Promise<string[]> {
    // An empty list queries nothing and succeeds, as in etcdctl.
    if (!cluster) return this.base.endpoints.filter((e) => e !== '');
    let client: EtcdClient;
    try {
      client = await createClient(this.base, this.env);
    } catch (err) {
      throw withExitCode(err, ExitCode.Error);
    }
    try {
      const resp = await client.unary(
        'Cluster.MemberList',
        { linearizable: true },
        { deadline: deadline(), idempotent: true },
      );
      return resp.members.flatMap((m) => m.clientURLs);
    } catch (err) {
      throw new CliError(
        `failed to fetch endpoints from etcd cluster member list: ${messageOf(err)}`,
      );
    } finally {
      client.close();
    }
  }
}

/**
 * The error text etcdctl prints for a failed call: ectl's deadline errors carry each endpoint's
 * cause in parentheses, which per-endpoint output leaves out (the endpoint is named already).
 */
export function plainMessage(err: unknown): string {
  if (
    err instanceof EtcdError &&
    err.code === GrpcCode.DEADLINE_EXCEEDED &&
    err.details === 'context deadline exceeded'
  )
    return err.details;
  return messageOf(err);
}

/** Whether the server refused the request for lack of permission (etcdctl's health counts it healthy). */
export function isPermissionDenied(err: unknown): boolean {
  return err instanceof EtcdError && err.details === 'etcdserver: permission denied';
}
