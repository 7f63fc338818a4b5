// Golden files of ectl's put/get/del outputs (test/golden/kv/<step>.{stdout,stderr-first-line,code})
// and the readable renderings used when a comparison fails.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../harness/run.js';
import { REPO_ROOT } from '../harness/run.js';

export const GOLDEN_DIR = join(REPO_ROOT, 'test/golden/kv');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
const SUFFIXES = ['.stdout', '.stderr-first-line', '.code'] as const;

/** Bytes as text a diff can show: valid UTF-8 stays readable, anything else becomes `\xNN`. */
export function show(buf: Buffer): string {
  const text = buf.toString('utf8');
  const utf8 = Buffer.from(text, 'utf8').equals(buf);
  let out = '';
  for (const ch of utf8 ? text : buf.toString('latin1')) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n\n';
    else if (c < 0x20 || c === 0x7f || (!utf8 && c > 0x7e)) {
      out += `\\x${c.toString(16).padStart(2, '0')}`;
    } else out += ch;
  }
  return out;
}

/** The first line of stderr that starts with `Error: ` (etcdctl may log JSON lines before it). */
export function errorLine(stderr: string): string | undefined {
  return stderr.split('\n').find((l) => l.startsWith('Error: '));
}

/** The first line of stderr, with the server's endpoint replaced by @EP so it is stable. */
export function firstLine(stderr: string, endpoint: string): string {
  const line = stderr.split('\n')[0] ?? '';
  return line.split(endpoint).join('@EP');
}

export interface Golden {
  stdout: string;
  stderrFirstLine: string;
  code: string;
}

/** What the golden files hold for one run, rendered for comparison. */
export function goldenOf(res: RunResult, endpoint: string): Golden {
  return {
    stdout: show(res.stdout),
    stderrFirstLine: firstLine(res.stderr, endpoint),
    code: String(res.code ?? res.signal),
  };
}

/** The stored goldens of a step, or undefined when it has none yet. */
export function readGolden(name: string): Golden | undefined {
  const base = join(GOLDEN_DIR, name);
  if (!SUFFIXES.every((s) => existsSync(base + s))) return undefined;
  return {
    stdout: show(readFileSync(`${base}.stdout`)),
    stderrFirstLine: readFileSync(`${base}.stderr-first-line`, 'utf8').replace(/\n$/, ''),
    code: readFileSync(`${base}.code`, 'utf8').trim(),
  };
}

/** Writes a step's goldens (stdout byte for byte). */
export function writeGolden(name: string, res: RunResult, endpoint: string): void {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  const g = goldenOf(res, endpoint);
  const base = join(GOLDEN_DIR, name);
  writeFileSync(`${base}.stdout`, res.stdout);
  writeFileSync(`${base}.stderr-first-line`, g.stderrFirstLine ? `${g.stderrFirstLine}\n` : '');
  writeFileSync(`${base}.code`, `${g.code}\n`);
}

/** Removes goldens of steps no longer in the table (never those of rows merely not run). */
export function pruneGoldens(keep: ReadonlySet<string>): string[] {
  if (!existsSync(GOLDEN_DIR)) return [];
  const removed: string[] = [];
  for (const file of readdirSync(GOLDEN_DIR)) {
    const suffix = SUFFIXES.find((s) => file.endsWith(s));
    const name = suffix ? file.slice(0, -suffix.length) : file;
    if (keep.has(name)) continue;
    rmSync(join(GOLDEN_DIR, file));
    removed.push(file);
  }
  return removed;
}
