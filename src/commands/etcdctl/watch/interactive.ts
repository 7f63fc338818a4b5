// `watch -i`: etcdctl's watchInteractiveFunc — `watch …` and `progress` lines read from stdin, each
// accepted `watch` line one more watch on the shared stream; the end of input ends ectl (exit 3).
import type { CommandContext } from '../../../cli/context.js';
import type { Watch } from '../../../etcd/watch/watcher.js';
import { canceled } from '../../../etcd/errors.js';
import { BadArgsError, InvalidInputError } from '../../../errors.js';
import { ArgvError, type ParseNode, parseArgv } from '../../../cli/argv.js';
import { QuoteError, goRunes, scanQuoted } from '../../../go/unquote.js';
import { LineReader } from '../../../input/lines.js';
import {
  type WatchArgs,
  type WatchEnv,
  errBadArgsNum,
  errConflictEnv,
  errSeparator,
  watchFlags,
  watchOptions,
  watchSpec,
} from './args.js';
import { startWatcher } from './print.js';

// RE2's \s (no \v): what separates words.
const space = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;

/**
 * etcdctl's Argify: `"…"` (decoded as a Go string), `'…'` (literal), or a word that does not
 * start with a quote. A quote that opens no complete string is skipped. Single-quoted words keep
 * their whole text (etcd 3.4 cut them short, a bug fixed in 3.5.28/3.6.9).
 */
export function argify(line: Uint8Array): string[] {
  const words: string[] = [];
  const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
  for (let i = 0; i < line.length;) {
    const c = line[i]!;
    if (space(c)) {
      i++;
      continue;
    }
    if (c === 0x22 || c === 0x27) {
      let end = -1;
      for (let j = i + 1; j < line.length; j++) {
        if (c === 0x22 && line[j] === 0x5c) j++;
        else if (line[j] === c) {
          end = j + 1;
          break;
        }
      }
      if (end < 0) {
        i++;
        continue;
      }
      const quoted = line.subarray(i, end);
      if (c === 0x27) words.push(text(quoted.subarray(1, -1)));
      else {
        try {
          words.push(text(scanQuoted(goRunes(quoted), 0).value));
        } catch (err) {
          if (err instanceof QuoteError) throw new InvalidInputError(err.message);
          throw err;
        }
      }
      i = end;
      continue;
    }
    let j = i;
    while (j < line.length && !space(line[j]!)) j++;
    words.push(text(line.subarray(i, j)));
    i = j;
  }
  return words;
}

const lineNode: ParseNode = { names: ['watch'], subs: [], localFlags: watchFlags };

/**
 * The words after `watch` on a line, as etcdctl's parseWatchArgs reads them in interactive mode;
 * its errors are fatal (exit 128). Flags come from the line alone.
 */
export function parseWatchLine(words: readonly string[], env: WatchEnv) {
  const dash = words.indexOf('--');
  if (dash >= 0 && dash === words.length - 1) throw new BadArgsError(errSeparator);
  let parsed;
  try {
    parsed = parseArgv(words, lineNode, []);
  } catch (err) {
    if (err instanceof ArgvError) throw new BadArgsError(err.message);
    throw err;
  }
  if (parsed.help) throw new BadArgsError('pflag: help requested');
  const positional = parsed.args;
  if (dash < 0 && env.key === '' && positional.length < 1) throw new BadArgsError(errBadArgsNum);
  if (dash < 0 && positional.length > 0 && env.key !== '') throw new BadArgsError(errConflictEnv);
  const at = parsed.flags.argsLenAtDash;
  const keyArgs = at >= 0 ? positional.slice(0, at) : positional;
  const envArgs = env.key ? (env.range ? [env.key, env.range] : [env.key]) : [];
  const args: WatchArgs = {
    watchArgs: [...envArgs, ...keyArgs],
    execArgs: at >= 0 ? positional.slice(at) : [],
  };
  return { ...args, flags: parsed.flags };
}

/** Runs `watch -i` until stdin ends (exit 3) or the process is interrupted. */
export async function watchInteractive(ctx: CommandContext, env: WatchEnv): Promise<void> {
  const { io, signal } = ctx;
  const execOf = new Map<Watch, readonly string[]>();
  const watcher = await startWatcher(ctx, (w) => execOf.get(w) ?? []);
  const reader = new LineReader(io.stdin);
  const interrupted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(canceled());
    signal.addEventListener('abort', () => reject(canceled()), { once: true });
  });
  interrupted.catch(() => undefined);
  const invalid = (line: Buffer, why: string, sep = ' ') =>
    io.stderr.write(Buffer.concat([Buffer.from(`Invalid command${sep}`), line, Buffer.from(why)]));
  try {
    for (;;) {
      const line = await Promise.race([reader.next(), watcher.failed, interrupted]);
      if (line === undefined) throw new InvalidInputError('error reading watch request line: EOF');
      const words = argify(line);
      if (words.length < 1) {
        invalid(line, ' (watch and progress supported)\n', ': ');
      } else if (words[0] === 'watch') {
        if (words.length < 2 && env.key === '') {
          invalid(line, ' (command type or key is not provided)\n');
          continue;
        }
        const { watchArgs, execArgs, flags } = parseWatchLine(words.slice(1), env);
        try {
          // Every flag comes from the line, --progress-notify too: etcdctl re-creates the flag set
          // per line, and pflag resets each bound variable to its default when it is defined.
          const spec = watchSpec(watchArgs, watchOptions(flags));
          execOf.set(watcher.add(spec), execArgs);
        } catch (err) {
          if (!(err instanceof BadArgsError)) throw err;
          invalid(line, ` (${err.message})\n`);
        }
      } else if (words[0] === 'progress') {
        watcher.progress();
      } else {
        invalid(line, ' (only support watch)\n');
      }
    }
  } finally {
    watcher.close();
    void reader.close();
  }
}
