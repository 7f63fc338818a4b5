// An in-memory Io for running the whole CLI in-process (cli/cli's iostreams Test() idea).
import type { Io } from '../../src/io.js';

export interface BufferIo {
  io: Io;
  stdout(): Buffer;
  stderr(): string;
}

/** An Io whose stdin holds `input` (a closed pipe when omitted) and whose outputs are buffers. */
export function bufferIo(
  opts: {
    input?: string | Buffer;
    env?: Record<string, string>;
    stdinIsTTY?: boolean;
    password?: string;
  } = {},
): BufferIo {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const toBuf = (c: string | Uint8Array) =>
    typeof c === 'string' ? Buffer.from(c) : Buffer.from(c);
  const input = opts.input === undefined ? [] : [toBuf(opts.input)];
  const io: Io = {
    stdin: {
      isTTY: opts.stdinIsTTY ?? false,
      async *[Symbol.asyncIterator]() {
        yield* input;
      },
    },
    stdout: { write: (c) => void out.push(toBuf(c)) },
    stderr: { write: (c) => void err.push(toBuf(c)) },
    stdoutIsTTY: false,
    env: opts.env ?? {},
    promptHidden: async () => opts.password ?? '',
    now: () => performance.now(),
  };
  return { io, stdout: () => Buffer.concat(out), stderr: () => Buffer.concat(err).toString() };
}
