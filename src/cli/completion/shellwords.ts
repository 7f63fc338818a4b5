// The shell side of completion: bash's command line split into words as bash reads it (quotes,
// backslashes, `;`/`|` starting a new command), `NAME=value` words before the program, and each
// candidate turned into the text bash must insert for its own idea of the current word.

/** A command line up to the cursor, split into words. */
export interface LexedLine {
  /** The words with quoting removed; the last is the word under the cursor ('' after a space). */
  words: string[];
  /** The last word as typed, quotes and backslashes included. */
  raw: string;
  /** The quote still open at the cursor. */
  quote: '' | "'" | '"';
}

const blank = /[ \t\n]/;

/** Splits a bash command line (COMP_LINE up to COMP_POINT) the way bash does. */
export function lexBashLine(line: string): LexedLine {
  let words: string[] = [];
  let word = '';
  let raw = '';
  let inWord = false;
  let quote: LexedLine['quote'] = '';
  let skipNext = false;
  const end = () => {
    if (inWord) {
      if (skipNext) skipNext = false;
      else words.push(word);
    }
    word = '';
    raw = '';
    inWord = false;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
      else word += c;
      raw += c;
      continue;
    }
    if (quote === '"') {
      raw += c;
      if (c === '"') quote = '';
      else if (c === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1]!)) {
        raw += line[++i]!;
        if (line[i] !== '\n') word += line[i]!;
      } else word += c;
      continue;
    }
    if (blank.test(c)) {
      end();
      continue;
    }
    if ('|;&()'.includes(c)) {
      // A new command starts: completion concerns the last one only.
      end();
      words = [];
      skipNext = false;
      continue;
    }
    if (c === '<' || c === '>') {
      // A redirection: its target is no argument of the command.
      end();
      skipNext = true;
      continue;
    }
    inWord = true;
    raw += c;
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') {
      if (i + 1 < line.length) {
        raw += line[++i]!;
        if (line[i] !== '\n') word += line[i]!;
      }
    } else word += c;
  }
  const last = inWord ? word : '';
  const lastRaw = inWord ? raw : '';
  return { words: [...words, last], raw: lastRaw, quote: inWord ? quote : '' };
}

/** Splits `NAME=value ... program args...` into the assignments and the words after the program. */
export function splitCommand(words: readonly string[]): {
  env: Record<string, string>;
  args: string[];
} {
  const env: Record<string, string> = {};
  let i = 0;
  // The last word is the one being completed, never an assignment before the program.
  for (; i < words.length - 1; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(words[i]!);
    if (!m) break;
    env[m[1]!] = m[2]!;
  }
  return { env, args: words.slice(i + 1) };
}

const special = /[ \t\n'"\\$`|&;()<>*?[\]{}!#~]/g;

function escapeFor(text: string, quote: LexedLine['quote']): string {
  if (quote === "'") return text.replace(/'/g, "'\\''");
  if (quote === '"') return text.replace(/["\\$`]/g, '\\$&');
  return text.replace(special, '\\$&');
}

/**
 * Where readline's completion word starts in the last word as typed: after an open quote, else
 * after the last unquoted COMP_WORDBREAKS character (bash splits `--lease=` and `a:b` there).
 */
function readlineWordStart(raw: string, wordbreaks: string): number {
  let start = 0;
  let quote = '';
  let quoteAt = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (quote === '"' && c === '\\') i++;
      continue;
    }
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      quote = c;
      quoteAt = i;
    } else if (wordbreaks.includes(c)) start = i + 1;
  }
  return quote ? quoteAt + 1 : start;
}

/**
 * The text bash inserts for `candidate` (an unquoted value starting with the current word's text):
 * what readline holds as its word, then the rest of the candidate escaped for the quote in force
 * (readline closes an open quote itself).
 */
export function bashInsertion(candidate: string, at: LexedLine, wordbreaks: string): string {
  const text = at.words[at.words.length - 1]!;
  const kept = at.raw.slice(readlineWordStart(at.raw, wordbreaks));
  return kept + escapeFor(candidate.slice(text.length), at.quote);
}
