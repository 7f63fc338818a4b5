// etcdctl's global flags, their ETCDCTL_* variables and defaults in one table, and the resolved
// configuration's shape; config.ts combines flags and environment (§3.1–3.2 of the reference).
import type { ClientConfig } from '../etcd/client-config.js';
import type { FlagSpec } from './flagspec.js';
import { defineFlags } from './typed-flags.js';
import type { OutputOption } from '../output/script/format.js';
import type { ActiveContext } from './contexts/resolve.js';
import type { ColourMode } from '../io.js';

const second = 1_000_000_000n;

/** A global flag; ectl's own (not etcdctl's) take their variable from ECTL_*, not ETCDCTL_*. */
export type GlobalFlagSpec = FlagSpec;

/** Every global flag, keyed by name: etcdctl's (the set `etcdctl options` lists), then ectl's own. */
export const globalFlagSet = defineFlags({
  endpoints: { kind: 'stringSlice', default: ['127.0.0.1:2379'], usage: 'gRPC endpoints' },
  debug: { kind: 'bool', default: false, usage: 'enable client-side debug logging' },
  'write-out': {
    short: 'w',
    kind: 'string',
    default: 'simple',
    usage: 'set the output format (fields, json, protobuf, simple, table)',
  },
  hex: { kind: 'bool', default: false, usage: 'print byte strings as hex encoded strings' },
  'dial-timeout': {
    kind: 'duration',
    default: 2n * second,
    usage: 'dial timeout for client connections',
  },
  'command-timeout': {
    kind: 'duration',
    default: 5n * second,
    usage: 'timeout for short running command (excluding dial timeout)',
  },
  'keepalive-time': {
    kind: 'duration',
    default: 2n * second,
    usage: 'keepalive time for client connections',
  },
  'keepalive-timeout': {
    kind: 'duration',
    default: 6n * second,
    usage: 'keepalive timeout for client connections',
  },
  'max-request-bytes': {
    kind: 'int',
    default: 0n,
    usage:
      'client-side request send limit in bytes (if 0, it defaults to 2.0 MiB (2 * 1024 * 1024).)',
  },
  'max-recv-bytes': {
    kind: 'int',
    default: 0n,
    usage: 'client-side response receive limit in bytes (if 0, it defaults to "math.MaxInt32")',
  },
  'insecure-transport': {
    kind: 'bool',
    default: true,
    usage: 'disable transport security for client connections',
  },
  'insecure-discovery': {
    kind: 'bool',
    default: true,
    usage: 'accept insecure SRV records describing cluster endpoints',
  },
  'insecure-skip-tls-verify': {
    kind: 'bool',
    default: false,
    usage:
      'skip server certificate verification (CAUTION: this option should be enabled only for testing purposes)',
  },
  cert: {
    kind: 'string',
    default: '',
    usage: 'identify secure client using this TLS certificate file',
  },
  key: {
    kind: 'string',
    default: '',
    usage: 'identify secure client using this TLS key file',
  },
  cacert: {
    kind: 'string',
    default: '',
    usage: 'verify certificates of TLS-enabled secure servers using this CA bundle',
  },
  user: {
    kind: 'string',
    default: '',
    usage: 'username[:password] for authentication (prompt if password is not supplied)',
  },
  password: {
    kind: 'string',
    default: '',
    usage:
      "password for authentication (if this option is used, --user option shouldn't include password)",
  },
  'auth-jwt-token': {
    kind: 'string',
    default: '',
    usage:
      'JWT token used for authentication (if this option is used, --user and --password should not be set)',
  },
  'discovery-srv': {
    short: 'd',
    kind: 'string',
    default: '',
    usage: 'domain name to query for SRV records describing cluster endpoints',
  },
  'discovery-srv-name': {
    kind: 'string',
    default: '',
    usage: 'service name to query when using DNS discovery',
  },
  // ectl's opt-ins: where etcdctl reports a failure as success, exit non-zero instead.
  strict: {
    kind: 'bool',
    default: false,
    usage:
      'exit non-zero where etcdctl reports a failure as success (get/del: nothing found, exit 1; txn: failure branch, exit 7; lease keep-alive on a lost lease: exit 1)',
    ectlOnly: true,
  },
  output: {
    short: 'o',
    kind: 'string',
    default: '',
    usage:
      'ectl output for scripts: json, ndjson, yaml, value, key (lossless, readable; not with -w); wide for every column of a table',
    ectlOnly: true,
  },
  context: {
    kind: 'string',
    default: '',
    usage: 'use this context of the config file (ectl config get-contexts lists them)',
    ectlOnly: true,
  },
  yes: {
    kind: 'bool',
    default: false,
    usage:
      'answer yes to the confirmation a confirm-writes context asks for (needed without a terminal)',
    ectlOnly: true,
  },
  color: {
    kind: 'string',
    default: 'auto',
    usage:
      "colour in ectl's own human output and in error lines on a terminal: auto (NO_COLOR, FORCE_COLOR, TERM=dumb decide), always, never",
    ectlOnly: true,
  },
});

/** The global flags as specs, for the parser, help and completion. */
export const globalFlags: readonly GlobalFlagSpec[] = globalFlagSet.specs;

/**
 * The resolved global configuration a command runs with: the client's part (passed to the client
 * as it is) and what only the CLI uses.
 */
export interface GlobalConfig extends ClientConfig {
  writeOut: OutputFormat;
  hex: boolean;
  commandTimeoutNs: bigint;
  /** --strict / ECTL_STRICT: ectl's opt-in to fail where etcdctl exits 0 on a failure. */
  strict: boolean;
  /** -o / ECTL_OUTPUT: ectl's script formats (or `wide`); undefined when not asked for. */
  output: OutputOption | undefined;
  /** The context of the config file in use (--context, ECTL_CONTEXT, current-context), if any. */
  context: ActiveContext | undefined;
  /** --yes / ECTL_YES: a confirm-writes context's question answered in advance. */
  yes: boolean;
  /** --color / ECTL_COLOR: when ectl's human output and error lines may be coloured. */
  color: ColourMode;
}

export const outputFormats = ['fields', 'json', 'protobuf', 'simple', 'table'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** `--some-flag` → `ETCDCTL_SOME_FLAG` (`ECTL_SOME_FLAG` for ectl's own flags). */
export function envName(flag: string): string {
  return envNames.get(flag) ?? variableOf(flag, false);
}

function variableOf(flag: string, ectlOnly: boolean): string {
  return `${ectlOnly ? 'ECTL' : 'ETCDCTL'}_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** Each global flag's variable, named once: asked for every flag of every command run. */
const envNames: ReadonlyMap<string, string> = new Map(
  globalFlags.map((f) => [f.name, variableOf(f.name, f.ectlOnly === true)]),
);
