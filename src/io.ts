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
  /** Whether stderr is a terminal (progress lines are drawn only then); absent: it is not. */
  stderrIsTTY?: boolean;
  /** The terminal's width in columns, when known. */
  columns?(): number | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Reads a password without echo; only called when stdin is a terminal. */
  promptHidden(question: string): Promise<string>;
  /** Milliseconds since an arbitrary origin, for durations. */
  now(): number;
  /** The Node binary running ectl (child Node processes: the guardian of exec/supervise.ts). */
  nodePath?: string;
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

/** `--color`'s values: auto (the default) follows the environment and the terminal. */
export const colourModes = ['auto', 'always', 'never'] as const;
export type ColourMode = (typeof colourModes)[number];

/** The facts the decision rests on. */
export interface ColourFacts {
  mode: ColourMode;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/**
 * Whether to colour: `always`/`never` win; `auto` follows the environment (colourWanted). Here,
 * not beside chalk: cli.ts's red `Error:` needs it on every command's start-up path.
 */
export function useColour({ mode, env, isTTY }: ColourFacts): boolean {
  if (mode !== 'auto') return mode === 'always';
  return colourWanted(env, isTTY);
}

/**
 * The chunks of a stream, one per request, the stream paused in between with no listener left
 * behind. Node's own async iterator keeps a 'readable' listener, which stops 'data' events for
 * good: a prompt on the same terminal afterwards (--user's, after `user passwd --interactive=false`
 * read its word) then never sees a key, and the process ends with nothing done.
 */
export function pausingChunks(stream: NodeJS.ReadableStream): AsyncIterator<Uint8Array> {
  let ended = false;
  let detach: (() => void) | undefined;
  const next = () =>
    new Promise<IteratorResult<Uint8Array>>((resolve, reject) => {
      if (ended || (stream as { readableEnded?: boolean }).readableEnded)
        return resolve({ value: undefined, done: true });
      const onData = (chunk: Buffer) => settle(() => resolve({ value: chunk, done: false }));
      const onEnd = () => settle(() => ((ended = true), resolve({ value: undefined, done: true })));
      const onError = (err: Error) => settle(() => reject(err));
      const settle = (then: () => void) => {
        detach?.();
        then();
      };
      detach = () => {
        stream.pause();
        stream.off('data', onData).off('end', onEnd).off('error', onError);
        detach = undefined;
      };
      stream.on('data', onData).on('end', onEnd).on('error', onError);
      stream.resume();
    });
  return {
    next,
    async return() {
      ended = true;
      detach?.();
      return { value: undefined, done: true };
    },
  };
}
