// A commander Command that also carries pflag-typed flag declarations and an async handler:
// commander is the registry and help renderer, input/argv.ts does the parsing.
import { Command, type Help, Option } from 'commander';
import type { FlagSpec } from './flagspec.js';
import type { ValueSource } from './completion/types.js';
import { EctlHelp } from './help/format.js';
import type { ParseNode } from './argv.js';
import type { CommandContext } from './context.js';
import { formatDuration } from '../go/format.js';
import { type ScriptFormat, scriptFormats } from '../output/script/format.js';
import type { WriteMark, WriteMarkInit } from './guards.js';
import type { Io } from '../io.js';
import { globalFlags } from './globals.js';

/** What a command runs; it writes through ctx and throws typed errors. */
export type Handler = (ctx: CommandContext) => Promise<void>;

/** Command groups as etcdctl (main) shows them in the root help. */
export const Groups = {
  kv: 'Key-value commands:',
  cluster: 'Cluster maintenance commands:',
  concurrency: 'Concurrency commands:',
  auth: 'Authentication commands:',
  utility: 'Utility commands:',
  // ectl's own family (commands/ectl/), after etcdctl's groups.
  cockpit: 'Contexts and diagnosis (ectl):',
  scripts: 'Scripts and data (ectl):',
  patterns: 'Patterns (ectl):',
} as const;

/** A command node of ectl's tree. */
export class EctlCommand extends Command implements ParseNode {
  readonly flagSpecs: FlagSpec[] = [];
  handler: Handler | undefined;
  /** ETCDCTL_* variables this command reads itself (exempt from the "unrecognized" warning). */
  readonly ownEnv: string[] = [];
  /** The example lines given to examples(), for the man page. */
  readonly exampleLines: string[] = [];
  /** What each positional argument completes to (the last one repeats); see src/cli/completion/. */
  argSources: readonly ValueSource[] | undefined;
  /**
   * Whether the handler deals with SIGINT/SIGTERM itself (etcdctl's signal.Notify: lock, elect).
   * Any other command ends by the signal, as a Go program without a handler does.
   */
  catchesSignals = false;
  /**
   * Whether the command is of the etcdctl family (set when registered): there `-o` is refused
   * unless the command declares the format with scriptOutput().
   */
  etcdctlFamily = false;
  /** The `-o` formats an etcdctl-family command prints (ectl's own commands print them all). */
  scriptFormats: readonly ScriptFormat[] = [];
  /** Whether and when the command writes, for read-only and confirm-writes contexts (guards.ts). */
  writeMark: WriteMark | undefined;
  /** Flags etcdctl dropped, with where their job went (shown after `unknown flag: --x`). */
  readonly removedFlags = new Map<string, string>();

  override createCommand(name?: string): EctlCommand {
    return new EctlCommand(name);
  }

  override createHelp(): Help {
    return Object.assign(new EctlHelp(), this.configureHelp());
  }

  get names(): readonly string[] {
    return [this.name(), ...this.aliases()];
  }

  get subs(): readonly EctlCommand[] {
    return this.commands as EctlCommand[];
  }

  get localFlags(): readonly FlagSpec[] {
    return this.flagSpecs;
  }

  /** Declares a pflag-typed flag and shows it in help. */
  flag(spec: FlagSpec): this {
    this.flagSpecs.push(spec);
    this.addOption(optionFor(spec));
    return this;
  }

  /** Declares every flag of a typed flag set (see typed-flags.ts). */
  flags(set: { readonly specs: readonly FlagSpec[] }): this {
    for (const spec of set.specs) this.flag(spec);
    return this;
  }

  /** Sets the handler run when this command is chosen. */
  handle(fn: Handler): this {
    this.handler = fn;
    return this;
  }

  /** Declares the `-o` formats the handler prints (README "Output for scripts"). */
  scriptOutput(formats: readonly ScriptFormat[] = scriptFormats): this {
    this.scriptFormats = formats;
    return this;
  }

  /** Declares that the handler deals with SIGINT and SIGTERM itself (see catchesSignals). */
  catchSignals(): this {
    this.catchesSignals = true;
    return this;
  }

  /**
   * Declares the command a writer (guards.ts): refused on a read-only context; with `confirm`, a
   * confirm-writes context asks first. `.writes()` alone: always writes, nothing to confirm.
   */
  writes(mark: WriteMarkInit = {}): this {
    this.writeMark = {
      when: mark.when ?? true,
      ...(mark.confirm ? { confirm: mark.confirm } : {}),
    };
    return this;
  }

  /** Adds an "Examples:" block to the help, the manual's most read part. */
  examples(lines: string[]): this {
    this.exampleLines.push(...lines);
    return this.addHelpText('after', `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  }

  /**
   * Names a flag older etcdctl had and main dropped: it stays an unknown flag (exit 1, as main),
   * and `hint` replaces the usual "Run ... --help" line to say where its job went.
   */
  removedFlag(name: string, hint: string): this {
    this.removedFlags.set(name, hint);
    return this;
  }

  /** Declares what the positional arguments complete to, one source per position. */
  completeArgs(...sources: ValueSource[]): this {
    this.argSources = sources;
    return this;
  }

  /** The help text as `--help` prints it: added texts (examples, the root's last lines) included. */
  helpText(): string {
    let text = '';
    const saved = this.configureOutput();
    this.configureOutput({ ...saved, writeOut: (s) => (text += s) });
    this.outputHelp();
    this.configureOutput(saved);
    return text;
  }

  /** The command path as typed, e.g. `lease grant`. */
  path(): string {
    const parent = this.parent as EctlCommand | null;
    if (!parent) return '';
    return [parent.path(), this.name()].filter(Boolean).join(' ');
  }
}

/** Builds commander's Option (for help) from a flag declaration. */
export function optionFor(spec: FlagSpec): Option {
  const value =
    spec.kind === 'bool' ? '' : ` <${spec.kind === 'stringSlice' ? 'list' : spec.kind}>`;
  const option = new Option(
    `${spec.short ? `-${spec.short}, ` : ''}--${spec.name}${value}`,
    spec.usage,
  );
  const shown = showDefault(spec);
  if (shown !== undefined) option.default(undefined, shown);
  if (spec.hidden) option.hideHelp();
  return option;
}

function showDefault(spec: FlagSpec): string | undefined {
  const d = spec.default;
  if (spec.kind === 'duration' && typeof d === 'bigint') return formatDuration(d);
  if (Array.isArray(d)) return d.length ? `[${d.join(',')}]` : undefined;
  if (d === false || d === '' || d === 0n) return undefined;
  return typeof d === 'string' ? JSON.stringify(d) : String(d);
}

export const programName = 'ectl';

/** The hidden command the completion scripts call. */
export const completeCommandName = '__complete';

/**
 * The root every run starts from, before any sub-command is registered (they inherit its set-up):
 * the global flags (hidden: `ectl options` lists them) and where commander writes. The whole tree
 * (commands/index.ts) adds every command, `help` and the help topics; a run that names one command
 * registers only that one (commands/lazy.ts).
 */
export function newRoot(io: Io): EctlCommand {
  const program = new EctlCommand(programName);
  program
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .helpOption(false)
    .addHelpCommand(false)
    .description('A simple command line client for etcd3.')
    .usage('[global options] <command> [options] [arguments...]');
  for (const spec of globalFlags) program.addOption(optionFor(spec).hideHelp());
  program.addHelpText(
    'afterAll',
    `Use "${programName} options" for a list of global command-line options (applies to all commands).\n`,
  );
  return program;
}
