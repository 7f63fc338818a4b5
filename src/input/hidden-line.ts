// Reading a password on a terminal as etcdctl does (speakeasy): the question on stdout, nothing
// echoed, not even a mask, and a newline once Enter is pressed. etcdctl only turns the echo off;
// Node can only switch the terminal to raw mode, so the keys a cooked terminal line handles are
// done here: Backspace, Ctrl-U, Ctrl-W; Ctrl-C ends ectl by SIGINT as it ends etcdctl, and Ctrl-D
// on an empty line is the end of input.
import { InterruptedError } from '../errors.js';

/** The hidden line so far, and whether (and how) it is finished. */
export interface HiddenLine {
  text: string;
  done?: 'enter' | 'interrupt' | 'eof';
  /** What came after Enter in the same chunk (a paste): typed ahead, for whoever reads next. */
  rest?: string;
}

/** What typing `chunk` (raw terminal input) does to the hidden line `text`. */
export function typeHidden(text: string, chunk: string): HiddenLine {
  const chars = [...chunk];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\r' || c === '\n') {
      const rest = chars.slice(c === '\r' && chars[i + 1] === '\n' ? i + 2 : i + 1).join('');
      return rest ? { text, done: 'enter', rest } : { text, done: 'enter' };
    }
    if (c === '\x03') return { text, done: 'interrupt' };
    if (c === '\x04') {
      if (text === '') return { text, done: 'eof' };
    } else if (c === '\x7f' || c === '\b') {
      text = [...text].slice(0, -1).join('');
    } else if (c === '\x15') {
      text = '';
    } else if (c === '\x17') {
      text = text.replace(/\S*\s*$/, '');
    } else if (c === '\x1b') {
      // An escape sequence (arrows, function keys): skipped up to its final byte.
      if (chars[i + 1] === '[' || chars[i + 1] === 'O') i++;
      while (i + 1 < chars.length && !/[A-Za-z~]/.test(chars[i + 1]!)) i++;
      i++;
    } else if (c >= ' ') {
      text += c;
    }
  }
  return { text };
}

/** The terminal stdin a hidden prompt needs. */
export interface RawInput {
  readonly isRaw: boolean;
  readonly readableFlowing: boolean | null;
  setRawMode(raw: boolean): unknown;
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  removeListener(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
  unshift(chunk: Buffer): unknown;
}

/**
 * Asks `question` on `stdout` and reads a line from the terminal `stdin` without echo; then leaves
 * the terminal as it found it (cooked and paused for a command; raw and flowing inside `ectl shell`,
 * whose running command must keep Ctrl-C a key rather than a SIGINT that ends the shell).
 */
export function readHiddenLine(
  question: string,
  stdin: RawInput,
  stdout: { write(s: string): unknown },
): Promise<string> {
  stdout.write(question);
  const wasRaw = stdin.isRaw;
  const wasFlowing = stdin.readableFlowing === true;
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer | string) => {
      const typed = typeHidden(text, chunk.toString());
      text = typed.text;
      if (!typed.done) return;
      stdin.removeListener('data', onData);
      stdin.setRawMode(wasRaw);
      if (wasFlowing) stdin.resume();
      else stdin.pause();
      if (typed.rest) stdin.unshift(Buffer.from(typed.rest, 'utf8'));
      stdout.write('\n');
      if (typed.done === 'enter') resolve(text);
      else if (typed.done === 'interrupt') reject(new InterruptedError('SIGINT'));
      else reject(new Error('EOF'));
    };
    stdin.setRawMode(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}
