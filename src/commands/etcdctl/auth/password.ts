// How `user add` and `user passwd` get a new password, as etcdctl's readPasswordInteractive
// (speakeasy) and fmt.Scanf do: asked twice and compared, hidden on a terminal; from a pipe each
// prompt still goes to stdout and reads one line; with --interactive=false one word is read.
// Nothing here echoes, logs or passes the password anywhere but back to the caller.
import type { Io } from '../../../io.js';
import { stdinLines } from '../../../io.js';
import { BadArgsError, InterruptedError } from '../../../errors.js';
import { goTrimSpace, scanfWord } from '../../../go/scan.js';

/** speakeasy.Ask: a hidden prompt on a terminal, else the prompt on stdout and one line read. */
async function ask(io: Io, signal: AbortSignal, question: string): Promise<string> {
  if (io.stdin.isTTY) {
    try {
      return goTrimSpace(await io.promptHidden(question));
    } catch (err) {
      if (signal.aborted) throw err;
      // A prompt cancelled by Ctrl-C rejects with no error: the user interrupted, as with SIGINT.
      if (!(err instanceof Error)) throw new InterruptedError('SIGINT');
      throw new BadArgsError(`failed to ask password: ${err.message}`);
    }
  }
  io.stdout.write(question);
  const reader = stdinLines(io.stdin);
  // speakeasy reads up to a newline or the end of input, and answers with a newline of its own.
  const line = (await reader.next(signal)) ?? (await reader.rest());
  io.stdout.write('\n');
  return goTrimSpace(line.toString('utf8'));
}

/** The password of a new user (or a new password), typed twice: readPasswordInteractive. */
export async function askNewPassword(io: Io, signal: AbortSignal, name: string): Promise<string> {
  const first = await ask(io, signal, `Password of ${name}: `);
  if (first === '') throw new BadArgsError('empty password');
  const second = await ask(io, signal, `Type password of ${name} again for confirmation: `);
  if (first !== second) throw new BadArgsError('given passwords are different');
  return first;
}

/**
 * `--interactive=false`: fmt.Scanf("%s") on stdin, one white-space delimited word; empty input (or
 * a newline first) gives an empty password, which etcdctl sends as is.
 */
export async function scanPassword(io: Io): Promise<string> {
  const reader = stdinLines(io.stdin);
  const { word, consumed } = scanfWord(await reader.peekLine());
  reader.skip(consumed);
  return word;
}

/** Reads the password as the flags say: prompted twice, or one word from stdin. */
export function readNewPassword(
  io: Io,
  signal: AbortSignal,
  name: string,
  interactive: boolean,
): Promise<string> {
  return interactive ? askNewPassword(io, signal, name) : scanPassword(io);
}
