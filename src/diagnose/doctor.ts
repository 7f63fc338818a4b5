// `ectl doctor`'s engine: every endpoint of the configuration diagnosed in parallel, the low-level
// probes first and the gRPC checks only where they can succeed, all within --dial-timeout + 1 s;
// then the checks across members (raft index lag). Free of CLI types: plain results.
import {
  type ClientConfig,
  type ClientHooks,
  type Connect,
  millis,
} from '../etcd/client-config.js';
import { discoverEndpoints, wantsTls } from '../etcd/transport/endpoints.js';
import { loadTls } from '../etcd/transport/tls.js';
import type { StatusResponse } from '../etcd/proto/gen/messages.js';
import { type EndpointReport, fail, ok, skip } from './check.js';
import { probeEndpoint } from './probe.js';
import { grpcChecks } from './grpc.js';
import type { AuthInput } from './auth.js';
import { lagChecks } from './judge-cluster.js';
import { parseTarget } from './target.js';

/** What a diagnosis needs. */
export interface DoctorInput extends AuthInput {
  config: ClientConfig;
  connect: Connect;
  hooks: ClientHooks;
  /** The clock of the certificate checks (tests may move it). */
  now?: () => Date;
}

/** How much longer than --dial-timeout a whole diagnosis may take. */
export const DOCTOR_SLACK_MS = 1000;

/** Diagnoses every configured endpoint; one report per endpoint, in the order given. */
export async function diagnose(input: DoctorInput): Promise<EndpointReport[]> {
  const { config } = input;
  const dialMs = millis(config.dialTimeoutNs);
  const deadline = Date.now() + dialMs + DOCTOR_SLACK_MS;
  const tlsMaterial = loadTls(config);
  const files = { ca: tlsMaterial.ca, cert: tlsMaterial.cert, key: tlsMaterial.key };
  const tlsByDefault = wantsTls(config);
  let endpoints = config.endpoints.filter((e) => e !== '');
  const found = config.discoverySrv ? await discovery(input, deadline) : undefined;
  if (found && !found.endpoints) return [found.report];
  if (found?.endpoints) endpoints = found.endpoints;
  if (endpoints.length === 0)
    return [
      {
        endpoint: '',
        checks: [
          fail('endpoints', 'none configured', '--endpoints host:2379 (or ETCDCTL_ENDPOINTS)'),
        ],
      },
    ];
  const statuses: (StatusResponse | undefined)[] = endpoints.map(() => undefined);

  const reports = await Promise.all(
    endpoints.map(async (endpoint, i): Promise<EndpointReport> => {
      const target = parseTarget(endpoint, tlsByDefault);
      if (!target)
        return {
          endpoint,
          checks: [
            fail(
              'endpoint',
              'not host:port or a URL',
              'write it as host:2379, http(s)://host:2379 or unix://path',
            ),
          ],
        };
      const probe = await probeEndpoint(target, {
        files,
        skipVerify: config.insecureSkipTlsVerify,
        deadline,
        dialMs,
        now: input.now ?? (() => new Date()),
      });
      if (!probe.usable) {
        probe.checks.push(skip('grpc', 'not tried: fix the problems above first'));
        return { endpoint, checks: probe.checks };
      }
      const one = {
        ...config,
        endpoints: [endpoint],
        discoverySrv: '',
        user: '',
        password: '',
        authJwtToken: '',
      };
      let client;
      try {
        client = await input.connect(one, input.hooks);
      } catch (err) {
        probe.checks.push(fail('grpc', `no client: ${(err as Error).message}`));
        return { endpoint, checks: probe.checks };
      }
      try {
        const grpc = await grpcChecks(client, { ...input, deadline, now: () => performance.now() });
        statuses[i] = grpc.status;
        return { endpoint, checks: [...probe.checks, ...grpc.checks] };
      } finally {
        client.close();
      }
    }),
  );
  // The lag check goes after each member's own raft check.
  lagChecks(statuses).forEach((lag, i) => {
    if (!lag) return;
    const checks = reports[i]!.checks;
    const at = checks.findIndex((c) => c.name === 'raft');
    checks.splice(at < 0 ? checks.length : at + 1, 0, lag);
  });
  return found ? [found.report, ...reports] : reports;
}

/** --discovery-srv: the SRV records, as the client reads them, as a report of their own. */
async function discovery(
  input: DoctorInput,
  deadline: number,
): Promise<{ report: EndpointReport; endpoints?: string[] }> {
  const { config, hooks } = input;
  const name = `SRV ${config.discoverySrv}`;
  const suffix = config.discoverySrvName ? `-${config.discoverySrvName}` : '';
  const records = `_etcd-client-ssl${suffix}._tcp.${config.discoverySrv} or _etcd-client${suffix}._tcp.${config.discoverySrv}`;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no DNS answer in time')), deadline - Date.now());
  });
  try {
    const found = await Promise.race([
      discoverEndpoints(config, hooks.warn, hooks.dnsServers),
      late,
    ]);
    if (found.length === 0) throw new Error('no usable record');
    return {
      report: { endpoint: name, checks: [ok('discovery', found.join(', '))] },
      endpoints: found,
    };
  } catch (err) {
    const check = fail(
      'discovery',
      (err as Error).message,
      `publish ${records}, or use --endpoints`,
    );
    return { report: { endpoint: name, checks: [check] } };
  } finally {
    clearTimeout(timer);
  }
}
