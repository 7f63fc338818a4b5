// resolveGlobals for the many runs of one process. A batch's lines combine the same global flags,
// variables and config file into the same configuration; worked out again for every line it was
// the costliest single function of a line's own work under a profiler (a loop over every global
// flag, every variable scanned for ETCDCTL_*, a context's password file read again). A shell reads
// its config file again for each line, so there only lines run without a config file share one.
import type { ConfigFile } from './contexts/file.js';
import { resolveGlobals } from './config.js';
import type { ParsedFlags } from './flagspec.js';
import { globalFlags } from './globals.js';
import { flagValue } from './typed-flags.js';

type Env = Readonly<Record<string, string | undefined>>;
type Resolved = ReturnType<typeof resolveGlobals>;

/** Stands for "no config file" as a key. */
const noFile = {};
/** A shell may try many flag combinations: past this many, the kept ones are dropped. */
const maxKept = 32;
const kept = new WeakMap<Env, WeakMap<object, Map<string, Resolved>>>();

/**
 * resolveGlobals, kept for a frozen `env` (a batch's or shell's snapshot, which cannot change
 * under it) and the same `file` object (a batch reads the file again after a `config` line, so a
 * changed file is a new object). Any other env is resolved afresh each time. Errors are not kept.
 */
export function resolveGlobalsKept(
  flags: ParsedFlags,
  env: Env,
  exemptEnv: readonly string[] = [],
  file?: ConfigFile,
): Resolved {
  if (!Object.isFrozen(env)) return resolveGlobals(flags, env, exemptEnv, file);
  let byFile = kept.get(env);
  if (!byFile) kept.set(env, (byFile = new WeakMap()));
  let byFlags = byFile.get(file ?? noFile);
  if (!byFlags) byFile.set(file ?? noFile, (byFlags = new Map()));
  const key = keyOf(flags, exemptEnv);
  const hit = byFlags.get(key);
  if (hit) return hit;
  const resolved = frozen(resolveGlobals(flags, env, exemptEnv, file));
  if (byFlags.size >= maxKept) byFlags.clear();
  byFlags.set(key, resolved);
  return resolved;
}

/**
 * What tells two runs apart for resolveGlobals, given the same env and file: the variables the
 * command reads itself, and the global flags given with their values (one not given has the global
 * default, see argv.ts's flagTable). The file's password file is read once per file object.
 */
function keyOf(flags: ParsedFlags, exemptEnv: readonly string[]): string {
  let key = JSON.stringify(exemptEnv);
  for (const name of flags.changedNames()) {
    const spec = globalByName.get(name);
    if (!spec) continue;
    const v = flagValue(flags, spec);
    // A flag's kind is fixed, so its value's text alone tells its values apart.
    key += `,${name}=${typeof v === 'bigint' ? v : JSON.stringify(v)}`;
  }
  return key;
}

const globalByName = new Map(globalFlags.map((spec) => [spec.name, spec]));

/** A kept result is shared by the lines that use it: none of them may change it for the others. */
function frozen(resolved: Resolved): Resolved {
  const { config } = resolved;
  Object.freeze(config.endpoints);
  Object.freeze(config.tlsGiven);
  if (config.context) Object.freeze(config.context);
  Object.freeze(config);
  Object.freeze(resolved.warnings);
  return Object.freeze(resolved);
}
