// What a command handler gets: io, the abort signal, its parsed arguments, the resolved global
// configuration (step 3 of etcdctl's validation order) and a lazily created client (step 4).
import { millis } from '../etcd/client-config.js';
import type { Io } from '../io.js';
import type { ParsedFlags } from './flagspec.js';
import type { EctlCommand } from './command.js';
import type { GlobalConfig } from './globals.js';
import { debugDump } from './config.js';
import { resolveGlobalsKept } from './config-kept.js';
import type { EtcdClient } from '../etcd/client.js';
import type { ClientHooks, Connect } from '../etcd/client-config.js';
import { clientHooks } from './client-hooks.js';
import { type Part, type Printer, type PrinterSet, print } from '../output/print.js';
import { BadFeatureError } from '../errors.js';
import { type EctlFormat, type OutputOption, ectlFormat } from '../output/script/format.js';
import { type ScriptView, renderScript } from '../output/script/render.js';
import type { LoadedConfig } from './contexts/load.js';
import { checkWrite, confirmWrite, writesNow } from './guards.js';

/** A printer set that may also describe its response for `-o` (the script formats). */
export type PrinterSetWithScript<R, O> = PrinterSet<Printer<R, O>> & {
  script?: (resp: R, opts: O) => ScriptView;
};

/**
 * `-o` as an etcdctl-family command takes it: a format it declared (scriptOutput()), else refused
 * when given on the command line (exit 4) and ignored when it comes from ECTL_OUTPUT, so a default
 * for scripts does not break commands that have no script output. ectl's own commands take all.
 */
export function scriptOutputOf(
  cmd: EctlCommand,
  output: OutputOption | undefined,
  onCommandLine: boolean,
): OutputOption | undefined {
  if (!output || !cmd.etcdctlFamily) return output;
  const formats: readonly string[] = cmd.scriptFormats;
  if (formats.includes(output)) return output;
  if (!onCommandLine) return undefined;
  const name = cmd.path();
  if (formats.length === 0) throw new BadFeatureError(`-o is not supported by "${name}"`);
  throw new BadFeatureError(
    `-o ${output} is not supported by "${name}" (it prints ${formats.join(', ')})`,
  );
}

/** The handler's view of one invocation. */
export class CommandContext {
  private resolved: GlobalConfig | undefined;
  private clientPromise: Promise<EtcdClient> | undefined;
  private guarded: Promise<void> | undefined;
  /**
   * How this command makes clients (ctx.client(), per-endpoint clients, make-mirror's destination):
   * every way passes the context's write guards first.
   */
  readonly connect: Connect;

  constructor(
    readonly io: Io,
    readonly signal: AbortSignal,
    readonly command: EctlCommand,
    readonly args: string[],
    readonly flags: ParsedFlags,
    /** How clients are made: the real gRPC client, or a test's fake. */
    rawConnect: Connect,
    /** The config file of contexts as read before the handler ran (none: no contexts). */
    readonly configFile: LoadedConfig = { path: '' },
  ) {
    this.connect = async (config, hooks) => {
      this.guarded ??= this.guardWrites();
      await this.guarded;
      return rawConnect(config, hooks);
    };
  }

  /**
   * The global configuration with ETCDCTL_* applied. Commands call this after validating their own
   * arguments, so argument errors win over configuration errors as in etcdctl.
   */
  config(): GlobalConfig {
    if (!this.resolved) {
      if (this.configFile.error) throw this.configFile.error;
      const resolved = resolveGlobalsKept(
        this.flags,
        this.io.env,
        this.command.ownEnv,
        this.configFile.file,
      );
      const { warnings } = resolved;
      const config = {
        ...resolved.config,
        output: scriptOutputOf(this.command, resolved.config.output, this.flags.changed('output')),
      };
      for (const w of warnings) this.io.stderr.write(`${w}\n`);
      if (config.debug) {
        // Variables a command reads itself (watch's ETCDCTL_WATCH_*) are dumped too, as etcdctl does.
        const own = Object.fromEntries(this.command.ownEnv.map((k) => [k, this.io.env[k] ?? '']));
        this.io.stderr.write(debugDump(config, own));
      }
      this.resolved = config;
    }
    return this.resolved;
  }

  /**
   * Declines `-o` because of the command's own flags (`put -o value` without `--prev-kv`): given on
   * the command line it is refused with `err`; from ECTL_OUTPUT the command prints its usual
   * output instead, as commands without that format do.
   */
  declineOutput(err: Error): void {
    if (this.flags.changed('output')) throw err;
    this.resolved = { ...this.config(), output: undefined };
  }

  /** What the client asks of the CLI while connecting (prompt, warnings, debug lines). */
  clientHooks(): ClientHooks {
    return clientHooks(this.io, this.signal, this.config().debug);
  }

  /**
   * The etcd client, created on first use; the gRPC layer is loaded only then. A writing command
   * passes its context's guards first (read-only, confirm-writes), and a context's namespace wraps
   * the client.
   */
  client(): Promise<EtcdClient> {
    this.clientPromise ??= this.guardedConnect();
    return this.clientPromise;
  }

  /** A writing command's guards, before anything connects (once per run). */
  private async guardWrites(): Promise<void> {
    const mark = this.command.writeMark;
    if (!writesNow(mark, this.args, this.flags)) return;
    this.guardWrite();
    if (mark?.confirm === 'before') await this.confirmWrite(`Run ${this.command.path()}`);
  }

  private async guardedConnect(): Promise<EtcdClient> {
    const config = this.config();
    return inContextNamespace(await this.connect(config, this.clientHooks()), config);
  }

  /**
   * For a command that knows only in its handler that it writes (`.writes({ when: 'handler' })`,
   * a txn with a write op): refuses on a read-only context, names a confirm-writes one.
   */
  guardWrite(): void {
    checkWrite(this.io, this.config(), this.command.path());
  }

  /** Whether a confirm-writes context will ask before this destructive command. */
  confirming(): boolean {
    const { context, yes } = this.config();
    return !!context?.confirmWrites && !yes && !!this.command.writeMark?.confirm;
  }

  /** Asks a confirm-writes context's [y/N] question; `summary` says what would happen. */
  confirmWrite(summary: string): Promise<void> {
    return confirmWrite(this.io, this.config(), this.command.path(), summary);
  }

  /** Milliseconds since the epoch at which a short command's deadline expires. */
  commandDeadline(): number {
    return Date.now() + millis(this.config().commandTimeoutNs);
  }

  /**
   * Prints a response with its printer set in the configured format (the one print path): `-o`'s
   * script formats through the set's `script` view, else `-w`'s printer.
   */
  print<R, O>(set: PrinterSetWithScript<R, O>, resp: R, opts: O): void {
    const { output, writeOut } = this.config();
    if (output) {
      if (!set.script || output === 'wide')
        throw new BadFeatureError(`-o ${output} is not supported by this command`);
      this.writeAll(renderScript(output, set.script(resp, opts)));
      return;
    }
    this.writeAll(print(set, writeOut, resp, opts));
  }

  /** The format an ectl-family command prints in: human (normal or wide) or a script format. */
  ectlFormat(): EctlFormat {
    const { output, writeOut } = this.config();
    return ectlFormat(output, writeOut);
  }

  /** Writes a script view in `-o`'s format (ectl-family commands with a script format chosen). */
  printScript(view: ScriptView): void {
    const format = this.ectlFormat();
    if (format === 'human' || format === 'wide')
      throw new Error('printScript called for a human format');
    this.writeAll(renderScript(format, view));
  }

  private writeAll(parts: readonly Part[]): void {
    for (const part of parts) this.write(part);
  }

  /** Writes command output to stdout. */
  write(out: string | Uint8Array): void {
    if (out.length > 0) this.io.stdout.write(out);
  }

  /** Releases the client's connections. */
  async close(): Promise<void> {
    if (!this.clientPromise) return;
    try {
      await (await this.clientPromise).close();
    } catch {
      // Creation failed: there is nothing to close, and the error was already reported.
    }
  }
}

/**
 * The client as the context's commands see it: under its namespace, when it has one (keys, locks
 * and elections alike). Every client a command, the shell or completion reads with goes through
 * here; namespace.ts is loaded only for a namespaced context.
 */
export async function inContextNamespace(
  client: EtcdClient,
  config: GlobalConfig,
): Promise<EtcdClient> {
  const namespace = config.context?.namespace;
  if (!namespace) return client;
  const { withNamespace } = await import('../etcd/namespace.js');
  return withNamespace(client, namespace);
}
