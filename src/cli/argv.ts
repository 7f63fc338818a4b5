// cobra + pflag command-line semantics: find the (sub)command by unique prefix, then parse
// interspersed GNU-style flags with pflag's rules and error texts. commander's own parser differs
// (`--flag=false`, `-5`, prefix matching, messages), so ectl parses here and keeps commander as
// the registry and help renderer.
import { GoParseError } from '../go/parse.js';
import { type FlagSpec, type FlagValue, ParsedFlags, parseFlagValue } from './flagspec.js';
import { goQuoteString } from '../go/format.js';

/** What the parser needs to know of a command. */
export interface ParseNode {
  readonly names: readonly string[];
  readonly subs: readonly ParseNode[];
  readonly localFlags: readonly FlagSpec[];
}

/** The outcome of parsing argv against the command tree. */
export interface ParsedArgv<N extends ParseNode> {
  path: N[];
  args: string[];
  flags: ParsedFlags;
  help: boolean;
}

/** A parse error with pflag's or cobra's text; `unknownCommand` marks cobra's legacyArgs error. */
export class ArgvError extends Error {
  constructor(
    message: string,
    readonly path: ParseNode[],
    readonly unknownCommand = false,
  ) {
    super(message);
  }
}

const helpFlag: FlagSpec = {
  name: 'help',
  short: 'h',
  kind: 'bool',
  default: false,
  usage: 'help',
};

/** A command without flags of its own: the root as rootCommandWord sees it. */
const rootOnly: ParseNode = { names: [], subs: [], localFlags: [] };

/** The flags a parse at one command knows: lookups by name and by shorthand, and defaults. */
interface FlagTable {
  readonly byName: ReadonlyMap<string, FlagSpec>;
  readonly byShort: ReadonlyMap<string, FlagSpec>;
  readonly defaults: ReadonlyMap<string, FlagValue>;
}

// Built once per command and kept: a batch or shell parses every line (twice in a batch), and
// rebuilding these for each line took about two thirds of the parser's time under a profiler
// (138 -> 49 ms over 20,000 batch lines) and made most of the parser's garbage.
// Commands only ever gain flags, so a table is stale when the command has more than it has seen.
const tables = new WeakMap<
  readonly FlagSpec[],
  { size: number; globals: readonly FlagSpec[]; table: FlagTable }
>();

function flagTable(path: readonly ParseNode[], globals: readonly FlagSpec[]): FlagTable {
  const local = path[path.length - 1]!.localFlags;
  const kept = tables.get(local);
  if (kept && kept.size === local.length && kept.globals === globals) return kept.table;
  const list = [...local, ...globals, helpFlag];
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  // A flag given is parsed by the first spec of its name, as a search of the list in order finds
  // it; one not given has the default of the last (a global's where a command's own flag has its
  // name: `config set-context` without --endpoints still reads the global default).
  for (const f of list) {
    if (!byName.has(f.name)) byName.set(f.name, f);
    if (f.short !== undefined && !byShort.has(f.short)) byShort.set(f.short, f);
  }
  const defaults = new Map(list.map((f) => [f.name, f.default]));
  const table = { byName, byShort, defaults };
  tables.set(local, { size: local.length, globals, table });
  return table;
}

function takesValue(name: string, flags: FlagTable, short: boolean): boolean {
  const f = (short ? flags.byShort : flags.byName).get(name);
  return !(f && f.kind === 'bool');
}

/** cobra's stripFlags: the positional words, skipping flags and the values they take. */
function positionalWords(
  args: readonly string[],
  flags: FlagTable,
): { word: string; index: number }[] {
  const out: { word: string; index: number }[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i]!;
    if (s === '--') break;
    const long = s.startsWith('--') && !s.includes('=') && takesValue(s.slice(2), flags, false);
    const short =
      s.startsWith('-') &&
      !s.includes('=') &&
      s.length === 2 &&
      takesValue(s.slice(1), flags, true);
    if (long || short) {
      // cobra stops looking when the flag's value would be the last word.
      if (args.length - i - 1 <= 1) break;
      i++;
    } else if (s !== '' && !s.startsWith('-')) {
      out.push({ word: s, index: i });
    }
  }
  return out;
}

/** The word a run names its command with: the first positional word, as the root parse finds it. */
export function rootCommandWord(
  argv: readonly string[],
  globals: readonly FlagSpec[],
): string | undefined {
  return positionalWords(argv, flagTable([rootOnly], globals))[0]?.word;
}

function findSub(node: ParseNode, word: string): ParseNode | undefined {
  const exact = node.subs.find((c) => c.names.includes(word));
  if (exact) return exact;
  const byPrefix = node.subs.filter((c) => c.names[0]!.startsWith(word));
  return byPrefix.length === 1 ? byPrefix[0] : undefined;
}

/** Parses argv (without node and script) against the tree rooted at `root`. */
export function parseArgv<N extends ParseNode>(
  argv: readonly string[],
  root: N,
  globals: readonly FlagSpec[],
): ParsedArgv<N> {
  const path: ParseNode[] = [root];
  let rest = [...argv];
  for (;;) {
    const node = path[path.length - 1]!;
    if (node.subs.length === 0) break;
    const first = positionalWords(rest, flagTable(path, globals))[0];
    if (!first) break;
    const sub = findSub(node, first.word);
    if (!sub) break;
    path.push(sub);
    rest = [...rest.slice(0, first.index), ...rest.slice(first.index + 1)];
  }
  if (path.length === 1 && root.subs.length > 0) {
    // cobra finds the command before it parses flags: a word left over at the root is an unknown
    // command, even where an unknown flag precedes it (`--nosuch get foo` → unknown command "foo").
    const word = positionalWords(rest, flagTable(path, globals))[0];
    if (word) throw new ArgvError(word.word, path, true);
  }
  const table = flagTable(path, globals);
  const { args, values, changed, help, dashAt } = parseFlags(rest, table, path);
  return {
    path: path as N[],
    args,
    flags: new ParsedFlags(values, changed, dashAt, table.defaults),
    help,
  };
}

function parseFlags(argv: readonly string[], flags: FlagTable, path: ParseNode[]) {
  // Only the flags given: the others read their defaults from the table.
  const values = new Map<string, FlagValue>();
  const changed = new Set<string>();
  const args: string[] = [];
  let dashAt = -1;
  const set = (spec: FlagSpec, raw: string) => {
    try {
      values.set(
        spec.name,
        parseFlagValue(spec, raw, changed.has(spec.name) ? values.get(spec.name) : undefined),
      );
    } catch (e) {
      if (!(e instanceof GoParseError)) throw e;
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      throw new ArgvError(
        `invalid argument ${goQuoteString(raw)} for ${goQuoteString(shown)} flag: ${e.message}`,
        path,
      );
    }
    changed.add(spec.name);
  };
  const queue = [...argv];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (s.length < 2 || s[0] !== '-') {
      args.push(s);
      continue;
    }
    if (s === '--') {
      dashAt = args.length;
      args.push(...queue);
      break;
    }
    if (s[1] === '-') {
      const body = s.slice(2);
      if (body === '' || body[0] === '-' || body[0] === '=')
        throw new ArgvError(`bad flag syntax: ${s}`, path);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const spec = flags.byName.get(name);
      if (!spec) throw new ArgvError(`unknown flag: --${name}`, path);
      if (eq >= 0) set(spec, body.slice(eq + 1));
      else if (spec.kind === 'bool') set(spec, 'true');
      else if (queue.length > 0) set(spec, queue.shift()!);
      else throw new ArgvError(`flag needs an argument: ${s}`, path);
      continue;
    }
    let shorts = s.slice(1);
    while (shorts.length > 0) {
      const c = String.fromCodePoint(shorts.codePointAt(0)!);
      const spec = flags.byShort.get(c);
      if (!spec) throw new ArgvError(`unknown shorthand flag: '${c}' in -${shorts}`, path);
      let next = shorts.slice(c.length);
      if (next.length > 1 && next[0] === '=') {
        set(spec, next.slice(1));
        next = '';
      } else if (spec.kind === 'bool') set(spec, 'true');
      else if (next.length > 0) {
        set(spec, next);
        next = '';
      } else if (queue.length > 0) set(spec, queue.shift()!);
      else throw new ArgvError(`flag needs an argument: '${c}' in -${shorts}`, path);
      shorts = next;
    }
  }
  return { args, values, changed, help: values.get('help') === true, dashAt };
}
