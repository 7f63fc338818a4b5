// The shell's two terminal states: reading a line with node:readline (editing, history, Tab), and
// running a command with the terminal left in raw mode, so Ctrl-C arrives as a key that ends the
// command (the shell's own AbortController) instead of a SIGINT that would end the whole process.
import * as readline from 'node:readline';
import { historySize } from './history.js';

/** The terminal the shell runs on. */
export interface Terminal {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

/** readline's completer, asynchronous. */
export type Completer = (line: string) => Promise<[string[], string]>;

/** What one prompt read: the lines entered (a paste may hold several) and the rest typed. */
export interface ReadLines {
  lines: string[];
  /** Typed after the last Enter of the same input: put back on the next prompt. */
  partial: string;
  /** Ctrl-D on an empty line: the input ended. */
  ended: boolean;
}

/**
 * Reads what is entered at one prompt. Ctrl-C drops what was typed and prompts again; Ctrl-D on
 * an empty line ends input. `history` is newest first and is not changed here; `typed` is put on
 * the line first (what was typed after the last line of a paste).
 */
export function readShellLines(
  term: Terminal,
  prompt: string,
  history: readonly string[],
  complete: Completer,
  typed = '',
  signal?: AbortSignal,
): Promise<ReadLines> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({
      input: term.input,
      output: term.output,
      terminal: true,
      history: [...history],
      historySize,
      removeHistoryDuplicates: true,
      completer: (line: string, done: (err: Error | null, result: [string[], string]) => void) => {
        complete(line).then(
          (r) => done(null, r),
          () => done(null, [[], line]),
        );
      },
    });
    const editable = rl as unknown as { line: string; cursor: number };
    const lines: string[] = [];
    rl.on('SIGINT', () => {
      term.output.write('^C\n');
      editable.line = '';
      editable.cursor = 0;
      rl.prompt();
    });
    rl.on('line', (l) => {
      // The rest of a pasted chunk is still being read: close once it has been.
      if (lines.push(l) === 1) setImmediate(() => rl.close());
    });
    // SIGTERM (or a signal from outside) ends the prompt as Ctrl-D does.
    const onAbort = () => rl.close();
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.once('close', () => {
      signal?.removeEventListener('abort', onAbort);
      const ended = lines.length === 0;
      if (ended) term.output.write('\n');
      resolve({ lines, partial: ended ? '' : editable.line, ended });
    });
    rl.setPrompt(prompt);
    rl.prompt();
    if (typed) rl.write(typed);
  });
}

/**
 * Runs `fn` with a signal that Ctrl-C (a raw 0x03 byte) or the process's own signal aborts. The
 * terminal stays in raw mode meanwhile: a Ctrl-C never becomes a SIGINT that would end the shell.
 */
export async function withCtrlC<T>(
  term: Terminal,
  outer: AbortSignal,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  // Keys typed meanwhile (no one else reading them) are kept for the next prompt, as a shell does.
  const held: Buffer[] = [];
  // Readers already there are not the command's: readline's keypress decoder stays on 'data'
  // after its interface closed, until the next chunk, and must not count as someone reading.
  const before = new Set(term.input.listeners('data'));
  const onData = (chunk: Buffer | string) => {
    const bytes = Buffer.from(chunk);
    const ctrlC = bytes.lastIndexOf(0x03);
    if (ctrlC >= 0) {
      controller.abort('SIGINT');
      held.length = 0;
    }
    const othersRead =
      term.input.listenerCount('keypress') > 0 ||
      term.input.listeners('data').some((l) => l !== onData && !before.has(l));
    if (!othersRead) held.push(bytes.subarray(ctrlC + 1));
  };
  const onOuter = () => controller.abort(outer.reason);
  if (outer.aborted) onOuter();
  else outer.addEventListener('abort', onOuter, { once: true });
  term.input.setRawMode(true);
  term.input.on('data', onData);
  term.input.resume();
  try {
    return await fn(controller.signal);
  } finally {
    term.input.off('data', onData);
    // Cooked again: the next prompt sets raw mode itself, and a shell that ends here must not
    // leave the terminal raw.
    term.input.setRawMode(false);
    term.input.pause();
    const rest = Buffer.concat(held);
    if (rest.length > 0) term.input.unshift(rest);
    outer.removeEventListener('abort', onOuter);
  }
}
