// The shell's key prefixes as directories: `cd`, `cd ..`, the prompt, and relative keys. A word
// that starts with `/` is a key as written; any other key word is taken under the current prefix.
// The top (no prefix, where the shell starts) takes every key as written, so keys without a
// leading `/` (`foo`, `app/config`) are reached from there: a bare `cd` goes back to it.
import type { ParseNode } from '../../../cli/argv.js';
import type { FlagSpec } from '../../../cli/flagspec.js';

/** Where `cd` goes from `cwd` (a prefix ending in `/`, or '' for the top) with `arg`. */
export function changeDir(cwd: string, arg: string | undefined): string {
  if (arg === undefined || arg === '') return '';
  let dir = arg.startsWith('/') ? '' : cwd;
  let rest = arg;
  // `..` segments climb; `.` stays; anything else is part of the prefix, as typed.
  while (rest.length > 0) {
    const slash = rest.indexOf('/', rest.startsWith('/') && dir === '' ? 1 : 0);
    const seg = slash < 0 ? rest : rest.slice(0, slash + 1);
    rest = slash < 0 ? '' : rest.slice(slash + 1);
    if (seg === '..' || seg === '../') dir = parentDir(dir);
    else if (seg === '.' || seg === './') continue;
    else dir += seg;
  }
  return dir === '' || dir.endsWith('/') ? dir : `${dir}/`;
}

/** The prefix one level up: `/a/b/` → `/a/`, `/a/` → `/`, `/` and `a/` → the top. */
export function parentDir(dir: string): string {
  if (dir === '') return '';
  const inner = dir.slice(0, -1);
  const slash = inner.lastIndexOf('/');
  return slash < 0 ? '' : inner.slice(0, slash + 1);
}

/** The key a word names, seen from `cwd`. */
export function resolveKey(cwd: string, word: string): string {
  return word.startsWith('/') ? word : cwd + word;
}

/** The prompt: `ectl [context] /prefix/> ` (the context part only when there is one). */
export function promptFor(cwd: string, context?: string): string {
  return `ectl ${context ? `[${context}] ` : ''}${cwd}> `;
}

/** Which positional arguments of each command are keys (watch/lock/elect: before any `--`). */
const keyArgs: Record<string, { at: number[]; beforeDash?: true }> = {
  get: { at: [0, 1] },
  del: { at: [0, 1] },
  put: { at: [0] },
  watch: { at: [0, 1], beforeDash: true },
  lock: { at: [0], beforeDash: true },
  elect: { at: [0], beforeDash: true },
};

/** The indexes of the positional words of argv under pflag's rules (flags and their values skipped). */
export function positionalIndexes(argv: readonly string[], flags: readonly FlagSpec[]): number[] {
  const out: number[] = [];
  const takesValue = (spec: FlagSpec | undefined) => spec !== undefined && spec.kind !== 'bool';
  for (let i = 0; i < argv.length; i++) {
    const s = argv[i]!;
    if (s === '--') {
      for (let j = i + 1; j < argv.length; j++) out.push(-j - 1);
      break;
    }
    if (s.length < 2 || s[0] !== '-') out.push(i);
    else if (s[1] === '-') {
      if (!s.includes('=') && takesValue(flags.find((f) => f.name === s.slice(2)))) i++;
    } else {
      // The last shorthand of a group takes the next word when it needs a value and has none.
      for (let k = 1; k < s.length; k++) {
        const spec = flags.find((f) => f.short === s[k]);
        if (!takesValue(spec)) continue;
        if (k === s.length - 1) i++;
        break;
      }
    }
  }
  return out;
}

/**
 * argv with its key words taken under `cwd`. `path` is the command path the parser found and
 * `flags` every flag it knows there; words after `--` are encoded as negative indexes by
 * positionalIndexes.
 */
export function withRelativeKeys(
  argv: readonly string[],
  cwd: string,
  path: readonly ParseNode[],
  flags: readonly FlagSpec[],
): string[] {
  const cmd = path
    .slice(1)
    .map((n) => n.names[0])
    .join(' ');
  const spec = Object.hasOwn(keyArgs, cmd) ? keyArgs[cmd] : undefined;
  if (!spec || cwd === '') return [...argv];
  const out = [...argv];
  const positions = positionalIndexes(argv, flags).slice(path.length - 1);
  for (const at of spec.at) {
    const p = positions[at];
    if (p === undefined) continue;
    if (p < 0 && spec.beforeDash) continue;
    const i = p < 0 ? -p - 1 : p;
    out[i] = resolveKey(cwd, argv[i]!);
  }
  return out;
}
