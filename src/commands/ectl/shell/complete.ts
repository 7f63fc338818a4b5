// Tab in the shell: the completion engine of `ectl __complete` (commands, flags, fixed values and
// live lookups) on the line typed so far, with the shell's own words (cd, ls, pwd, help, exit) and
// relative keys: a key word without a leading `/` is looked up under the current prefix and
// offered without it; `cd` and `ls` are offered the next level of prefixes only.
import type { EctlCommand } from '../../../cli/command.js';
import { candidatesFor } from '../../../cli/completion/run.js';
import { completeWords } from '../../../cli/completion/engine.js';
import { type LiveIo, liveCandidates } from '../../../cli/completion/live.js';
import { lexBashLine } from '../../../cli/completion/shellwords.js';
import { parseArgv } from '../../../cli/argv.js';
import { globalFlags } from '../../../cli/globals.js';
import { quoteShellWord } from '../../../input/shell-words.js';

/** The shell's own commands, offered with the CLI's at the start of a line. */
export const builtins = ['cd', 'ls', 'pwd', 'help', 'exit'] as const;

/** What Tab offers for `line` (the text before the cursor): readline's [candidates, word]. */
export async function completeLine(
  root: EctlCommand,
  line: string,
  cwd: string,
  globalWords: readonly string[],
  io: LiveIo,
): Promise<[string[], string]> {
  const lexed = lexBashLine(line);
  const words = lexed.words;
  const cur = words[words.length - 1]!;
  const done = words.slice(0, -1);
  const offer = (values: string[]) =>
    [[...new Set(values)].filter((v) => v.startsWith(cur)).map(quoted), lexed.raw] as [
      string[],
      string,
    ];
  if (done.length === 0) {
    const found = await candidatesFor(root, [...globalWords, cur], io);
    return offer([...builtins, ...found.candidates.map((c) => c.value)]);
  }
  if (done[0] === 'cd' || done[0] === 'ls') {
    if (done.length > 1) return offer([]);
    return offer(await keysUnder(root, cwd, cur, globalWords, io, true));
  }
  const located = completeWords(root, [...globalWords, ...words]);
  if (located.live?.source === 'keys' && located.live.insertBefore === '')
    return offer(await keysUnder(root, cwd, cur, globalWords, io, false));
  const found = await candidatesFor(root, [...globalWords, ...words], io);
  return offer(found.candidates.map((c) => c.value));
}

/** Keys (or with `dirs`, the next level of prefixes) at `cwd` + `typed`, as typed (relative or not). */
async function keysUnder(
  root: EctlCommand,
  cwd: string,
  typed: string,
  globalWords: readonly string[],
  io: LiveIo,
  dirs: boolean,
): Promise<string[]> {
  const absolute = typed.startsWith('/') || cwd === '';
  const full = absolute ? typed : cwd + typed;
  const flags = parseArgv([...globalWords, 'get', full], root, globalFlags).flags;
  const keys = await liveCandidates('keys', full, flags, io);
  const out: string[] = [];
  for (const { value } of keys) {
    let v = value;
    if (dirs) {
      const slash = v.indexOf('/', full.length);
      if (slash < 0) continue;
      v = v.slice(0, slash + 1);
    }
    out.push(absolute ? v : v.slice(cwd.length));
  }
  return out;
}

/** A candidate as it must be typed (quoted when it holds a space or a quote). */
function quoted(value: string): string {
  return /^[^\s'"\\|&;<>()`#]*$/.test(value) ? value : quoteShellWord(value);
}
