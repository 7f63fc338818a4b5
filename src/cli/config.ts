// How the global flags and the ETCDCTL_* variables combine into one configuration (reference
// §3.1–3.2), and `--debug`'s dump of it.
import { BadArgsError, BadFeatureError, CliError, messageOf } from '../errors.js';
import {
  type GlobalConfig,
  type GlobalFlagSpec,
  envName,
  globalFlagSet,
  globalFlags,
  outputFormats,
  type OutputFormat,
} from './globals.js';
import type { FlagValue } from './flagspec.js';
import { ParsedFlags, parseFlagValue } from './flagspec.js';
import { flagValue } from './typed-flags.js';
import { formatDuration, goQuoteString } from '../go/format.js';
import { checkOutputOption } from '../output/script/format.js';
import type { ConfigFile } from './contexts/file.js';
import { contextLayer } from './contexts/resolve.js';
import { type ColourMode, colourModes } from '../io.js';

/** Checks ETCDCTL_API before anything else, as etcdctl 3.4/3.5 do. */
export function checkApiVersion(env: Readonly<Record<string, string | undefined>>): void {
  const api = env.ETCDCTL_API;
  if (api === undefined || api === '' || api === '3') return;
  if (api === '2')
    throw new CliError(
      'ETCDCTL_API=2 (the v2 API) is not supported by ectl; unset ETCDCTL_API or set it to 3',
    );
  throw new CliError(`unsupported API version: ${api}`);
}

/**
 * Applies ETCDCTL_* variables, then the context of the config file (`file`), to the flags not given
 * on the command line; returns the warnings to print. A variable set together with its flag is
 * fatal; a value that does not parse is ignored. Without a file and --context nothing changes.
 */
export function resolveGlobals(
  flags: ParsedFlags,
  env: Readonly<Record<string, string | undefined>>,
  exemptEnv: readonly string[] = [],
  file?: ConfigFile,
): { config: GlobalConfig; warnings: string[] } {
  const values = new Map<string, FlagValue>();
  const known = new Set(['ETCDCTL_API', ...exemptEnv]);
  const layer = chosenContext(flags, env, file);
  const fromContext = (spec: GlobalFlagSpec, changed: boolean, raw: string | undefined) =>
    !changed && (raw === undefined || raw === '') && layer?.values.has(spec.name);
  for (const spec of globalFlags) {
    const name = envName(spec.name);
    let value = flagValue(flags, spec);
    const raw = env[name];
    if (spec.ectlOnly) {
      values.set(
        spec.name,
        fromContext(spec, flags.changed(spec.name), raw)
          ? layer!.values.get(spec.name)!
          : ectlFlagValue(spec, value, raw, flags.changed(spec.name)),
      );
      continue;
    }
    if (fromContext(spec, flags.changed(spec.name), raw)) {
      values.set(spec.name, layer!.values.get(spec.name)!);
      continue;
    }
    // pflag's check: a variable that is set at all, empty or not, conflicts with its flag.
    if (raw !== undefined && flags.changed(spec.name)) {
      throw new CliError(
        `conflicting environment variable "${name}" is shadowed by corresponding command-line flag (either unset environment variable or disable flag)`,
      );
    }
    // An empty variable is not used, and etcdctl then warns about it as unrecognized.
    if (raw !== '') known.add(name);
    if (raw !== undefined && raw !== '') {
      try {
        value = parseFlagValue(spec, raw, undefined);
      } catch {
        // pflag's env binding drops values that do not parse and keeps the default.
      }
    }
    values.set(spec.name, value);
  }
  const warnings = Object.keys(env)
    .filter((k) => k.startsWith('ETCDCTL_') && !known.has(k) && env[k] !== undefined)
    .sort()
    .map((k) => `Warning: unrecognized environment variable ${k}=${env[k]}`);
  const v = globalFlagSet.read(new ParsedFlags(values, new Set()));
  // etcdctl checks explicitly empty TLS flags before the output format (reference §1.5 step 3).
  for (const name of ['cert', 'key', 'cacert'] as const) {
    if (flags.changed(name) && v[name] === '')
      throw new BadArgsError(`empty string is passed to --${name} option`);
  }
  const writeOut = v.writeOut;
  if (!(outputFormats as readonly string[]).includes(writeOut))
    throw new BadFeatureError('unsupported output format');
  const config: GlobalConfig = {
    endpoints: v.endpoints.map((e) => e.trim()),
    debug: v.debug,
    writeOut: writeOut as OutputFormat,
    hex: v.hex,
    dialTimeoutNs: v.dialTimeout,
    commandTimeoutNs: v.commandTimeout,
    keepaliveTimeNs: v.keepaliveTime,
    keepaliveTimeoutNs: v.keepaliveTimeout,
    maxRequestBytes: v.maxRequestBytes,
    maxRecvBytes: v.maxRecvBytes,
    insecureTransport: v.insecureTransport,
    insecureDiscovery: v.insecureDiscovery,
    insecureSkipTlsVerify: v.insecureSkipTlsVerify,
    cert: v.cert,
    key: v.key,
    cacert: v.cacert,
    tlsGiven: {
      cert: flags.changed('cert') || !!env.ETCDCTL_CERT || !!layer?.values.has('cert'),
      key: flags.changed('key') || !!env.ETCDCTL_KEY || !!layer?.values.has('key'),
      cacert: flags.changed('cacert') || !!env.ETCDCTL_CACERT || !!layer?.values.has('cacert'),
    },
    user: v.user,
    password: v.password,
    authJwtToken: v.authJwtToken,
    discoverySrv: v.discoverySrv,
    discoverySrvName: v.discoverySrvName,
    strict: v.strict,
    output: checkOutputOption(v.output, flags.changed('write-out')),
    context: layer?.active,
    yes: v.yes,
    // A bad value is named where it came from: the flag, or the variable set in the shell.
    color: checkColourMode(
      v.color,
      !flags.changed('color') && env.ECTL_COLOR === v.color ? 'ECTL_COLOR' : '--color',
    ),
  };
  return { config, warnings };
}

/** The context --context, ECTL_CONTEXT or the file's current-context names, with its values. */
function chosenContext(
  flags: ParsedFlags,
  env: Readonly<Record<string, string | undefined>>,
  file: ConfigFile | undefined,
) {
  const spec = globalFlagSet.specs.find((s) => s.name === 'context')!;
  const name = ectlFlagValue(
    spec,
    flags.string('context'),
    env.ECTL_CONTEXT,
    flags.changed('context'),
  );
  // The password file goes with the context's user: another user or password given wins.
  const passwordGiven =
    flags.changed('password') ||
    !!env.ETCDCTL_PASSWORD ||
    flags.changed('user') ||
    !!env.ETCDCTL_USER;
  return contextLayer(file, name as string, passwordGiven);
}

/** --color's value, checked; `source` names where it came from in the error. */
export function checkColourMode(value: string, source = '--color'): ColourMode {
  if ((colourModes as readonly string[]).includes(value)) return value as ColourMode;
  throw new BadArgsError(`invalid ${source} "${value}" (use one of: ${colourModes.join(', ')})`);
}

/** --color (or ECTL_COLOR) as far as it can be told, for colouring error lines; never throws. */
export function colourModeOf(
  flags: ParsedFlags | undefined,
  env: Readonly<Record<string, string | undefined>>,
): ColourMode {
  const fromFlag = flags?.changed('color') ? String(flagValue(flags, colourSpec)) : undefined;
  const raw = fromFlag ?? env.ECTL_COLOR ?? 'auto';
  return (colourModes as readonly string[]).includes(raw) ? (raw as ColourMode) : 'auto';
}
const colourSpec = globalFlags.find((f) => f.name === 'color')!;

/**
 * ectl's own flags follow the usual rule instead of pflag's: the flag wins over its ECTL_*
 * variable (no conflict), and a value that does not parse is an error, not silently dropped.
 */
function ectlFlagValue(
  spec: GlobalFlagSpec,
  fromFlag: FlagValue,
  raw: string | undefined,
  changed: boolean,
): FlagValue {
  if (changed || raw === undefined || raw === '') return fromFlag;
  try {
    return parseFlagValue(spec, raw, undefined);
  } catch (err) {
    throw new CliError(
      `invalid value ${goQuoteString(raw)} for ${envName(spec.name)}: ${messageOf(err)}`,
    );
  }
}

/** `--debug`'s dump of the configuration, one `ETCDCTL_X=value` line per flag, secrets redacted. */
export function debugDump(config: GlobalConfig, extra: Record<string, string> = {}): string {
  const lines: Record<string, string> = {
    ETCDCTL_AUTH_JWT_TOKEN: config.authJwtToken ? '<redacted>' : '',
    ETCDCTL_CACERT: config.cacert,
    ETCDCTL_CERT: config.cert,
    ETCDCTL_COMMAND_TIMEOUT: formatDuration(config.commandTimeoutNs),
    ETCDCTL_DEBUG: String(config.debug),
    ETCDCTL_DIAL_TIMEOUT: formatDuration(config.dialTimeoutNs),
    ETCDCTL_DISCOVERY_SRV: config.discoverySrv,
    ETCDCTL_DISCOVERY_SRV_NAME: config.discoverySrvName,
    ETCDCTL_ENDPOINTS: `[${config.endpoints.join(',')}]`,
    ETCDCTL_HEX: String(config.hex),
    ETCDCTL_INSECURE_DISCOVERY: String(config.insecureDiscovery),
    ETCDCTL_INSECURE_SKIP_TLS_VERIFY: String(config.insecureSkipTlsVerify),
    ETCDCTL_INSECURE_TRANSPORT: String(config.insecureTransport),
    ETCDCTL_KEEPALIVE_TIME: formatDuration(config.keepaliveTimeNs),
    ETCDCTL_KEEPALIVE_TIMEOUT: formatDuration(config.keepaliveTimeoutNs),
    ETCDCTL_KEY: config.key,
    ETCDCTL_MAX_RECV_BYTES: String(config.maxRecvBytes),
    ETCDCTL_MAX_REQUEST_BYTES: String(config.maxRequestBytes),
    // Never print secrets: etcdctl prints the password in clear, ectl does not.
    ETCDCTL_PASSWORD: config.password ? '<redacted>' : '',
    ETCDCTL_USER:
      config.user.includes(':') && !config.password
        ? `${config.user.split(':')[0]}:<redacted>`
        : config.user,
    ETCDCTL_WRITE_OUT: config.writeOut,
    ...extra,
  };
  // ectl's own settings after etcdctl's, so the etcdctl part reads as etcdctl's dump.
  const own: Record<string, string> = {
    ECTL_COLOR: config.color,
    ECTL_OUTPUT: config.output ?? '',
    ECTL_STRICT: String(config.strict),
    // Only with a context, so a run without one dumps what it always did.
    ...(config.context ? { ECTL_CONTEXT: config.context.name } : {}),
  };
  const text = (rows: Record<string, string>) =>
    Object.keys(rows)
      .sort()
      .map((k) => `${k}=${rows[k]}\n`)
      .join('');
  return text(lines) + text(own);
}
