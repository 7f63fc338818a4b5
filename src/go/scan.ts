// Go's reading of passwords from stdin, for byte parity with etcdctl: strings.TrimSpace (what
// speakeasy applies to a typed line) and fmt.Scanf("%s") (what `user add --interactive=false`
// reads), with Go's notion of white space rather than JavaScript's.
import { decodeRune } from './format.js';

// unicode.IsSpace, which is also fmt's `space` table: JS's \s differs (U+FEFF yes, U+0085 no).
function isGoSpace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x20 ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** strings.TrimSpace: white space as Go defines it removed from both ends. */
export function goTrimSpace(s: string): string {
  const cps = Array.from(s);
  let start = 0;
  let end = cps.length;
  while (start < end && isGoSpace(cps[start]!.codePointAt(0)!)) start++;
  while (end > start && isGoSpace(cps[end - 1]!.codePointAt(0)!)) end--;
  return cps.slice(start, end).join('');
}

/** What one fmt.Scanf("%s") takes from the front of its input. */
export interface ScannedWord {
  /** The word; empty when input ended or a newline came first (Scanf's error: nothing stored). */
  word: string;
  /** How many bytes Scanf consumed from the unbuffered stdin. */
  consumed: number;
}

// One rune as fmt's readRune sees it: invalid UTF-8 is U+FFFD, one byte wide.
function runeAt(b: Uint8Array, i: number): [cp: number, width: number] {
  if (b[i]! < 0x80) return [b[i]!, 1];
  const [cp, width] = decodeRune(b, i);
  return cp < 0 ? [0xfffd, 1] : [cp, width];
}

/**
 * fmt.Scanf("%s") on os.Stdin, given the input up to and including the first newline (or all of
 * it when there is none): blanks are skipped, a newline before the word is an error, the word ends
 * at the next white space, and that one white-space character is consumed with it (Scanf reads
 * unbuffered and drops the character it looked ahead at).
 */
export function scanfWord(line: Uint8Array): ScannedWord {
  let i = 0;
  while (i < line.length) {
    const [cp, width] = runeAt(line, i);
    if (cp === 0x0a) return { word: '', consumed: i + 1 };
    if (cp === 0x0d && line[i + 1] === 0x0a) return { word: '', consumed: i + 2 };
    if (!isGoSpace(cp)) break;
    i += width;
  }
  let word = '';
  while (i < line.length) {
    const [cp, width] = runeAt(line, i);
    i += width;
    if (isGoSpace(cp)) break;
    word += String.fromCodePoint(cp);
  }
  return { word, consumed: i };
}
