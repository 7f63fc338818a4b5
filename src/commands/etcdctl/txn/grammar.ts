// etcdctl's txn grammar (txn_command.go): comparison lines `<target>("<key>") <op> "<value>"`
// scanned the way fmt.Sscanf("%q) %s %q") scans them, and request lines split into words and parsed
// as `get`, `put` or `del` command lines by the commands' own flag definitions and builders.
// Every error has etcdctl's text and exit code; where etcdctl panics or silently accepts a broken
// line, this throws an InvalidInputError (exit 3) with a `detail` that says what is wrong.
import type { Compare, RequestOp } from '../../../etcd/proto/gen/messages.js';
import { InvalidInputError } from '../../../errors.js';
import { goQuote, goQuoteString } from '../../../go/format.js';
import { ArgvError, type ParseNode, parseArgv } from '../../../cli/argv.js';
import type { ParsedFlags } from '../../../cli/flagspec.js';
import { GoParseError, parseGoInt64 } from '../../../go/parse.js';
import { QuoteError, goRunes, isFmtSpace, runesToBytes, scanQuoted } from '../../../go/unquote.js';
import { type Word, splitWords } from '../../../input/txn-tokens.js';

export { trimSpace, splitWords, WordError, type Word } from '../../../input/txn-tokens.js';

/** The three parts of a transaction, in input order. */
export type Section = 'compares' | 'success' | 'failure';
export const sections: readonly Section[] = ['compares', 'success', 'failure'];

/** What `txn -i` prints before each section (etcdctl's exact prompts). */
export const sectionPrompts: Record<Section, string> = {
  compares: 'compares:',
  success: 'success requests (get, put, del):',
  failure: 'failure requests (get, put, del):',
};

/** An invalid line; `detail` is ectl's explanation, printed besides etcdctl's message. */
export class TxnSyntaxError extends InvalidInputError {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

const targets: Record<string, { target: number; field: keyof Compare; base: number }> = {
  ver: { target: 0, field: 'version', base: 10 },
  version: { target: 0, field: 'version', base: 10 },
  c: { target: 1, field: 'create_revision', base: 10 },
  create: { target: 1, field: 'create_revision', base: 10 },
  m: { target: 2, field: 'mod_revision', base: 10 },
  mod: { target: 2, field: 'mod_revision', base: 10 },
  val: { target: 3, field: 'value', base: 0 },
  value: { target: 3, field: 'value', base: 0 },
  lease: { target: 4, field: 'lease', base: 16 },
};
const results: Record<string, number> = { '=': 0, '>': 1, '<': 2, '!=': 3 };

/** Parses one comparison line (already trimmed) into a Compare. */
export function parseCompare(line: Uint8Array): Compare {
  const shown = text(line);
  const paren = line.indexOf(0x28);
  if (paren < 0) throw new TxnSyntaxError(`malformed comparison: ${shown}`, 'no "(" in the line');
  const targetName = text(line.subarray(0, paren));
  const scan = scanComparison(goRunes(line.subarray(paren + 1)));
  if (scan.failed) {
    const got = `${targetName}(${goQuote(scan.key)}) ${scan.op} ${goQuote(scan.value)}`;
    throw new TxnSyntaxError(`malformed comparison: ${shown}; got ${got}`, scan.failed);
  }
  const t = Object.hasOwn(targets, targetName) ? targets[targetName] : undefined;
  if (!t) {
    throw new TxnSyntaxError(
      `malformed comparison: ${shown} (unknown target ${targetName})`,
      'targets are ver|version, c|create, m|mod, val|value and lease',
    );
  }
  let operand: bigint | Uint8Array = scan.value;
  if (t.base !== 0) {
    try {
      operand = parseGoInt64(text(scan.value), t.base);
    } catch (err) {
      if (!(err instanceof GoParseError)) throw err;
      const what = t.base === 16 ? 'a lease ID in hexadecimal' : 'a decimal integer';
      throw new TxnSyntaxError(
        `invalid txn compare request: ${shown}`,
        `${err.message}: expected ${what}`,
      );
    }
  }
  const result = Object.hasOwn(results, scan.op) ? results[scan.op] : undefined;
  if (result === undefined) {
    // etcdctl panics here ("Unknown result op").
    throw new TxnSyntaxError(
      `malformed comparison: ${shown} (unknown operator ${scan.op})`,
      'operators are =, !=, < and >',
    );
  }
  const cmp: Compare = { result, target: t.target, key: scan.key, range_end: new Uint8Array(0) };
  if (t.field === 'value') cmp.value = operand as Uint8Array;
  else cmp[t.field as 'version' | 'create_revision' | 'mod_revision' | 'lease'] = operand as bigint;
  return cmp;
}

interface Scan {
  key: Uint8Array;
  op: string;
  value: Uint8Array;
  /** Why scanning stopped early (undefined when all three parts were read). */
  failed?: string;
}

/** fmt.Sscanf(rest, "%q) %s %q", &key, &op, &value), keeping what was read before a failure. */
function scanComparison(runes: readonly number[]): Scan {
  const scan: Scan = { key: new Uint8Array(0), op: '', value: new Uint8Array(0) };
  let pos = 0;
  const skipSpace = () => {
    while (pos < runes.length && isFmtSpace(runes[pos]!)) pos++;
  };
  // A space in the format needs one or more spaces in the input, or its end.
  const space = (): boolean => {
    if (pos < runes.length && !isFmtSpace(runes[pos]!)) return false;
    skipSpace();
    return true;
  };
  const quoted = (what: string): Uint8Array | string => {
    skipSpace();
    try {
      const q = scanQuoted(runes, pos);
      pos = q.end;
      return q.value;
    } catch (err) {
      if (!(err instanceof QuoteError)) throw err;
      if (err.reason === 'unexpected EOF' && pos >= runes.length) return `${what} is missing`;
      if (err.reason === 'unexpected EOF') return `the quoted ${what} is not closed`;
      if (err.reason === 'invalid syntax') return `the quoted ${what} has a bad escape sequence`;
      return `the ${what} must be a quoted string ("..." or \`...\`)`;
    }
  };
  const key = quoted('key');
  if (typeof key === 'string') return { ...scan, failed: key };
  scan.key = key;
  if (runes[pos] !== 0x29) return { ...scan, failed: 'the key must be followed by ")" at once' };
  pos++;
  if (!space()) return { ...scan, failed: 'a space must follow ")"' };
  skipSpace();
  const opStart = pos;
  while (pos < runes.length && !isFmtSpace(runes[pos]!)) pos++;
  if (pos === opStart) return { ...scan, failed: 'the operator is missing' };
  scan.op = text(runesToBytes(runes.slice(opStart, pos)));
  space();
  const value = quoted('value');
  if (typeof value === 'string') return { ...scan, failed: value };
  return { ...scan, value };
}

/** The request commands a line may use and how their parsed words become a RequestOp. */
export interface OpCommands {
  /** A node whose sub-commands are get, put and del with their real flag definitions. */
  readonly root: ParseNode;
  /**
   * Builds the request from the parsed line; `raw` holds the bytes of each argument (the text is
   * UTF-8 and cannot carry other bytes). Throws the command's own validation errors.
   */
  build(command: string, args: string[], raw: Uint8Array[], flags: ParsedFlags): ParsedOp;
}

/** One request line, parsed. */
export interface ParsedOp {
  op: RequestOp;
  /** etcd 3.6's warning before deleting an explicit range (printed, then a 2 s pause). */
  warning?: string;
}

/** Parses one request line (already trimmed) with the commands in `ops`. */
export function parseOp(line: Uint8Array, ops: OpCommands): ParsedOp {
  const shown = text(line);
  const words = splitWords(line);
  if (words.length < 2) {
    // etcdctl's text (sic: "compare").
    throw new TxnSyntaxError(
      `invalid txn compare request: ${shown}`,
      'a request is get, put or del followed by its arguments',
    );
  }
  const invalid = (detail: string) => new TxnSyntaxError(`invalid txn request: ${shown}`, detail);
  let parsed;
  try {
    parsed = parseArgv(
      words.map((w) => w.text),
      ops.root,
      [],
    );
  } catch (err) {
    if (!(err instanceof ArgvError)) throw err;
    throw invalid(err.unknownCommand ? unknownCommand(err.message) : err.message);
  }
  const [, command] = parsed.path;
  if (!command) throw invalid(unknownCommand(words[0]!.text));
  // etcdctl hangs forever on a help flag inside a txn.
  if (parsed.help) throw invalid('--help cannot be used in a request line');
  const name = command.names[0]!;
  return ops.build(name, parsed.args, rawArgs(parsed.args, words), parsed.flags);
}

function unknownCommand(word: string): string {
  return `unknown command ${goQuoteString(word)}: a request is get, put or del`;
}

/**
 * The bytes of each argument. Arguments are the line's words in order, minus the command, flags
 * and flag values, so matching texts in order finds each one. Only a word that is not UTF-8 can
 * share its text with a different word; as a flag value it is rejected by every builder (lease
 * IDs, orders and sort targets are ASCII), so the request never carries a wrong match.
 */
function rawArgs(args: readonly string[], words: readonly Word[]): Uint8Array[] {
  const raw: Uint8Array[] = [];
  let j = 0;
  for (const a of args) {
    while (j < words.length && words[j]!.text !== a) j++;
    raw.push(j < words.length ? words[j++]!.bytes : Buffer.from(a, 'utf8'));
  }
  return raw;
}
