// A batch script turned into steps before anything runs: each line split into words as a POSIX
// shell would (src/input/shell-words.ts), a `txn` line given the lines after it as its stdin (up
// to and including the blank lines that end a transaction), and every line checked: connection
// flags belong on the `ectl batch` line (all lines share its one connection), and commands that
// need a terminal or run until interrupted are refused, naming the line.
import { ArgvError, type ParseNode, parseArgv } from '../../../cli/argv.js';
import type { FlagSpec } from '../../../cli/flagspec.js';
import { InvalidInputError } from '../../../errors.js';
import { ShellSyntaxError, splitShellWords } from '../../../input/shell-words.js';

/** One command of the script: its line number (1-based), words and the stdin it gets. */
export interface Step {
  line: number;
  argv: string[];
  /** Its command path (`lease grant`), as lineFacts reads it. */
  cmd: string;
  /** The transaction's lines, for `txn`; every other command reads an empty stdin. */
  stdin?: Buffer;
}

/** The global flags that shape the connection: only the `ectl batch` line may carry them. */
export const connectionFlags: readonly string[] = [
  'endpoints',
  'dial-timeout',
  'keepalive-time',
  'keepalive-timeout',
  'max-request-bytes',
  'max-recv-bytes',
  'insecure-transport',
  'insecure-discovery',
  'insecure-skip-tls-verify',
  'cert',
  'key',
  'cacert',
  'user',
  'password',
  'auth-jwt-token',
  'discovery-srv',
  'discovery-srv-name',
  'context',
];

/** Commands a batch cannot run, with why (by command path, as typed in full). */
const refusedCommands: Record<string, string> = {
  watch: 'runs until interrupted',
  lock: 'holds the lock until interrupted',
  elect: 'campaigns or observes until interrupted',
  'lease keep-alive': 'runs until interrupted (lease keep-alive --once is fine)',
  'make-mirror': 'runs until interrupted',
  edit: 'needs a terminal and an editor',
  shell: 'needs a terminal',
  register: 'runs until interrupted',
  batch: 'cannot run inside a batch',
};

/** A line's command path (`lease keep-alive`), from a parse or from the error of one. */
function commandPath(path: readonly ParseNode[]): string {
  return path
    .slice(1)
    .map((n) => n.names[0])
    .join(' ');
}

/** What a line is: its command path (`lease keep-alive`) and which flags it gives. */
export interface LineFacts {
  cmd: string;
  given(name: string): boolean;
}

/** Reads a line's command and flags, also from a line that does not parse (its error comes later). */
export function lineFacts(
  argv: readonly string[],
  root: ParseNode,
  globals: readonly FlagSpec[],
): LineFacts {
  try {
    const parsed = parseArgv(argv, root, globals);
    return { cmd: commandPath(parsed.path), given: (name) => parsed.flags.changed(name) };
  } catch (err) {
    if (!(err instanceof ArgvError)) throw err;
    return { cmd: commandPath(err.path), given: (name) => wordsGive(argv, name, globals) };
  }
}

/** Why a line may not carry its connection flag, or undefined. */
export function connectionFlagRefusal(line: LineFacts, where: string): string | undefined {
  const name = connectionFlags.find((n) => line.given(n));
  return name === undefined
    ? undefined
    : `--${name} is a connection flag: give it on the ${where} line (every line shares its connection)`;
}

/** Why a line cannot run in a batch, or undefined. */
function refusal(line: LineFacts): string | undefined {
  const flagged = connectionFlagRefusal(line, 'ectl batch');
  if (flagged) return flagged;
  const { cmd, given } = line;
  if (cmd === 'lease keep-alive' && given('once')) return undefined;
  if (cmd === 'txn' && given('interactive')) return 'txn -i needs a terminal (use ectl shell)';
  const reason = Object.hasOwn(refusedCommands, cmd) ? refusedCommands[cmd] : undefined;
  return reason === undefined ? undefined : `${cmd} ${reason}: a batch cannot run it`;
}

/** Whether the words (before any `--`) name flag `name`, for lines that do not parse. */
function wordsGive(argv: readonly string[], name: string, globals: readonly FlagSpec[]): boolean {
  const short = globals.find((f) => f.name === name)?.short;
  for (const w of argv) {
    if (w === '--') return false;
    if (w === `--${name}` || w.startsWith(`--${name}=`)) return true;
    if (short && new RegExp(`^-[A-Za-z]*${short}`).test(w) && !w.startsWith('--')) return true;
  }
  return false;
}

const blankLine = /^[ \t\r\v\f]*$/;

/** Splits a whole script into steps, or throws one InvalidInputError naming the first bad line. */
export function parseScript(text: string, root: ParseNode, globals: readonly FlagSpec[]): Step[] {
  const lines = text.split('\n');
  // A final newline ends the last line; it starts no new one.
  if (lines[lines.length - 1] === '') lines.pop();
  const steps: Step[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = i + 1;
    let joined = lines[i]!;
    let split = wordsOf(joined, first);
    // An open quote or a final backslash continues the command on the next line.
    while (split.open && i + 1 < lines.length) {
      joined += `\n${lines[++i]!}`;
      split = wordsOf(joined, first);
    }
    if (split.open)
      throw new InvalidInputError(
        `line ${first}: ${split.open === '\\' ? 'a backslash ends the script' : `the ${split.open} quote is never closed`}`,
      );
    if (split.words.length === 0) continue;
    // Each line is parsed once here (and again when it runs): on 1,000-line scripts it showed.
    const facts = lineFacts(split.words, root, globals);
    const why = refusal(facts);
    if (why) throw new InvalidInputError(`line ${first}: ${why}`);
    const step: Step = { line: first, argv: split.words, cmd: facts.cmd };
    if (facts.cmd === 'txn') {
      // The transaction: the lines after it, up to and including its third blank line.
      const body: string[] = [];
      let blanks = 0;
      while (blanks < 3 && i + 1 < lines.length) {
        const l = lines[++i]!;
        body.push(l);
        if (blankLine.test(l)) blanks++;
      }
      step.stdin = Buffer.from(body.map((l) => `${l}\n`).join(''));
    }
    steps.push(step);
  }
  return steps;
}

function wordsOf(text: string, line: number) {
  try {
    return splitShellWords(text);
  } catch (err) {
    if (err instanceof ShellSyntaxError)
      throw new InvalidInputError(`line ${line}: ${err.message}`);
    throw err;
  }
}
