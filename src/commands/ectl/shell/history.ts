// The shell's history file: `$XDG_STATE_HOME/ectl/history` (~/.local/state/ectl/history), one line
// an entry, oldest first, readable by its owner only. A line that carries a password or a token
// (--password, --user name:password, --auth-jwt-token, `user add`, `user passwd`) is never kept.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitShellWords } from '../../../input/shell-words.js';

/** How many entries are kept in memory and read back. */
export const historySize = 1000;

/** Where the history lives; undefined when neither XDG_STATE_HOME nor HOME is set. */
export function historyPath(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const state = env.XDG_STATE_HOME || (env.HOME ? join(env.HOME, '.local', 'state') : undefined);
  return state ? join(state, 'ectl', 'history') : undefined;
}

/** Whether a line carries a secret and must stay out of the history. */
export function carriesSecret(line: string): boolean {
  const suspicious = /password|passwd|jwt|--user/.test(line);
  let words: string[];
  try {
    const split = splitShellWords(line);
    // Not whole words: judge the text.
    if (split.open) return suspicious;
    words = split.words;
  } catch {
    return suspicious;
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^--(password|auth-jwt-token)(=|$)/.test(w)) return true;
    if (w.startsWith('--user=') && w.includes(':')) return true;
    if (w === '--user' && (words[i + 1] ?? '').includes(':')) return true;
    if (w === 'user' && (words[i + 1] === 'add' || words[i + 1] === 'passwd')) return true;
  }
  return false;
}

/** The entries of the file, newest first (readline's order); [] when there is none yet. */
export async function loadHistory(path: string | undefined): Promise<string[]> {
  if (!path) return [];
  try {
    const lines = (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');
    return lines.slice(-historySize).reverse();
  } catch {
    return [];
  }
}

/** Appends a line (unless it carries a secret); a history that cannot be written is no error. */
export async function appendHistory(path: string | undefined, line: string): Promise<void> {
  if (!path || line.includes('\n') || carriesSecret(line)) return;
  try {
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    await appendFile(path, `${line}\n`, { mode: 0o600 });
  } catch {
    // A read-only home or a full disk must not stop the shell.
  }
}
