// Golden files, rewritten with UPDATE_GOLDEN=1: printer output (test/golden/<cmd>/<name>, compared
// byte for byte) and the runs of the e2e compatibility tables (test/golden/<dir>/<step>.stdout,
// .code and either .stderr-first-line or .stderr), whose stdout and exit code are etcdctl's where
// etcdctl's bytes are the contract, so that a goldens update cannot freeze a bug of ectl's.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import type { RunResult } from '../harness/run.js';

const GOLDEN_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../golden');
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/** Asserts that `actual` equals the golden file `<cmd>/<name>`. */
export function expectGolden(name: string, actual: string | Uint8Array): void {
  const file = join(GOLDEN_ROOT, name);
  const bytes = Buffer.from(actual);
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  if (!existsSync(file)) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1`);
  // Compared as text so a failure shows a readable diff; the bytes are UTF-8 either way.
  expect(bytes.toString('utf8')).toBe(readFileSync(file, 'utf8'));
}

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

/** What a step's golden files hold. */
export interface StepRun {
  /** `<step>.stdout`, byte for byte. */
  stdout: Buffer;
  /** `<step>.stderr` as is, or `<step>.stderr-first-line` (one line, `\n` added unless empty). */
  stderr: string;
  /** `<step>.code`, `\n` added. */
  code: string;
}

/** A step's goldens as compared: stdout rendered as text. */
export interface Golden {
  stdout: string;
  stderr: string;
  code: string;
}

export interface StepGoldenOptions {
  /** `whole`: `<step>.stderr`; `first-line`: `<step>.stderr-first-line`. */
  stderr: 'whole' | 'first-line';
  /** How stdout is rendered for comparison; `show` unless the file already holds text. */
  render?: (stdout: Buffer) => string;
}

/** The golden files of one compatibility table, in test/golden/<dir>/. */
export class StepGoldens {
  readonly dir: string;
  private readonly suffixes: readonly string[];
  private readonly render: (stdout: Buffer) => string;

  constructor(
    dir: string,
    private readonly opts: StepGoldenOptions,
  ) {
    this.dir = join(GOLDEN_ROOT, dir);
    const stderr = opts.stderr === 'whole' ? '.stderr' : '.stderr-first-line';
    this.suffixes = ['.stdout', stderr, '.code'];
    this.render = opts.render ?? show;
  }

  /** The paths of a step's stdout, stderr and code files. */
  private files(name: string): [string, string, string] {
    const [stdout, stderr, code] = this.suffixes.map((s) => join(this.dir, name + s));
    return [stdout as string, stderr as string, code as string];
  }

  /** A run as its goldens hold it: the endpoint becomes @EP; `first-line` keeps stderr's first. */
  of(res: RunResult, endpoint: string): StepRun {
    const stderr = this.opts.stderr === 'whole' ? res.stderr : (res.stderr.split('\n')[0] ?? '');
    return {
      stdout: res.stdout,
      stderr: stderr.split(endpoint).join('@EP'),
      code: String(res.code ?? res.signal),
    };
  }

  /** A run rendered for comparison. */
  golden(run: StepRun): Golden {
    return { stdout: this.render(run.stdout), stderr: run.stderr, code: run.code };
  }

  /** The stored goldens of a step, or undefined when it has none yet. */
  read(name: string): Golden | undefined {
    const [stdout, stderr, code] = this.files(name);
    if (![stdout, stderr, code].every((f) => existsSync(f))) return undefined;
    const err = readFileSync(stderr, 'utf8');
    return {
      stdout: this.render(readFileSync(stdout)),
      stderr: this.opts.stderr === 'whole' ? err : err.replace(/\n$/, ''),
      code: readFileSync(code, 'utf8').trim(),
    };
  }

  /** Writes a step's goldens. */
  write(name: string, run: StepRun): void {
    mkdirSync(this.dir, { recursive: true });
    const [stdout, stderr, code] = this.files(name);
    const lineEnd = this.opts.stderr === 'first-line' && run.stderr ? '\n' : '';
    writeFileSync(stdout, run.stdout);
    writeFileSync(stderr, run.stderr + lineEnd);
    writeFileSync(code, `${run.code}\n`);
  }

  /**
   * With UPDATE_GOLDEN=1 writes the goldens first, from `source` when given (etcdctl's run where
   * it produces the contract's bytes: ectl's own output must not become its reference); then
   * `run` must equal them.
   */
  check(name: string, run: StepRun, message?: string, source: StepRun = run): void {
    if (UPDATE_GOLDEN) this.write(name, source);
    const want = this.read(name);
    if (!want) throw new Error(`no golden files for ${name}: run with UPDATE_GOLDEN=1`);
    expect(this.golden(run), message).toEqual(want);
  }

  /** Removes goldens of steps no longer in the table (never those of rows merely not run). */
  prune(keep: ReadonlySet<string>): string[] {
    if (!existsSync(this.dir)) return [];
    const removed: string[] = [];
    for (const file of readdirSync(this.dir)) {
      const suffix = this.suffixes.find((s) => file.endsWith(s));
      if (keep.has(suffix ? file.slice(0, -suffix.length) : file)) continue;
      rmSync(join(this.dir, file));
      removed.push(file);
    }
    return removed;
  }
}

/**
 * What every step suite declares: a test that step names are unique and file-name safe, and, under
 * UPDATE_GOLDEN=1 after a complete run, the removal of goldens no step (or no step `keep` accepts)
 * writes any more. Returns the counter each step calls when it runs.
 */
export function guardSteps<S extends { name: string }>(
  goldens: StepGoldens,
  steps: readonly S[],
  keep: (step: S) => boolean = () => true,
): () => void {
  let ran = 0;
  afterAll(() => {
    if (!UPDATE_GOLDEN || ran < steps.length) return;
    const removed = goldens.prune(new Set(steps.filter(keep).map((s) => s.name)));
    if (removed.length) console.log(`removed stale goldens: ${removed.join(' ')}`);
  });
  it('step names are unique and file-name safe', () => {
    const names = steps.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names.filter((n) => !/^[a-z0-9][a-zA-Z0-9.-]*$/.test(n))).toEqual([]);
  });
  return () => void ran++;
}
