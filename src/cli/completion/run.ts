// `ectl __complete`, the hidden command the shell scripts call on every Tab (cobra's protocol):
//   ectl __complete words <word>...        the words from the program on, the last one under the
//                                          cursor (zsh, fish, PowerShell)
//   ectl __complete bash <line> <breaks>   COMP_LINE up to the cursor and COMP_WORDBREAKS
//   ectl __complete ps c<cur> <word>...    PowerShell: the current word after a "c" (PowerShell 5
//                                          drops empty arguments), then the words before it
// It prints one candidate a line (`value<TAB>description` in words mode, the text to insert in bash
// mode), then `:<directive>`. It never prompts, never writes to stderr and always exits 0.
import type { EctlCommand } from '../command.js';
import type { Io } from '../../io.js';
import { completeWords } from './engine.js';
import { type LiveIo, liveCandidates } from './live.js';
import { bashInsertion, lexBashLine, splitCommand, type LexedLine } from './shellwords.js';
import { type Candidate, Directive } from './types.js';

/** The name of the hidden command. */
export { completeCommandName } from '../command.js';

/** bash's default COMP_WORDBREAKS. */
const defaultWordbreaks = ' \t\n"\'><=;|&(:';
const oneLine = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();

/** Computes the candidates for a command line (words from the program on). */
export async function candidatesFor(
  root: EctlCommand,
  words: readonly string[],
  io: LiveIo,
  budgetMs?: number,
): Promise<{ candidates: Candidate[]; directive: number }> {
  const { env, args } = splitCommand(words.length > 0 ? words : ['']);
  const result = completeWords(root, args.length > 0 ? args : ['']);
  if (!result.live) return result;
  const { source, prefix, flags, insertBefore } = result.live;
  const found = await liveCandidates(
    source,
    prefix,
    flags,
    // Variables given on the line point elsewhere than a client already connected.
    {
      env: { ...io.env, ...env },
      now: io.now,
      ...(Object.keys(env).length ? {} : { client: io.client }),
    },
    budgetMs,
  );
  const candidates = [
    ...result.candidates,
    ...found.map((c) => ({ ...c, value: insertBefore + c.value })),
  ];
  return { candidates, directive: result.directive };
}

/** Runs `ectl __complete <mode> ...` and returns the exit code (always 0). */
export async function runComplete(argv: readonly string[], io: Io, root: EctlCommand) {
  let out = '';
  try {
    const [mode, ...rest] = argv;
    let lexed: LexedLine | undefined;
    let words: string[];
    if (mode === 'bash') {
      lexed = lexBashLine(rest[0] ?? '');
      words = lexed.words;
    } else if (mode === 'words') {
      words = rest;
    } else if (mode === 'ps' && rest.length > 0) {
      words = [...rest.slice(1), rest[0]!.slice(1)];
    } else {
      io.stdout.write(`:${Directive.Error}\n`);
      return 0;
    }
    const { candidates, directive } = await candidatesFor(root, words, io);
    for (const c of candidates) {
      if (lexed) out += `${bashInsertion(c.value, lexed, rest[1] ?? defaultWordbreaks)}\n`;
      else out += c.description ? `${c.value}\t${oneLine(c.description)}\n` : `${c.value}\n`;
    }
    out += `:${directive}\n`;
  } catch {
    out = `:${Directive.Error}\n`;
  }
  io.stdout.write(out);
  return 0;
}
