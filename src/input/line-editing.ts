// readline's (emacs mode) editing keys for a one-line input, as bash and most terminal programs
// bind them: what the txn editor's prompt does with a key before enquirer sees it (enquirer binds
// Ctrl-U to an undo it lacks, Ctrl-E one place short of the end, Alt-B/F to single characters, and
// inserts the escape sequences of keys it does not know).

/** The line being edited: its text, the cursor (0..text.length) and the last killed text. */
export interface LineState {
  text: string;
  cursor: number;
  killed: string;
}

/** A key as Node's readline reports it (emitKeypressEvents). */
export interface Key {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
  sequence?: string;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Start of the word before `i` (readline: letters and digits; what lies before is skipped). */
function wordStartBefore(text: string, i: number): number {
  while (i > 0 && !isWordChar(text[i - 1])) i--;
  while (i > 0 && isWordChar(text[i - 1])) i--;
  return i;
}

/** End of the word after `i`. */
function wordEndAfter(text: string, i: number): number {
  while (i < text.length && !isWordChar(text[i])) i++;
  while (i < text.length && isWordChar(text[i])) i++;
  return i;
}

/** Start of the whitespace-delimited word before `i` (Ctrl-W, unix-word-rubout). */
function bigWordStartBefore(text: string, i: number): number {
  while (i > 0 && isSpace(text[i - 1])) i--;
  while (i > 0 && !isSpace(text[i - 1])) i--;
  return i;
}

const move = (s: LineState, cursor: number): LineState => ({ ...s, cursor });

/** Removes text[from, to) and keeps it for Ctrl-Y; the cursor goes to `from`. */
function kill(s: LineState, from: number, to: number): LineState {
  if (from === to) return s;
  return {
    text: s.text.slice(0, from) + s.text.slice(to),
    cursor: from,
    killed: s.text.slice(from, to),
  };
}

function insert(s: LineState, str: string): LineState {
  const text = s.text.slice(0, s.cursor) + str + s.text.slice(s.cursor);
  return { ...s, text, cursor: s.cursor + str.length };
}

function ctrlKey(s: LineState, name: string): LineState | undefined {
  const { text, cursor } = s;
  switch (name) {
    case 'a':
      return move(s, 0);
    case 'e':
      return move(s, text.length);
    case 'b':
      return move(s, Math.max(0, cursor - 1));
    case 'f':
      return move(s, Math.min(text.length, cursor + 1));
    case 'u':
      return kill(s, 0, cursor);
    case 'k':
      return kill(s, cursor, text.length);
    case 'w':
      return kill(s, bigWordStartBefore(text, cursor), cursor);
    case 'y':
      return insert(s, s.killed);
    case 'd':
      return cursor < text.length
        ? { ...s, text: text.slice(0, cursor) + text.slice(cursor + 1) }
        : s;
    case 'h':
      return cursor > 0
        ? { ...s, text: text.slice(0, cursor - 1) + text.slice(cursor), cursor: cursor - 1 }
        : s;
    case 't': {
      // Transposes the two characters before the cursor at the end, else around it.
      if (text.length < 2 || cursor === 0) return s;
      const at = cursor === text.length ? cursor - 1 : cursor;
      const swapped = text.slice(0, at - 1) + text[at] + text[at - 1] + text.slice(at + 1);
      return { ...s, text: swapped, cursor: at + 1 };
    }
    case 'left':
      return move(s, wordStartBefore(text, cursor));
    case 'right':
      return move(s, wordEndAfter(text, cursor));
    default:
      // Ctrl-C, Tab and Enter are the prompt's; other Ctrl keys change nothing (enquirer would
      // empty the line on Ctrl-G or Ctrl-L).
      return ['c', 'i', 'j', 'm'].includes(name) ? undefined : s;
  }
}

function metaKey(s: LineState, name: string): LineState | undefined {
  const { text, cursor } = s;
  switch (name) {
    case 'b':
    case 'left':
      return move(s, wordStartBefore(text, cursor));
    case 'f':
    case 'right':
      return move(s, wordEndAfter(text, cursor));
    case 'd':
      return kill(s, cursor, wordEndAfter(text, cursor));
    case 'backspace':
      return kill(s, wordStartBefore(text, cursor), cursor);
    default:
      // Any other Alt key does nothing (its escape sequence must not land in the line).
      return s;
  }
}

/**
 * What `key` does to the line under readline's emacs bindings, or undefined when it is not an
 * editing key (a character to insert, Enter, Ctrl-C, Up/Down...), which the prompt then handles.
 */
export function editLine(s: LineState, key: Key): LineState | undefined {
  const name = key.name ?? '';
  if (key.meta) return metaKey(s, name);
  if (key.ctrl) return ctrlKey(s, name);
  switch (name) {
    case 'home':
      return move(s, 0);
    case 'end':
      return move(s, s.text.length);
    case 'left':
      return move(s, Math.max(0, s.cursor - 1));
    case 'right':
      return move(s, Math.min(s.text.length, s.cursor + 1));
    case 'backspace':
      return ctrlKey(s, 'h');
    case 'delete':
      return ctrlKey(s, 'd');
    default:
      return undefined;
  }
}
