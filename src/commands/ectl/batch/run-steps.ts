// Running many command lines in one process over one connection: each line goes through the whole
// CLI (cli.ts's run, so its output, errors and exit code are exactly those of a separate `ectl`
// invocation), with a Connect that hands every line the same client and keeps it open until the
// end. `ectl batch` and `ectl shell` both run their lines this way.
import type { ClientHooks, Connect } from '../../../etcd/client-config.js';
import type { EtcdClient } from '../../../etcd/client.js';
import type { FlagSpec, ParsedFlags } from '../../../cli/flagspec.js';
import { formatDuration } from '../../../go/format.js';
import type { Io, Source } from '../../../io.js';

/** One client for many lines: made by the first line that needs it, closed by close(). */
export interface SharedClient {
  connect: Connect;
  /** The client once a line has connected it (authenticated, if it asked for a password). */
  connected(): EtcdClient | undefined;
  /** Closes the connection; resolves once it is closed. */
  close(): Promise<void>;
}

/**
 * A Connect that connects once, with the first line's configuration (all lines share the batch
 * line's connection flags) and `hooks` (the password prompt and warnings of the whole run).
 */
export function sharedClient(
  connect: Connect,
  hooks: (config: { debug: boolean }) => ClientHooks,
): SharedClient {
  let client: Promise<EtcdClient> | undefined;
  let ready: EtcdClient | undefined;
  return {
    connect: (config) => {
      // A connection that failed (a wrong password, Ctrl-C at its prompt) is not kept: the next
      // line connects and asks again, as its own ectl invocation would.
      client ??= connect(config, hooks(config)).then(
        (c) => (ready = c),
        (err: unknown) => {
          client = undefined;
          throw err;
        },
      );
      // Each line closes its client when it ends; the shared one stays open for the next line.
      return client.then((c) => ({ ...c, close: keepOpen }));
    },
    connected: () => ready && { ...ready, close: keepOpen },
    close: async () => {
      // Only a connected client is waited for: one still connecting (Ctrl-C) must not hold the exit.
      if (ready) await ready.close().catch(() => undefined);
      else client?.then((c) => c.close()).catch(() => undefined);
    },
  };
}

const keepOpen = async (): Promise<void> => undefined;

/** A stdin that holds `bytes` and then ends (or ends at once). */
export function bytesSource(bytes?: Uint8Array): Source {
  return {
    isTTY: false,
    async *[Symbol.asyncIterator]() {
      if (bytes && bytes.length > 0) yield bytes;
    },
  };
}

/**
 * The Io of one line: the run's outputs and environment, its own stdin. `env` should be a plain
 * copy of the environment made once (see envSnapshot): every line reads it many times.
 */
export function lineIo(io: Io, stdin: Source, env: Io['env'] = io.env): Io {
  return { ...io, stdin, env };
}

/**
 * A plain copy of the environment: process.env asks the C++ side on every read and lists every
 * variable on each Object.keys (ETCDCTL_* warnings), which showed in the cost of each line. Frozen,
 * so lines may share what they work out from it (cli/config-kept.ts keeps only for a frozen env).
 */
export function envSnapshot(env: Io['env']): Io['env'] {
  return Object.freeze({ ...env });
}

/**
 * The global flags given on the batch (or shell) line, as words to put before each line's own: a
 * line's flag given again wins, as pflag's last value does.
 */
export function globalWords(flags: ParsedFlags, globals: readonly FlagSpec[]): string[] {
  const out: string[] = [];
  for (const spec of globals) {
    if (!flags.changed(spec.name)) continue;
    const name = `--${spec.name}`;
    switch (spec.kind) {
      case 'bool':
        out.push(`${name}=${flags.bool(spec.name)}`);
        break;
      case 'string':
        out.push(`${name}=${flags.string(spec.name)}`);
        break;
      case 'duration':
        out.push(`${name}=${formatDuration(flags.int(spec.name))}`);
        break;
      case 'stringSlice':
        out.push(`${name}=${flags.strings(spec.name).map(csvField).join(',')}`);
        break;
      default:
        out.push(`${name}=${flags.int(spec.name)}`);
    }
  }
  return out;
}

/** A field of pflag's CSV-encoded string slices, quoted when it must be. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s.startsWith(' ') ? `"${s.replace(/"/g, '""')}"` : s;
}
