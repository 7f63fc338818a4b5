// Clients bound to one endpoint each, for the commands that query every endpoint separately rather
// than with failover (endpoint health/status/hashkv; defrag and move-leader later), and the
// `--cluster` endpoint list taken from the member list, as etcdctl's ep_command.go.
import type { ClientConfig, ClientHooks, Connect } from '../client-config.js';
import { credentialsOf, type EtcdClient } from '../client.js';
import { EtcdError, GrpcCode, isEtcdError } from '../errors.js';

export { plainMessage } from '../errors.js';

/** Makes clients; user and password are resolved (and prompted for) once, for all of them. */
export class EndpointClients {
  private constructor(
    private readonly base: ClientConfig,
    private readonly hooks: ClientHooks,
    private readonly connect: Connect,
  ) {}

  /** Resolves the credentials of `config` once. */
  static async create(
    config: ClientConfig,
    hooks: ClientHooks,
    connect: Connect,
  ): Promise<EndpointClients> {
    const creds = config.authJwtToken
      ? undefined
      : await credentialsOf(config, hooks.promptPassword);
    // With a password given, the client takes the user verbatim: no second split or prompt.
    const base = { ...config, user: creds?.name ?? '', password: creds?.password ?? '' };
    return new EndpointClients(base, hooks, connect);
  }

  /** A client of this one endpoint only (no discovery, no failover). */
  one(endpoint: string): Promise<EtcdClient> {
    return this.connect({ ...this.base, endpoints: [endpoint], discoverySrv: '' }, this.hooks);
  }

  /** A client of the configured endpoints (discovery included), with failover. */
  configured(): Promise<EtcdClient> {
    return this.connect(this.base, this.hooks);
  }

  /** Every member's client URLs, in member order. */
  async memberClientUrls(client: EtcdClient, deadline: number): Promise<string[]> {
    const resp = await client.unary(
      'Cluster.MemberList',
      { linearizable: true },
      { deadline, idempotent: true },
    );
    return resp.members.flatMap((m) => m.clientURLs);
  }
}

/**
 * What a deadline error found wrong with the one endpoint of its client (`connection refused`),
 * without the endpoint's name; '' when it carries no cause.
 */
export function causeOf(err: unknown): string {
  if (!(err instanceof EtcdError) || err.code !== GrpcCode.DEADLINE_EXCEEDED) return '';
  const causes = /^context deadline exceeded \((.*)\)$/s.exec(err.message)?.[1] ?? '';
  return causes.replace(/^\S+: /, '');
}

/** Whether the server refused the request for lack of permission (etcdctl's health counts it healthy). */
export function isPermissionDenied(err: unknown): boolean {
  return isEtcdError(err, 'permission-denied');
}
