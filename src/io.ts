// The one I/O object handed to everything below main.ts, so tests run the whole CLI in-process with
// buffers (cli/cli's iostreams idea).

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

/** Reads the whole of stdin as bytes. */
export async function readAll(src: Source): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of src)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Reads stdin up to and excluding the first newline (what Go's bufio line read returns). */
export async function readLine(src: Source): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of src) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    const nl = buf.indexOf(0x0a);
    if (nl >= 0) {
      chunks.push(buf.subarray(0, nl));
      break;
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\r$/, '');
}

/** A hidden prompt through enquirer, loaded only when a prompt is really needed. */
export async function enquirerPassword(
  question: string,
  stdin: unknown,
  stdout: unknown,
): Promise<string> {
  const { default: Enquirer } = await import('enquirer');
  const { password } = (await Enquirer.prompt({
    type: 'password',
    name: 'password',
    message: question.replace(/:\s*$/, ''),
    stdin: stdin as NodeJS.ReadStream,
    stdout: stdout as NodeJS.WriteStream,
  } as never)) as { password: string };
  return password;
}
