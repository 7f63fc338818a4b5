// Renders ectl's script documents (-o json|ndjson|yaml): plain objects whose 64-bit integers are
// bigints. JSON.stringify cannot print a bigint as a number (and Node 20 has no JSON.rawJSON), so
// the JSON writer is our own; revisions and counts stay exact JSON numbers, IDs are hex strings.
import { yamlLib } from './yaml-lib.js';

/** A value of a script document: what JSON can hold, with bigints for 64-bit integers. */
export type ScriptValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | readonly ScriptValue[]
  | { readonly [key: string]: ScriptValue };

/** JSON text of a document: two-space indented when `indent`, else one line. */
export function scriptJson(value: ScriptValue, indent = false): string {
  return write(value, indent ? '\n' : '', indent);
}

/** One NDJSON line (with its newline). */
export function ndjsonLine(value: ScriptValue): string {
  return `${scriptJson(value)}\n`;
}

/** YAML text of a document (the same fields as the JSON). */
export function scriptYaml(value: ScriptValue): string {
  return yamlLib().stringify(value, { lineWidth: 0 });
}

function write(value: ScriptValue, nl: string, indent: boolean): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
  }
  const inner = indent ? `${nl}  ` : '';
  const sep = indent ? ': ' : ':';
  if (Array.isArray(value)) {
    const items = (value as readonly ScriptValue[]).map((v) => write(v, inner, indent));
    return items.length === 0 ? '[]' : `[${inner}${items.join(`,${inner}`)}${nl}]`;
  }
  // undefined fields are left out, as JSON.stringify does.
  const entries = Object.entries(value as Record<string, ScriptValue>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}${sep}${write(v, inner, indent)}`);
  return entries.length === 0 ? '{}' : `{${inner}${entries.join(`,${inner}`)}${nl}}`;
}
