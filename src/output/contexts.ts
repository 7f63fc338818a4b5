// get-contexts' output: one row per context of the config file, as a human table (CURRENT, NAME,
// ENDPOINTS, USER, NAMESPACE, GUARDS) or a script document; nothing secret is in either.
import type { ConfigFile, Context } from '../cli/contexts/file.js';
import { humanTable } from './human/table.js';
import type { ScriptValue } from './script/encode.js';
import type { ScriptView } from './script/render.js';

/** The guard rails a context has, in the order the file lists them. */
export function guardsOf(c: Context): string[] {
  const out: string[] = [];
  if (c['read-only']) out.push('read-only');
  if (c['confirm-writes']) out.push('confirm-writes');
  if (c.strict) out.push('strict');
  return out;
}

/** `name:password` as `name:<redacted>`: a hand-written file may hold one; no output shows it. */
export function redactUser(user: string | undefined): string | undefined {
  if (user === undefined) return undefined;
  const colon = user.indexOf(':');
  return colon < 0 ? user : `${user.slice(0, colon)}:<redacted>`;
}

/** The human table; `style` styles the header (bold on a terminal). */
export function contextsTable(file: ConfigFile, style?: (s: string) => string): string {
  const current = file['current-context'];
  const rows = file.contexts.map((c) => [
    c.name === current ? '*' : '',
    c.name,
    (c.endpoints ?? []).join(','),
    redactUser(c.user) ?? '',
    c.namespace ?? '',
    guardsOf(c).join(','),
  ]);
  return humanTable(['CURRENT', 'NAME', 'ENDPOINTS', 'USER', 'NAMESPACE', 'GUARDS'], rows, style);
}

/** One context as a script record: snake_case keys, every key present. */
export function contextRecord(c: Context, current: boolean): Record<string, ScriptValue> {
  return {
    name: c.name,
    current,
    endpoints: c.endpoints ?? [],
    cacert: c.cacert ?? '',
    cert: c.cert ?? '',
    key: c.key ?? '',
    insecure_skip_tls_verify: c['insecure-skip-tls-verify'] ?? false,
    user: redactUser(c.user) ?? '',
    password_file: c['password-file'] ?? '',
    namespace: c.namespace ?? '',
    read_only: c['read-only'] ?? false,
    confirm_writes: c['confirm-writes'] ?? false,
    strict: c.strict ?? false,
    write_out: c['write-out'] ?? '',
  };
}

/** The script view: the document, a record per context for NDJSON, names for `-o key`. */
export function contextsView(file: ConfigFile): ScriptView {
  const current = file['current-context'] ?? '';
  const rows = file.contexts.map((c) => contextRecord(c, c.name === current));
  const utf8 = (s: string) => Buffer.from(s);
  return {
    doc: { current_context: current, contexts: rows },
    rows,
    kvs: file.contexts.map((c) => ({
      key: utf8(c.name),
      value: utf8((c.endpoints ?? []).join(',')),
    })),
  };
}
