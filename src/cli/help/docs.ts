// The generated files checked into the repository — the man page and the completion scripts — as
// one map, so `npm run gen:docs` writes them and a test compares them with what is checked in.
import { buildProgram } from '../../commands/index.js';
import { completionFileName, completionScript } from '../completion/scripts.js';
import { shells } from '../completion/sources.js';
import type { Io } from '../../io.js';
import { manPage } from './man.js';

const nullIo: Io = {
  stdin: { isTTY: false, async *[Symbol.asyncIterator]() {} },
  stdout: { write: () => undefined },
  stderr: { write: () => undefined },
  stdoutIsTTY: false,
  env: {},
  promptHidden: () => Promise.resolve(''),
  now: () => 0,
};

/** Path (relative to the repository) → content of every generated file, for ectl `version`. */
export async function generatedDocs(version: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {
    'ectl.1': manPage(await buildProgram(nullIo), version),
  };
  for (const shell of shells)
    files[`completions/${completionFileName(shell)}`] = completionScript(shell);
  return files;
}
