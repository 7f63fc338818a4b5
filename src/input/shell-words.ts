// POSIX shell word splitting for the lines of `ectl batch` and `ectl shell`: what a shell does to
// a command line before it reaches ectl, minus what makes a shell a shell. Quotes ('...' keeps
// everything, "..." lets backslash escape $ ` " \ and newline), a backslash outside quotes, `#`
// starting a comment at the start of a word. No variables, globbing or command substitution: `$`,
// `*` and `~` are ordinary characters. The shell's operators (| & ; < > ( ) and `) are refused
// unquoted, since a line that pipes or redirects would otherwise quietly mean something else.

/** A line that cannot be split: an unquoted operator. */
export class ShellSyntaxError extends Error {}

/** The words of a line, and what is still open at its end (the next line continues it). */
export interface SplitLine {
  words: string[];
  /** A quote left open, or a backslash at the very end: the line goes on with the next one. */
  open?: "'" | '"' | '\\';
}

const blank = new Set([' ', '\t', '\n', '\r']);
const operators = new Set(['|', '&', ';', '<', '>', '(', ')', '`']);
/** The characters a backslash escapes inside double quotes (POSIX 2.2.3). */
const escapableInDouble = new Set(['$', '`', '"', '\\', '\n']);

/** Splits `text` (one line, or lines joined by `\n` while a quote was open) into words. */
export function splitShellWords(text: string): SplitLine {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const end = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (blank.has(c)) {
      end();
      i++;
      continue;
    }
    if (c === '#' && !inWord) {
      // A comment runs to the end of its line (a later line of the same text is read again).
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (operators.has(c))
      throw new ShellSyntaxError(
        `unquoted '${c}': lines are not shell commands (no pipes, redirections or lists); quote it to mean the character`,
      );
    inWord = true;
    if (c === '\\') {
      if (i + 1 >= text.length) return { words: [...words, word], open: '\\' };
      // Backslash-newline joins lines; any other character is taken as it is.
      if (text[i + 1] !== '\n') word += text[i + 1]!;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return { words: [...words, word + text.slice(i + 1)], open: "'" };
      word += text.slice(i + 1, close);
      i = close + 1;
      continue;
    }
    if (c === '"') {
      const read = readDoubleQuoted(text, i + 1);
      word += read.text;
      if (read.end < 0) return { words: [...words, word], open: '"' };
      i = read.end + 1;
      continue;
    }
    word += c;
    i++;
  }
  end();
  return { words };
}

/** The text of a "..." word from `start`, and the index of its closing quote (-1: none). */
function readDoubleQuoted(text: string, start: number): { text: string; end: number } {
  let out = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return { text: out, end: i };
    if (c === '\\' && i + 1 < text.length && escapableInDouble.has(text[i + 1]!)) {
      if (text[i + 1] !== '\n') out += text[i + 1]!;
      i++;
      continue;
    }
    out += c;
  }
  return { text: out, end: -1 };
}

/** Quotes a word so that splitShellWords gives it back unchanged (for history and messages). */
export function quoteShellWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
