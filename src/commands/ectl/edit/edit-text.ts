// The text `ectl edit` puts in the editor and what it makes of the text that comes back: the value
// as UTF-8 (or as hex with --hex), the format it must keep (JSON, YAML or plain text), and the
// comment block shown above it when the editor is opened again after an error. Pure.
import { yamlLib } from '../../../output/script/yaml-lib.js';

/** What the edited text must still be. */
export type ValueKind = 'json' | 'yaml' | 'text' | 'hex';

/** The value as text (a leading BOM kept), or undefined when it is not UTF-8 (a binary value). */
export { utf8Text } from '../../../output/script/records.js';

/**
 * The kind of a value as text: JSON when it parses as JSON; YAML when it parses as a YAML mapping
 * or sequence (every plain word is a YAML scalar: those stay text); else text.
 */
export function kindOf(text: string): ValueKind {
  if (text.trim() === '') return 'text';
  try {
    JSON.parse(text);
    return 'json';
  } catch {
    // not JSON
  }
  const doc = yamlLib().parseDocument(text);
  if (doc.errors.length > 0) return 'text';
  const v: unknown = doc.toJS();
  return v !== null && typeof v === 'object' ? 'yaml' : 'text';
}

/** Why an edited text is not of `kind`, or undefined when it is. */
export function invalidBecause(kind: ValueKind, text: string): string | undefined {
  switch (kind) {
    case 'json':
      try {
        JSON.parse(text);
        return undefined;
      } catch (e) {
        return `not valid JSON: ${(e as Error).message}`;
      }
    case 'yaml': {
      const doc = yamlLib().parseDocument(text);
      const err = doc.errors[0];
      return err ? `not valid YAML: ${err.message.split('\n')[0]!}` : undefined;
    }
    case 'hex':
      return /^[0-9a-fA-F\s]*$/.test(text) && text.replace(/\s/g, '').length % 2 === 0
        ? undefined
        : 'not valid hex: use pairs of hex digits (0-9, a-f), spaces and newlines are ignored';
    case 'text':
      return undefined;
  }
}

/** The bytes as hex text: 16 bytes a line, space separated. */
export function toHex(value: Uint8Array): string {
  const lines: string[] = [];
  for (let i = 0; i < value.length; i += 16) {
    lines.push(
      [...value.subarray(i, i + 16)].map((b) => b.toString(16).padStart(2, '0')).join(' '),
    );
  }
  return lines.map((l) => `${l}\n`).join('');
}

/** The bytes of hex text (checked with invalidBecause('hex', ...) first). */
export function fromHex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));
}

/** The file name's extension, so that editors highlight the value. */
export function extensionOf(kind: ValueKind): string {
  return kind === 'json' ? '.json' : kind === 'yaml' ? '.yaml' : '.txt';
}

const headerEnd = '# ---- ectl: everything above this line is ignored ----\n';

/** The comment block above the value when the editor opens again: the problem, then how to go on. */
export function withHeader(lines: readonly string[], body: string): string {
  return `${lines.map((l) => `# ${l}\n`).join('')}${headerEnd}${body}`;
}

/** The edited text without the comment block (when the user left its last line in place). */
export function stripHeader(text: string): string {
  const at = text.indexOf(headerEnd);
  return at < 0 ? text : text.slice(at + headerEnd.length);
}

/**
 * The edited text without the newline an editor adds at the end of a file (vim's 'fixeol', nano)
 * when the value had none: opening `{"a":1}` and saving it unchanged is no change.
 */
export function editorNewline(original: string, edited: string): string {
  if (original.endsWith('\n') || !edited.endsWith('\n')) return edited;
  return edited.slice(0, edited.endsWith('\r\n') ? -2 : -1);
}
