// Splitting a txn request line into words: etcdctl's Argify (the rules `watch -i` shares), with its
// two defects fixed: single-quoted words keep their whole text (3.4 cut them by the word count),
// and a quote that opens no complete string is an error instead of being skipped silently.
import { InvalidInputError } from '../errors.js';
import { QuoteError, decodeGoRune, goRunes, isFmtSpace, scanQuoted } from '../go/unquote.js';

/** Go's strings.TrimSpace on bytes (ASCII and Unicode white space at both ends). */
export function trimSpace(line: Uint8Array): Uint8Array {
  let start = 0;
  let end = line.length;
  while (start < end && isAsciiTrim(line[start]!)) start++;
  while (end > start && isAsciiTrim(line[end - 1]!)) end--;
  if (start === end) return line.subarray(start, end);
  if (line[start]! < 0x80 && line[end - 1]! < 0x80) return line.subarray(start, end);
  // Non-ASCII at an end: trim by runes (U+00A0, U+2028, U+3000, ... are spaces too).
  const bytes = line.subarray(start, end);
  const runes: [cp: number, at: number][] = [];
  for (let i = 0; i < bytes.length;) {
    const [cp, width] = decodeGoRune(bytes, i);
    runes.push([cp, i]);
    i += width;
  }
  let a = 0;
  let b = runes.length;
  while (a < b && isFmtSpace(runes[a]![0])) a++;
  while (b > a && isFmtSpace(runes[b - 1]![0])) b--;
  return bytes.subarray(runes[a]?.[1] ?? bytes.length, runes[b]?.[1] ?? bytes.length);
}

function isAsciiTrim(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** RE2's `\s`: the separators of words (\v is not one). */
function isWordSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** One word of a request line: its bytes and their (lossy) UTF-8 text for the flag parser. */
export interface Word {
  bytes: Uint8Array;
  text: string;
}

/** A line that cannot be split into words; `detail` says where. */
export class WordError extends InvalidInputError {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

const DQ = 0x22;
const SQ = 0x27;

/** The end of a complete `"…"` string starting at i (backslash escapes one byte), or -1. */
function doubleQuotedEnd(line: Uint8Array, i: number): number {
  for (let j = i + 1; j < line.length; j++) {
    const c = line[j]!;
    if (c === 0x5c) j++;
    else if (c === DQ) return j + 1;
  }
  return -1;
}

function word(bytes: Uint8Array): Word {
  return { bytes, text: Buffer.from(bytes).toString('utf8') };
}

/**
 * Splits a (trimmed) request line into words: `"…"` decoded as a Go string, `'…'` taken
 * literally, anything else up to the next space as is (quotes inside kept).
 */
export function splitWords(line: Uint8Array): Word[] {
  const words: Word[] = [];
  const text = () => Buffer.from(line).toString('utf8');
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (isWordSpace(c)) {
      i++;
      continue;
    }
    if (c === DQ || c === SQ) {
      const end = c === DQ ? doubleQuotedEnd(line, i) : line.indexOf(SQ, i + 1) + 1;
      if (end <= 0) {
        const at = Buffer.from(line.subarray(0, i)).toString('utf8').length + 1;
        throw new WordError(
          `unterminated quoted string in txn request: ${text()}`,
          `the ${c === DQ ? 'double' : 'single'} quote at column ${at} is never closed`,
        );
      }
      if (c === SQ) {
        words.push(word(line.subarray(i + 1, end - 1)));
      } else {
        try {
          words.push(word(scanQuoted(goRunes(line.subarray(i, end)), 0).value));
        } catch (err) {
          if (!(err instanceof QuoteError)) throw err;
          const raw = Buffer.from(line.subarray(i, end)).toString('utf8');
          // etcdctl's text; the detail names the word.
          throw new WordError(err.message, `bad escape sequence in ${raw}`);
        }
      }
      i = end;
      continue;
    }
    let j = i;
    while (j < line.length && !isWordSpace(line[j]!)) j++;
    words.push(word(line.subarray(i, j)));
    i = j;
  }
  return words;
}
