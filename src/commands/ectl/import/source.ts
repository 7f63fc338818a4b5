// Where `ectl import` reads its dump: a file, or stdin (`-`) copied to a private temporary file
// first, so every record can be checked before anything is written and read again to write it.
// NDJSON is streamed line by line (memory of one line); a JSON or YAML document is read whole.
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadYaml, yamlLib } from '../../../output/script/yaml-lib.js';
import { CliError } from '../../../errors.js';
import { goPathError } from '../../../go/errno.js';
import type { Io } from '../../../io.js';
import { type ImportRecord, isHeader, parseRecord } from '../../../input/dump-records.js';

/** The dump's file and how to let go of it. */
export interface DumpSource {
  path: string;
  release(): Promise<void>;
}

/** The file to read: FILE itself, or stdin spooled to a 0600 temporary file for `-`. */
export async function openSource(arg: string, io: Io, signal: AbortSignal): Promise<DumpSource> {
  if (arg !== '-') {
    // Opened once here, so a missing or unreadable file is Go's one line, as `ectl batch FILE` says it.
    const file = await open(arg, 'r').catch((err: unknown) => {
      throw new CliError(goPathError('open', arg, err));
    });
    const isDir = (await file.stat()).isDirectory();
    await file.close();
    if (isDir) throw new CliError(`read ${arg}: is a directory`);
    return { path: arg, release: () => Promise.resolve() };
  }
  const path = join(tmpdir(), `ectl-import-${randomBytes(6).toString('hex')}.ndjson`);
  const handle = await open(path, 'wx', 0o600);
  const release = () => rm(path, { force: true });
  try {
    for await (const chunk of io.stdin) {
      if (signal.aborted) break;
      await handle.write(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    }
  } catch (err) {
    await release();
    throw err;
  } finally {
    await handle.close();
  }
  return { path, release };
}

/** How the dump is written: NDJSON when its first line is a whole JSON value. */
export async function detectFormat(path: string): Promise<'ndjson' | 'json' | 'yaml'> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text === '') continue;
      try {
        JSON.parse(text);
        return 'ndjson';
      } catch {
        return text.startsWith('{') || text.startsWith('[') ? 'json' : 'yaml';
      }
    }
    return 'ndjson';
  } finally {
    lines.close();
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/** Every record of the dump in order, checked; a malformed one stops it with its line number. */
export async function* readRecords(
  path: string,
  format: 'ndjson' | 'json' | 'yaml',
): AsyncGenerator<ImportRecord> {
  if (format !== 'ndjson') {
    if (format === 'yaml') await loadYaml();
    yield* documentRecords(await readFile(path, 'utf8'), format);
    return;
  }
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  let first = true;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (err) {
        throw new CliError(`line ${n}: not a JSON record (${errorText(err)})`);
      }
      const header = first && isHeader(value);
      first = false;
      if (!header) yield parseRecord(value, `line ${n}`);
    }
  } finally {
    lines.close();
  }
  // Most likely an export that failed before its first line (`ectl export | ectl import -`
  // without pipefail): importing nothing and exiting 0 would hide it.
  if (first) throw new CliError('the dump is empty: an ectl export has at least its header line');
}

function documentRecords(text: string, format: 'json' | 'yaml'): ImportRecord[] {
  let doc: unknown;
  try {
    doc = format === 'json' ? JSON.parse(text) : yamlLib().parse(text);
  } catch (err) {
    throw new CliError(`not a ${format.toUpperCase()} dump (${errorText(err)})`);
  }
  const kvs = (doc as { kvs?: unknown } | null)?.kvs;
  if (!Array.isArray(kvs))
    throw new CliError(`not an ectl dump: the ${format.toUpperCase()} document has no "kvs" list`);
  return kvs.map((v, i) => parseRecord(v, `kvs[${i}]`));
}
