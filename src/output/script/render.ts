// Renders a script view in one of -o's formats. A command describes its response once (the document,
// its NDJSON rows, its key-values) and every format is derived from that description.
import type { Part } from '../print.js';
import { type ScriptValue, ndjsonLine, scriptJson, scriptYaml } from './encode.js';
import type { ScriptFormat } from './format.js';

/** A response as the script formats see it. */
export interface ScriptView {
  /** The whole document (`-o json`, `-o yaml`). */
  doc: ScriptValue;
  /** NDJSON's records, one a line; the document itself when absent. */
  rows?: readonly ScriptValue[];
  /** The raw keys and values `-o key` and `-o value` print, one a line. */
  kvs?: readonly { key: Uint8Array; value: Uint8Array }[];
  /** One of a stream of documents (keep-alive): YAML starts each with `---`. */
  stream?: boolean;
}

/** The parts to write for `view` in `format`. */
export function renderScript(format: ScriptFormat, view: ScriptView): Part[] {
  switch (format) {
    case 'json':
      return [`${scriptJson(view.doc, true)}\n`];
    case 'yaml':
      return [`${view.stream ? '---\n' : ''}${scriptYaml(view.doc)}`];
    case 'ndjson':
      return (view.rows ?? [view.doc]).map(ndjsonLine);
    case 'key':
    case 'value':
      return (view.kvs ?? []).flatMap((kv) => [format === 'key' ? kv.key : kv.value, '\n']);
  }
}
