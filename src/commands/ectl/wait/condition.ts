// What `ectl wait` waits for: the one condition its flags name, how it reads in the timeout
// error, and --json-path's dotted paths into a JSON value. Pure, unit-tested.
import { BadArgsError } from '../../../errors.js';
import type { WaitCondition } from '../../../etcd/recipes/wait-until.js';
import { sameBytes } from '../../../byte-buffer.js';

/** wait's condition flags as read. */
export interface ConditionFlags {
  exists: boolean;
  deleted: boolean;
  /** undefined when --value was not given (an empty value is a value). */
  value: string | undefined;
  jsonPath: string | undefined;
}

/** A condition with the words the timeout error uses for it. */
export interface Condition {
  condition: WaitCondition;
  /** `to exist`, `to be deleted`, `to have value "v"`, `to match .a.b=c`. */
  wants: string;
}

const utf8 = new TextDecoder();

/**
 * A --json-path `PATH=VALUE`: PATH is `.` (the whole value) or `.name.name...`; a segment of digits
 * indexes an array (`.items.0.name`). The value found matches when it is a string equal to VALUE,
 * or any other JSON value whose compact JSON text is VALUE (`.ready=true`, `.n=3`, `.x=null`).
 */
export function parseJsonPath(spec: string): { path: string[]; want: string } {
  const eq = spec.indexOf('=');
  if (eq < 0) throw new BadArgsError(`invalid --json-path "${spec}": expected PATH=VALUE`);
  const text = spec.slice(0, eq);
  if (!text.startsWith('.'))
    throw new BadArgsError(`invalid --json-path "${spec}": the path must start with "."`);
  const path = text === '.' ? [] : text.slice(1).split('.');
  if (path.some((s) => s === ''))
    throw new BadArgsError(`invalid --json-path "${spec}": empty path segment`);
  return { path, want: spec.slice(eq + 1) };
}

/** The value at `path` in a parsed JSON document, or undefined when there is none. */
export function lookup(doc: unknown, path: readonly string[]): unknown {
  let node = doc;
  for (const seg of path) {
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(seg)) return undefined;
      node = node[Number(seg)];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
      node = (node as Record<string, unknown>)[seg];
    } else return undefined;
  }
  return node;
}

/** Whether a key's value (bytes) holds JSON with `want` at `path`; values that are not JSON never match. */
export function jsonPathMatches(value: Uint8Array, path: readonly string[], want: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(utf8.decode(value));
  } catch {
    return false;
  }
  const found = lookup(doc, path);
  if (found === undefined) return false;
  if (typeof found === 'string') return found === want;
  if (typeof found === 'number' && want.trim() !== '' && Number(want) === found) return true;
  return JSON.stringify(found) === want;
}

/** The one condition of the flags; none or several are an argument error (exit 128). */
export function conditionOf(f: ConditionFlags): Condition {
  const given = [f.exists, f.deleted, f.value !== undefined, f.jsonPath !== undefined];
  if (given.filter(Boolean).length !== 1)
    throw new BadArgsError(
      'exactly one of --exists, --deleted, --value or --json-path must be given',
    );
  if (f.exists) return { condition: { kind: 'exists' }, wants: 'to exist' };
  if (f.deleted) return { condition: { kind: 'deleted' }, wants: 'to be deleted' };
  if (f.value !== undefined) {
    const want = new TextEncoder().encode(f.value);
    return {
      condition: { kind: 'match', match: (v) => sameBytes(v, want) },
      wants: `to have value ${JSON.stringify(f.value)}`,
    };
  }
  const { path, want } = parseJsonPath(f.jsonPath!);
  return {
    condition: { kind: 'match', match: (v) => jsonPathMatches(v, path, want) },
    wants: `to match ${f.jsonPath!}`,
  };
}

/**
 * What was waited for, as the timeout error says it: `"k" to exist`; under a prefix `a key under
 * "p/" to exist` (to have value..., to match...) or, for --deleted, `every key under "p/" to be
 * deleted`.
 */
export function waitedFor(key: string, prefix: boolean, c: Condition): string {
  if (!prefix) return `${JSON.stringify(key)} ${c.wants}`;
  const who = c.condition.kind === 'deleted' ? 'every key' : 'a key';
  return `${who} under ${JSON.stringify(key)} ${c.wants}`;
}
