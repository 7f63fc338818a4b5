// Candidates read from the cluster while the user presses Tab: keys under the typed prefix, lease
// IDs, member IDs (learners alone for promote), downgrade targets, lock and election names, users
// and roles. Everything is bounded by one budget, nothing prompts (a user without a password is
// dropped), and any failure yields no candidates.
import type { EtcdClient } from '../../etcd/client.js';
import { clientHooks, connectEtcd } from '../client-hooks.js';
import { resolveGlobals } from '../config.js';
import { loadConfig } from '../contexts/load.js';
import type { ParsedFlags } from '../flagspec.js';
import { prefixEnd } from '../../input/range.js';
import type { Io } from '../../io.js';
import type { Candidate, LiveSource } from './types.js';
import { utf8Text } from '../../output/script/records.js';
import { inContextNamespace } from '../context.js';

/** How long a live lookup may take, connecting included; ectl's start-up comes on top. */
export const liveBudgetMs = 300;
const keyLimit = 100n;
const nameScanLimit = 1000n;
const ms = 1_000_000n;
const zero = Uint8Array.of(0);

type Fetch = (client: EtcdClient, prefix: string, deadline: number) => Promise<Candidate[]>;

/** The keys at or under `prefix` that can be typed on a command line. */
async function scanKeys(client: EtcdClient, prefix: string, deadline: number, limit: bigint) {
  const typed = Buffer.from(prefix, 'utf8');
  // An empty prefix is every key: [\0, \0) means "from \0 to the end" to etcd.
  const key = typed.length === 0 ? zero : typed;
  const resp = await client.unary(
    'KV.Range',
    { key, range_end: prefixEnd(typed), keys_only: true, serializable: true, limit },
    { deadline, idempotent: true },
  );
  const out: string[] = [];
  for (const kv of resp.kvs) {
    // Not UTF-8: it cannot be typed on the command line (argv is UTF-8); a key with control
    // characters cannot be completed in a shell word.
    const text = utf8Text(kv.key);
    if (text !== undefined && !/[\0-\x1f\x7f]/.test(text)) out.push(text);
  }
  return out;
}

/** Lock and election names: keys `<name>/<lease ID in hex>`, as etcd's concurrency recipes write. */
async function sessionNames(client: EtcdClient, prefix: string, deadline: number) {
  const names = new Set<string>();
  for (const key of await scanKeys(client, prefix, deadline, nameScanLimit)) {
    const m = /^(.+)\/[0-9a-f]+$/.exec(key);
    if (m) names.add(m[1]!);
  }
  return [...names].map((value) => ({ value }));
}

/** Member IDs in hex, described by name; only learners if asked. */
async function memberIds(client: EtcdClient, deadline: number, learners: boolean) {
  const resp = await client.unary('Cluster.MemberList', {}, { deadline, idempotent: true });
  return resp.members
    .filter((m) => !learners || m.isLearner)
    .map((m) => ({ value: m.ID.toString(16), description: m.name || 'unstarted' }));
}

const fetchers: Record<LiveSource, Fetch> = {
  // Answered from the config file before connecting (liveCandidates).
  contexts: async () => [],
  keys: async (c, p, d) => (await scanKeys(c, p, d, keyLimit)).map((value) => ({ value })),
  leases: async (c, _p, d) => {
    const resp = await c.unary('Lease.LeaseLeases', {}, { deadline: d, idempotent: true });
    return resp.leases.map((l) => ({ value: l.ID.toString(16) }));
  },
  members: async (c, _p, d) => memberIds(c, d, false),
  // Only a learner can be promoted.
  learners: async (c, _p, d) => memberIds(c, d, true),
  // A downgrade goes one minor version down from what the member answering runs.
  'downgrade-targets': async (c, _p, d) => {
    const { version } = await c.unary('Maintenance.Status', {}, { deadline: d, idempotent: true });
    const m = /^(\d+)\.(\d+)\./.exec(version);
    if (!m || m[2] === '0') return [];
    return [{ value: `${m[1]}.${Number(m[2]) - 1}`, description: `the cluster runs ${version}` }];
  },
  locks: sessionNames,
  elections: sessionNames,
  users: async (c, _p, d) =>
    (await c.unary('Auth.UserList', {}, { deadline: d, idempotent: true })).users.map((value) => ({
      value,
    })),
  roles: async (c, _p, d) =>
    (await c.unary('Auth.RoleList', {}, { deadline: d, idempotent: true })).roles.map((value) => ({
      value,
    })),
};

/** An Io that reads nothing and writes nothing: completion output must stay clean. */
function silentIo(env: Io['env'], now: () => number): Io {
  const sink = { write: () => undefined };
  return {
    stdin: {
      isTTY: false,
      async *[Symbol.asyncIterator]() {},
    },
    stdout: sink,
    stderr: sink,
    stdoutIsTTY: false,
    env,
    promptHidden: () => Promise.reject(new Error('completion never prompts')),
    now,
  };
}

function timeout(ms: number): { promise: Promise<undefined>; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/** What a live lookup reads: the environment, the clock, and maybe a client already connected. */
export interface LiveIo extends Pick<Io, 'env' | 'now'> {
  /**
   * The client to ask instead of connecting one, when there is one (ectl shell's, connected and
   * authenticated by a line before: a lookup of its own could not ask for the password). It is
   * left open.
   */
  client?: () => EtcdClient | undefined;
}

/**
 * Asks the cluster the command line points at (its --endpoints, TLS and auth flags, and the
 * ETCDCTL_* variables in `env`) for the candidates of `source` starting with `prefix`. Resolves
 * within `budgetMs`, with [] on any failure or when the cluster does not answer in time.
 */
export async function liveCandidates(
  source: LiveSource,
  prefix: string,
  flags: ParsedFlags,
  io: LiveIo,
  budgetMs = liveBudgetMs,
): Promise<Candidate[]> {
  const controller = new AbortController();
  const limit = timeout(budgetMs);
  let pending: Promise<EtcdClient> | undefined;
  const lookup = async (): Promise<Candidate[]> => {
    const configFile = await loadConfig(io.env);
    if (source === 'contexts')
      return (configFile.file?.contexts ?? [])
        .map((c) => ({ value: c.name, description: (c.endpoints ?? []).join(',') }))
        .filter((c) => c.value.startsWith(prefix));
    const { config } = resolveGlobals(flags, io.env, [], configFile.file);
    const budgetNs = BigInt(budgetMs) * ms;
    if (config.user && !config.password && !config.user.includes(':')) config.user = '';
    if (config.dialTimeoutNs > budgetNs) config.dialTimeoutNs = budgetNs;
    if (config.commandTimeoutNs > budgetNs) config.commandTimeoutNs = budgetNs;
    const deadline = Date.now() + Number((config.dialTimeoutNs + config.commandTimeoutNs) / ms);
    const connected = io.client?.();
    if (!connected)
      pending = connectEtcd(
        config,
        clientHooks(silentIo(io.env, io.now), controller.signal, false),
      );
    // Keys, locks and elections of a namespaced context are completed as its commands see them.
    const client = await inContextNamespace(connected ?? (await pending!), config);
    const found = await fetchers[source](client, prefix, Math.min(deadline, Date.now() + budgetMs));
    return found.filter((c) => c.value.startsWith(prefix));
  };
  // A lookup that fails after the budget ran out must not become an unhandled rejection.
  const running = lookup().catch(() => [] as Candidate[]);
  try {
    return (await Promise.race([running, limit.promise])) ?? [];
  } finally {
    limit.cancel();
    controller.abort('completion done');
    pending?.then((c) => c.close()).catch(() => undefined);
  }
}
