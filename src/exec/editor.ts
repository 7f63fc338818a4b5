// Running the user's editor on a file, as Git does: $VISUAL, else $EDITOR, else vi; a command with
// shell syntax (`code --wait`, `emacsclient -t`, a quoted path) runs through `sh -c '<editor>
// "$@"'` with the file as its argument, a plain name runs directly. The editor gets the terminal.
import { spawn } from 'node:child_process';
import type { Io } from '../io.js';
import { commandEnv, fdOf, lookPath } from './exec-command.js';

/** The editor command line the environment names. */
export function editorCommand(env: Readonly<Record<string, string | undefined>>): string {
  return env.VISUAL || env.EDITOR || 'vi';
}

// Git's run-command.c prepare_shell_cmd: these characters make a command a shell command.
const shellChars = /[|&;<>()$`\\"' \t\n*?[#~=%]/;

/** The argv that opens `file` in `editor` (Git's rules, see above). */
export function editorArgv(editor: string, file: string): string[] {
  if (!shellChars.test(editor)) return [editor, file];
  return ['/bin/sh', '-c', `${editor} "$@"`, editor, file];
}

/** How the editor ended when it did not succeed; `signal` when a signal ended it. */
export type EditorFailure = { text: string; signal?: NodeJS.Signals };

/**
 * Opens the file in the editor and waits for it; undefined when it exited with 0. A signal that
 * reaches ectl while the editor runs (Ctrl-C) is left to the editor, which shares the terminal:
 * the editor's end is awaited either way, so the caller can remove the file afterwards.
 */
export function runEditor(
  editor: string,
  file: string,
  io: Io,
): Promise<EditorFailure | undefined> {
  const env = commandEnv(io, {});
  const argv = editorArgv(editor, file);
  const found = lookPath(argv[0]!, env.PATH);
  if ('error' in found)
    return Promise.resolve({ text: `cannot run editor "${editor}": ${found.error}` });
  const [inFd, outFd, errFd] = [fdOf(io.stdin), fdOf(io.stdout), fdOf(io.stderr)];
  return new Promise((resolve) => {
    const child = spawn(found.path, argv.slice(1), {
      argv0: argv[0]!,
      env,
      stdio: [inFd ?? 'ignore', outFd ?? 'pipe', errFd ?? 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => io.stdout.write(c));
    child.stderr?.on('data', (c: Buffer) => io.stderr.write(c));
    let started = true;
    child.once('error', (e: NodeJS.ErrnoException) => {
      started = false;
      resolve({ text: `cannot run editor "${editor}": ${e.message}` });
    });
    child.once('close', (code, sig) => {
      if (!started) return;
      if (sig) resolve({ text: `editor "${editor}" was ended by ${sig}`, signal: sig });
      else if (code === 0) resolve(undefined);
      else resolve({ text: `editor "${editor}" exited with status ${code}` });
    });
  });
}
