// The one I/O object handed to everything below main.ts, so tests run the whole CLI in-process with
// buffers (cli/cli's iostreams idea).
import { LineReader } from './input/lines.js';

/** A writable sink: a process stream in production, a buffer in tests. */
export interface Sink {
  write(chunk: string | Uint8Array): void;
}

/** A readable source for stdin. */
export interface Source {
  readonly isTTY: boolean;
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array | string>;
}

/** Every stream and environment fact a command may use. */
export interface Io {
  stdin: Source;
  stdout: Sink;
  stderr: Sink;
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a password without echo; only called when stdin is a terminal. */
  promptHidden(question: string): Promise<string>;
  /** Milliseconds since an arbitrary origin, for durations. */
  now(): number;
}

const readers = new WeakMap<Source, LineReader>();

/**
 * The one line reader of a source. Everything that reads stdin goes through it, so what one reader
 * leaves (after a password line, say) is there for the next (the txn that follows).
 */
export function stdinLines(src: Source): LineReader {
  let reader = readers.get(src);
  if (!reader) {
    reader = new LineReader(src);
    readers.set(src, reader);
  }
  return reader;
}

/** Reads the rest of stdin as bytes; rejects with `context canceled` when `signal` aborts. */
export function readAll(src: Source, signal?: AbortSignal): Promise<Buffer> {
  return stdinLines(src).rest(signal);
}

/** Reads stdin up to and excluding the next newline (or to the end when there is none). */
export async function readLine(src: Source): Promise<string> {
  const reader = stdinLines(src);
  const line = (await reader.next()) ?? (await reader.rest());
  return line.toString('utf8').replace(/\r$/, '');
}

/**
 * Whether to colour what goes to a terminal: FORCE_COLOR decides when set ("0" or "false": no),
 * then NO_COLOR (set and not empty, no-color.org) and TERM=dumb say no; the order of Node's own
 * tty.getColorDepth().
 */
export function colourWanted(
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
