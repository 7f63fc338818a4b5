// Where the cursor is — a command, a flag name, a flag's value or a positional argument — found by
// parsing the words before it with the CLI's own parser (input/argv.ts), and what goes there: names
// from the command tree and its flags, fixed values, or a live lookup to run (see live.ts).
import type { EctlCommand } from '../command.js';
import { globalFlags } from '../globals.js';
import { ArgvError, parseArgv } from '../argv.js';
import type { FlagSpec, ParsedFlags } from '../flagspec.js';
import { helpTopics } from '../help/topics.js';
import { argSources, flagSources } from './sources.js';
import { type Candidate, Directive, type LiveSource, type ValueSource, nothing } from './types.js';

/** What to offer at the cursor; `live` asks the caller to add candidates from the cluster. */
export interface Completion {
  candidates: Candidate[];
  directive: number;
  live?: { source: LiveSource; prefix: string; flags: ParsedFlags; insertBefore: string };
}

interface Located {
  path: EctlCommand[];
  args: string[];
  flags: ParsedFlags;
  /** The flag whose value the cursor is on (the word before it is that flag). */
  pending?: FlagSpec;
}

const helpFlag: FlagSpec = {
  name: 'help',
  short: 'h',
  kind: 'bool',
  default: false,
  usage: 'help for this command',
};

/** Completes the last of `words` (the words after the program name; the last may be ''). */
export function completeWords(root: EctlCommand, words: readonly string[]): Completion {
  const cur = words.length > 0 ? words[words.length - 1]! : '';
  const done = words.slice(0, -1);
  const at = locate(root, done, 3);
  if (!at) return { candidates: [], directive: Directive.NoFileComp };
  const leaf = at.path[at.path.length - 1]!;
  const flags = [...leaf.localFlags, ...globalFlags, helpFlag];
  if (at.pending) return values(root, at, flagSource(at.pending), cur, '');
  const afterDash = done.includes('--');
  if (!afterDash && cur.startsWith('--') && cur.includes('=')) {
    const name = cur.slice(2, cur.indexOf('='));
    const spec = flags.find((f) => f.name === name && f.kind !== 'bool');
    if (!spec) return { candidates: [], directive: Directive.NoFileComp };
    const before = cur.slice(0, cur.indexOf('=') + 1);
    return values(root, at, flagSource(spec), cur.slice(before.length), before);
  }
  if (!afterDash && /^-[^-]./.test(cur)) {
    // `-wjs`: a shorthand that takes a value, with the value's beginning in the same word.
    const spec = flags.find((f) => f.short === cur[1] && f.kind !== 'bool');
    if (spec) {
      const before = cur[2] === '=' ? cur.slice(0, 3) : cur.slice(0, 2);
      return values(root, at, flagSource(spec), cur.slice(before.length), before);
    }
  }
  if (!afterDash && cur.startsWith('-')) return flagNames(flags, at.flags, cur);
  const subs = visibleSubs(leaf);
  if (subs.length > 0 && at.args.length === 0) {
    return {
      candidates: subs
        .filter((c) => c.name().startsWith(cur))
        .map((c) => withDescription(c.name(), c.description())),
      directive: Directive.NoFileComp,
    };
  }
  return values(root, at, argSource(leaf, at.args.length), cur, '');
}

/** Parses the words before the cursor; an unparsable flag is left out rather than give up. */
function locate(root: EctlCommand, words: string[], retries: number): Located | undefined {
  try {
    const p = parseArgv(words, root, globalFlags);
    return { path: p.path, args: p.args, flags: p.flags };
  } catch (err) {
    if (!(err instanceof ArgvError) || err.unknownCommand) return undefined;
    const needs = /^flag needs an argument: (?:--(.+)|'(.+)' in -)/.exec(err.message);
    if (needs) {
      const before = locate(root, words.slice(0, -1), retries);
      const leaf = err.path[err.path.length - 1] as EctlCommand;
      const spec = [...leaf.localFlags, ...globalFlags].find((f) =>
        needs[1] !== undefined ? f.name === needs[1] : f.short === needs[2],
      );
      return before && spec ? { ...before, pending: spec } : undefined;
    }
    if (retries === 0) return undefined;
    // Drop the last flag-like word (with the word after it, if it was taken as its value).
    for (let i = words.length - 1; i >= 0; i--) {
      const w = words[i]!;
      if (w === '--' || !w.startsWith('-')) continue;
      for (const n of [1, 2]) {
        const found = locate(root, [...words.slice(0, i), ...words.slice(i + n)], retries - 1);
        if (found) return found;
      }
    }
    return undefined;
  }
}

function visibleSubs(cmd: EctlCommand): EctlCommand[] {
  return cmd.subs.filter((c) => !(c as unknown as { _hidden: boolean })._hidden);
}

function withDescription(value: string, description: string | undefined): Candidate {
  const line = (description ?? '').split('\n')[0]!.trim();
  return line ? { value, description: line } : { value };
}

function flagNames(flags: readonly FlagSpec[], given: ParsedFlags, cur: string): Completion {
  const candidates: Candidate[] = [];
  for (const f of flags) {
    if (f.hidden) continue;
    // A flag already given is offered again only when repeating it adds (string slices).
    if (f.kind !== 'stringSlice' && given.changed(f.name)) continue;
    candidates.push(withDescription(`--${f.name}`, f.usage));
    if (f.short && cur.length <= 1) candidates.push(withDescription(`-${f.short}`, f.usage));
  }
  return {
    candidates: candidates.filter((c) => c.value.startsWith(cur)),
    directive: Directive.NoFileComp,
  };
}

/** The source of a flag's values: its own declaration, else by its name. */
export function flagSource(spec: FlagSpec): ValueSource {
  return spec.complete ?? flagSources[spec.name] ?? nothing;
}

/** The source of the positional argument at `index` of `cmd`. */
export function argSource(cmd: EctlCommand, index: number): ValueSource {
  const list = cmd.argSources ?? argSources[cmd.path()];
  if (!list || list.length === 0) return nothing;
  return list[Math.min(index, list.length - 1)]!;
}

function values(
  root: EctlCommand,
  at: Located,
  source: ValueSource,
  cur: string,
  insertBefore: string,
): Completion {
  const offer = (list: readonly Candidate[]): Completion => ({
    candidates: list
      .filter((c) => c.value.startsWith(cur))
      .map((c) => ({ ...c, value: insertBefore + c.value })),
    directive: Directive.NoFileComp,
  });
  switch (source.kind) {
    case 'choices':
      return offer(source.values);
    case 'commands':
      return offer(helpCandidates(root, at.args));
    case 'files':
      return { candidates: [], directive: Directive.Default };
    case 'live':
      return {
        candidates: [],
        directive: Directive.NoFileComp,
        live: { source: source.source, prefix: cur, flags: at.flags, insertBefore },
      };
    case 'none':
      return { candidates: [], directive: Directive.NoFileComp };
  }
}

/** `help <command> <sub>...`: the sub-commands at the level the words reach, and help topics. */
function helpCandidates(root: EctlCommand, words: readonly string[]): Candidate[] {
  let node = root;
  for (const w of words) {
    const next = node.subs.find((c) => c.names.includes(w));
    if (!next) return [];
    node = next;
  }
  const out = visibleSubs(node).map((c) => withDescription(c.name(), c.description()));
  if (node === root)
    out.push(...helpTopics.map((t) => ({ value: t.name, description: t.summary })));
  return out;
}
