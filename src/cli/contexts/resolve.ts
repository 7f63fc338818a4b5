// Which context a run uses (--context, ECTL_CONTEXT, the file's current-context) and what it adds
// to the configuration: values for the global flags that neither a flag nor an ETCDCTL_* variable
// set (precedence flag > ETCDCTL_* > context > default), and its guard rails.
import { readFileSync } from 'node:fs';
import { CliError, messageOf } from '../../errors.js';
import type { FlagValue } from '../flagspec.js';
import type { ConfigFile, Context } from './file.js';

/** The context a run uses, as the CLI needs it beyond the flag values. */
export interface ActiveContext {
  name: string;
  namespace: string;
  readOnly: boolean;
  confirmWrites: boolean;
}

/** The context's values by global flag name, and the context itself. */
export interface ContextLayer {
  active: ActiveContext;
  values: Map<string, FlagValue>;
}

/** The error for a name the file does not have. */
export function contextNotFound(name: string): CliError {
  return new CliError(`context "${name}" not found (ectl config get-contexts lists them)`);
}

/** Finds a context by name. */
export function findContext(file: ConfigFile | undefined, name: string): Context | undefined {
  return file?.contexts.find((c) => c.name === name);
}

/**
 * The layer of the chosen context: `name` (from --context or ECTL_CONTEXT) wins over the file's
 * current-context; undefined when neither names one.
 */
export function contextLayer(
  file: ConfigFile | undefined,
  name: string,
  passwordGiven: boolean,
): ContextLayer | undefined {
  const chosen = name || file?.['current-context'] || '';
  if (!chosen) return undefined;
  const c = findContext(file, chosen);
  if (!c) throw contextNotFound(chosen);
  const values = new Map<string, FlagValue>();
  if (c.endpoints?.length) values.set('endpoints', c.endpoints);
  for (const k of ['cacert', 'cert', 'key', 'user', 'write-out'] as const) {
    if (c[k]) values.set(k, c[k]);
  }
  if (c['insecure-skip-tls-verify'] !== undefined)
    values.set('insecure-skip-tls-verify', c['insecure-skip-tls-verify']);
  if (c.strict !== undefined) values.set('strict', c.strict);
  if (c['password-file'] && !passwordGiven)
    values.set('password', readPassword(c.name, c['password-file']));
  return {
    active: {
      name: c.name,
      namespace: c.namespace ?? '',
      readOnly: c['read-only'] === true,
      confirmWrites: c['confirm-writes'] === true,
    },
    values,
  };
}

/** The password in `path`: its first line (a trailing newline is not part of it). */
function readPassword(context: string, path: string): string {
  try {
    return readFileSync(path, 'utf8').split(/\r?\n/)[0]!;
  } catch (err) {
    throw new CliError(
      `context "${context}": cannot read password-file ${path}: ${messageOf(err)}`,
    );
  }
}
