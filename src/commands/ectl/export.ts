// `ectl export [PREFIX]`: a consistent dump of a prefix (every key without one) at one revision, as
// NDJSON (default), or one JSON or YAML document; each streamed page by page, so memory stays that
// of a page. `--file` writes a private file (0600) atomically: a temporary file renamed at the end.
// fs.promises, not node:fs/promises: the getter loads it when a file is written, not at start-up.
import { promises as fsp } from 'node:fs';
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { defineFlags, intFlag, stringFlag } from '../../cli/typed-flags.js';
import { BadArgsError, BadFeatureError, CliError } from '../../errors.js';
import {
  type DumpFormat,
  dumpClosing,
  dumpHeader,
  dumpItem,
  dumpOpening,
  dumpRecord,
} from '../../output/script/dump.js';
import { Progress } from './progress.js';
import { goPathError } from '../../go/errno.js';

/** export's flags (-o is the global output flag). */
export const exportFlags = defineFlags({
  rev: intFlag('Revision to read at (default: the current one); a compacted one is an error'),
  file: stringFlag('Write the dump to this file (0600, replaced atomically) instead of stdout'),
});

/** The dump's format from -o: NDJSON unless json or yaml is asked for. */
export function dumpFormat(format: string): DumpFormat {
  if (format === 'human' || format === 'ndjson') return 'ndjson';
  if (format === 'json' || format === 'yaml') return format;
  throw new BadFeatureError(`-o ${format} is not supported by export (use ndjson, json or yaml)`);
}

/** The prefix argument: none (every key) or one. */
export function exportPrefix(args: readonly string[], rev: bigint): Uint8Array {
  if (args.length > 1) throw new BadArgsError('export takes at most one argument: the prefix');
  if (rev < 0n) throw new BadArgsError(`--rev must not be negative, got ${rev}`);
  return Buffer.from(args[0] ?? '', 'utf8');
}

/** Where the dump goes: stdout, or a temporary file that becomes `path` only when complete. */
interface DumpSink {
  write(text: string): Promise<void>;
  finish(): Promise<void>;
  abandon(): Promise<void>;
}

function stdoutSink(ctx: CommandContext): DumpSink {
  return {
    // Node writes to files and (on Linux) pipes synchronously: a slow reader holds ectl back
    // instead of letting the dump pile up in memory.
    write: (text) => Promise.resolve(ctx.write(text)),
    finish: () => Promise.resolve(),
    abandon: () => Promise.resolve(),
  };
}

async function fileSink(path: string): Promise<DumpSink> {
  const part = `${path}.${Math.random().toString(36).slice(2, 10)}.part`; // 'wx': never clobbers
  const handle = await fsp.open(part, 'wx', 0o600).catch((err: unknown) => {
    // Go's one line, as import and batch give it, naming the file the user named, not the .part.
    throw new CliError(goPathError('open', path, err));
  });
  let closed = false;
  const close = async () => {
    if (!closed) await handle.close();
    closed = true;
  };
  return {
    write: async (text) => void (await handle.write(text)),
    finish: async () => {
      await handle.sync();
      await close();
      await fsp.rename(part, path);
    },
    abandon: async () => {
      await close().catch(() => undefined);
      await fsp.rm(part, { force: true });
    },
  };
}

async function exportCommand(ctx: CommandContext): Promise<void> {
  const o = exportFlags.read(ctx.flags);
  const prefix = exportPrefix(ctx.args, o.rev);
  const format = dumpFormat(ctx.ectlFormat());
  const client = await ctx.client();
  const { dumpPages } = await import('../../etcd/recipes/export-pages.js');
  const sink = o.file ? await fileSink(o.file) : stdoutSink(ctx);
  const progress = new Progress(ctx.io, 'exported');
  let count = 0;
  try {
    for await (const page of dumpPages(client, prefix, o.rev, () => ({
      deadline: ctx.commandDeadline(),
    }))) {
      let text =
        count === 0 ? dumpOpening(format, dumpHeader(page.revision, page.clusterId, prefix)) : '';
      for (const kv of page.kvs)
        text += dumpItem(format, dumpRecord(kv, page.leaseTtl.get(kv.lease)), count++);
      await sink.write(text);
      progress.add(page.kvs.length, Buffer.byteLength(text));
    }
    await sink.write(dumpClosing(format, count));
    await sink.finish();
  } catch (err) {
    await sink.abandon();
    throw err;
  } finally {
    progress.clear();
  }
}

/** Registers `export`. */
export function register(program: EctlCommand): void {
  program
    .command('export')
    .description('Dumps the keys under a prefix at one revision (NDJSON; -o json|yaml)')
    .usage('[options] [prefix]')
    .flags(exportFlags)
    .examples([
      'ectl export app/ > app.ndjson                 # header line, then one line per key',
      'ectl export app/ --file app.ndjson            # written to app.ndjson.<rand>.part, then renamed',
      'ectl export --rev 1234 app/ -o json           # one JSON document {revision, ..., kvs: [...]}',
      'ectl export | ectl --endpoints 10.0.0.9:2379 import -   # every key into another cluster',
    ])
    .handle(exportCommand);
}
