// ectl's config file of contexts: where it lives, its shape, reading it (the `yaml` package is
// loaded only when a file exists) and writing it with mode 0600 through a temporary file and a
// rename, so a crash never leaves half a file. Passwords are never part of it.
import { existsSync, promises, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { CliError, messageOf } from '../../errors.js';

/** One saved connection with its guard rails; keys as in the file. */
export interface Context {
  name: string;
  endpoints?: string[];
  cacert?: string;
  cert?: string;
  key?: string;
  'insecure-skip-tls-verify'?: boolean;
  user?: string;
  'password-file'?: string;
  namespace?: string;
  'read-only'?: boolean;
  'confirm-writes'?: boolean;
  strict?: boolean;
  'write-out'?: string;
}

/** The whole file. */
export interface ConfigFile {
  'current-context'?: string;
  contexts: Context[];
}

/** The keys of a context in the order the file lists them. */
export const contextKeys = [
  'name',
  'endpoints',
  'cacert',
  'cert',
  'key',
  'insecure-skip-tls-verify',
  'user',
  'password-file',
  'namespace',
  'read-only',
  'confirm-writes',
  'strict',
  'write-out',
] as const;

const boolKeys = new Set(['insecure-skip-tls-verify', 'read-only', 'confirm-writes', 'strict']);

type Env = Readonly<Record<string, string | undefined>>;

/** `$ECTL_CONFIG`, else `$XDG_CONFIG_HOME/ectl/config.yaml`, else `~/.config/ectl/config.yaml`. */
export function configPath(env: Env): string {
  if (env.ECTL_CONFIG) return env.ECTL_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'ectl', 'config.yaml');
}

/** Reads the file; undefined when there is none (one failed read, nothing else loaded). */
export async function readConfigFile(path: string): Promise<ConfigFile | undefined> {
  // The usual case (no file) without building an ENOENT error and its stack: `ectl batch` and the
  // shell look for the file once a line.
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    // Synchronous on purpose: one failed open() on the start-up path, without waking libuv's
    // thread pool (an async read starts its threads, measurable on every `ectl get`).
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CliError(`cannot read ${path}: ${messageOf(err)}`);
  }
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new CliError(`${path}: ${messageOf(err).split('\n')[0]}`);
  }
  return checkConfig(doc ?? {}, path);
}

/** Validates a parsed document against the file's shape; the error names the bad key. */
export function checkConfig(doc: unknown, path: string): ConfigFile {
  const bad = (what: string) => new CliError(`${path}: ${what}`);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw bad('not a mapping of current-context and contexts');
  const d = doc as Record<string, unknown>;
  const current = d['current-context'];
  if (current !== undefined && current !== null && typeof current !== 'string')
    throw bad('current-context is not a string');
  const list = d.contexts ?? [];
  if (!Array.isArray(list)) throw bad('contexts is not a list');
  const contexts = list.map((c: unknown, i): Context => {
    if (typeof c !== 'object' || c === null) throw bad(`contexts[${i}] is not a mapping`);
    const entry = c as Record<string, unknown>;
    for (const [k, v] of Object.entries(entry)) {
      if (!(contextKeys as readonly string[]).includes(k))
        throw bad(`contexts[${i}]: unknown key "${k}"`);
      const ok =
        k === 'endpoints'
          ? Array.isArray(v) && v.every((e) => typeof e === 'string')
          : boolKeys.has(k)
            ? typeof v === 'boolean'
            : typeof v === 'string';
      if (!ok) throw bad(`contexts[${i}]: ${k} has the wrong type`);
    }
    if (typeof entry.name !== 'string' || entry.name === '')
      throw bad(`contexts[${i}] has no name`);
    return entry as unknown as Context;
  });
  return { ...(typeof current === 'string' ? { 'current-context': current } : {}), contexts };
}

/** The file's YAML text: keys in their documented order, empty values left out. */
export async function configText(file: ConfigFile): Promise<string> {
  const { stringify } = await import('yaml');
  const contexts = file.contexts.map((c) => {
    const out: Record<string, unknown> = {};
    for (const k of contextKeys) {
      const v = c[k];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
      out[k] = v;
    }
    return out;
  });
  const doc = { 'current-context': file['current-context'] ?? '', contexts };
  return stringify(doc, { lineWidth: 0 });
}

/** Writes the file with mode 0600: a temporary file beside it, then a rename over it. */
export async function writeConfigFile(given: string, file: ConfigFile): Promise<void> {
  const text = await configText(file);
  // fs.promises (loaded by its getter) only when writing: reading is on every run's start-up path.
  const { mkdir, open, realpath, rename, unlink } = promises;
  // A symlinked file (dotfiles kept in a repository) is replaced where it really lives.
  const path = await realpath(given).catch(() => given);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw new CliError(`cannot write ${path}: ${messageOf(err)}`);
  }
}
