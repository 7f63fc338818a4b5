// run(argv, io, signal) -> exit code: builds the command tree, parses argv with pflag's rules,
// runs the chosen handler and maps every error to etcdctl's message and exit code, here only.
import { loadYaml, wantsYaml } from './output/script/yaml-lib.js';
import { type EctlCommand, completeCommandName, newRoot, programName } from './cli/command.js';
import { CommandContext } from './cli/context.js';
import {
  HelpRequested,
  InterruptedError,
  SilentExitError,
  UsageError,
  exitCodeFor,
  messageOf,
} from './errors.js';
import { checkApiVersion, colourModeOf } from './cli/config.js';
import type { ParsedFlags } from './cli/flagspec.js';
import { globalFlags } from './cli/globals.js';
import { ArgvError, parseArgv, rootCommandWord, type ParsedArgv } from './cli/argv.js';
import { type ColourMode, type Io, useColour } from './io.js';
import type { Connect } from './etcd/client-config.js';
import { connectEtcd } from './cli/client-hooks.js';
import { registerNamed } from './commands/lazy.js';
import { loadConfig, type LoadedConfig } from './cli/contexts/load.js';

export { programName };

/** The whole command tree (help, completion, batch, shell): loaded only by the runs that need it. */
export async function wholeProgram(io: Io): Promise<EctlCommand> {
  return (await import('./commands/index.js')).buildProgram(io);
}

/** How a run ends: an exit code, or (interrupted) the signal the process must end by. */
export interface Ending {
  code: number;
  signal?: 'SIGINT' | 'SIGTERM';
}

/** What a caller of run() may replace; tests pass a fake client through `connect`. */
export interface RunOptions {
  connect?: Connect;
  /** The command tree to use, built once by a caller that runs many lines (batch, shell). */
  program?: EctlCommand;
  /** Written before the `Error: ...` line (`line 3: ` for the lines of `ectl batch`). */
  errorPrefix?: string;
  /** The config file as already read by a caller that runs many lines (batch). */
  config?: LoadedConfig;
}

/** Runs ectl with argv (no node/script words) and returns the exit code. */
export async function run(
  argv: readonly string[],
  io: Io,
  signal: AbortSignal,
  options: RunOptions = {},
): Promise<number> {
  return (await runToEnd(argv, io, signal, options)).code;
}

/** How long a command that does not catch signals may take to end after one (its clean-up). */
const INTERRUPT_GRACE_MS = 500;

/** Runs ectl with argv and says how the process ends: main.ts re-raises the signal. */
export async function runToEnd(
  argv: readonly string[],
  io: Io,
  signal: AbortSignal,
  options: RunOptions = {},
): Promise<Ending> {
  const chosen: { leaf?: EctlCommand } = {};
  // A Go program without a handler dies at once: a command that does not catch signals gets a
  // moment for its clean-up (output flushed, streams closed), and a read that cannot be
  // interrupted (stdin, a password) does not hold the process.
  let timer: NodeJS.Timeout | undefined;
  let onAbort = () => {};
  const cutShort = new Promise<Ending>((resolve) => {
    onAbort = () => {
      timer = setTimeout(() => {
        if (chosen.leaf?.catchesSignals) return;
        const e = new InterruptedError(String(signal.reason));
        resolve({ code: e.exitCode, signal: e.signal });
      }, INTERRUPT_GRACE_MS);
    };
  });
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([runCommand(argv, io, signal, chosen, options), cutShort]);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

async function runCommand(
  argv: readonly string[],
  io: Io,
  signal: AbortSignal,
  chosen: { leaf?: EctlCommand },
  options: RunOptions,
): Promise<Ending> {
  let ctx: CommandContext | undefined;
  let leaf: EctlCommand | undefined;
  let flags: ParsedFlags | undefined;
  try {
    if (argv[0] === completeCommandName) {
      const { runComplete } = await import('./cli/completion/run.js');
      return {
        code: await runComplete(argv.slice(1), io, options.program ?? (await wholeProgram(io))),
      };
    }
    checkApiVersion(io.env);
    // Commander only renders help here (into a string), so one tree serves many runs.
    const { program, parsed } = await programFor(argv, io, options.program);
    flags = parsed.flags;
    leaf = chosen.leaf = parsed.path[parsed.path.length - 1]!;
    if (parsed.help) throw new HelpRequested(helpText(leaf));
    if (leaf.name() === 'help' && leaf.parent === program) {
      const { helpTopicText } = await import('./cli/help/topics.js');
      throw new HelpRequested(
        helpTopicText(parsed.args) ?? helpText(helpTarget(program, parsed.args)),
      );
    }
    if (leaf === program && parsed.args.length > 0) throw unknownCommand(program, parsed.args[0]!);
    // A parent command without (or with an unknown) sub-command shows its help, exit 0, as etcdctl.
    if (!leaf.handler) throw new HelpRequested(helpText(leaf));
    ctx = new CommandContext(
      io,
      signal,
      leaf,
      parsed.args,
      parsed.flags,
      options.connect ?? connectEtcd,
      options.config ?? (await loadConfig(io.env)),
    );
    // The yaml package loads only for runs that print YAML (printers are synchronous).
    if (wantsYaml(parsed.flags.string('output'), io.env)) await loadYaml();
    await leaf.handler(ctx);
    // A command that does not catch signals ends by one, even when it finished its work.
    if (signal.aborted && !leaf.catchesSignals) throw new InterruptedError(String(signal.reason));
    return { code: 0 };
  } catch (err) {
    const colour = colourModeOf(flags, io.env);
    return report(
      err,
      io,
      signal,
      leaf?.catchesSignals === true,
      options.errorPrefix ?? '',
      colour,
    );
  } finally {
    await ctx?.close();
  }
}

/**
 * The tree a run parses with, and its parse. A run whose first word is exactly a command's name
 * gets a root with that command alone, when the parse finds a command to run there; help, errors
 * and everything else are parsed again on the whole tree, so their texts are the whole tree's.
 */
async function programFor(
  argv: readonly string[],
  io: Io,
  given: EctlCommand | undefined,
): Promise<{ program: EctlCommand; parsed: ParsedArgv<EctlCommand> }> {
  if (given) return { program: given, parsed: parseOrThrow(argv, given) };
  const word = rootCommandWord(argv, globalFlags);
  const lean = newRoot(io);
  if (word !== undefined && (await registerNamed(lean, word))) {
    try {
      const parsed = parseArgv(argv, lean, globalFlags);
      const leaf = parsed.path[parsed.path.length - 1]!;
      if (!parsed.help && leaf !== lean && leaf.handler) return { program: lean, parsed };
    } catch (err) {
      if (!(err instanceof ArgvError)) throw err;
    }
  }
  const program = await wholeProgram(io);
  return { program, parsed: parseOrThrow(argv, program) };
}

function parseOrThrow(argv: readonly string[], program: EctlCommand) {
  try {
    return parseArgv(argv, program, globalFlags);
  } catch (err) {
    if (!(err instanceof ArgvError)) throw err;
    if (err.unknownCommand) throw unknownCommand(program, err.message);
    const leaf = err.path[err.path.length - 1] as EctlCommand;
    const removed = /^unknown flag: --([^=]+)$/.exec(err.message)?.[1];
    const hint = removed === undefined ? undefined : leaf.removedFlags.get(removed);
    throw new UsageError(
      err.message,
      hint ?? `Run '${[programName, leaf.path()].filter(Boolean).join(' ')} --help' for usage.`,
    );
  }
}

function report(
  err: unknown,
  io: Io,
  signal: AbortSignal,
  catchesSignals: boolean,
  prefix: string,
  colour: ColourMode,
): Ending {
  if (err instanceof HelpRequested) {
    io.stdout.write(err.text);
    return { code: 0 };
  }
  // Whatever a signal caused ends by that signal, silently, unless the command catches signals
  // and reports the interruption itself, as lock and elect do (etcdctl's signal.Notify).
  if (signal.aborted && !catchesSignals) err = new InterruptedError(String(signal.reason));
  if (err instanceof InterruptedError) return { code: err.exitCode, signal: err.signal };
  if (err instanceof SilentExitError) return { code: err.exitCode };
  // On a terminal (and as --color, NO_COLOR, FORCE_COLOR say) "Error:" is red; the text is the same.
  const red = useColour({ mode: colour, env: io.env, isTTY: io.stderrIsTTY === true });
  // Raw SGR codes (chalk's level 1 red): chalk stays out of every command's start-up.
  const label = red ? '\x1b[31mError:\x1b[39m' : 'Error:';
  io.stderr.write(
    `${prefix}${label} ${err instanceof UsageError ? err.message : messageOf(err)}\n`,
  );
  if (err instanceof UsageError) io.stderr.write(`${err.hint}\n`);
  return { code: exitCodeFor(err) };
}

/** The help text of a command, examples included. */
export function helpText(cmd: EctlCommand): string {
  return cmd.helpText();
}

function helpTarget(program: EctlCommand, words: readonly string[]): EctlCommand {
  let node = program;
  for (const w of words) {
    const next = node.subs.find((c) => c.names.includes(w)) ?? uniquePrefix(node, w);
    if (!next) throw unknownCommand(node, w);
    node = next;
  }
  return node;
}

function uniquePrefix(node: EctlCommand, word: string): EctlCommand | undefined {
  const matches = node.subs.filter((c) => c.name().startsWith(word));
  return matches.length === 1 ? matches[0] : undefined;
}

/** cobra's "unknown command" error, with its "Did you mean this?" suggestions. */
function unknownCommand(node: EctlCommand, word: string): UsageError {
  const suggestions = node.subs
    .filter((c) => !c.names.includes('help') || word.length > 1)
    .filter(
      (c) =>
        levenshtein(word.toLowerCase(), c.name().toLowerCase()) <= 2 ||
        c.name().toLowerCase().startsWith(word.toLowerCase()),
    )
    .map((c) => `\t${c.name()}\n`);
  // The suggestions end in "\n", so the line report() adds after the message leaves cobra's blank
  // line before the hint.
  const did = suggestions.length ? `\n\nDid you mean this?\n${suggestions.join('')}` : '';
  const where = [programName, node.path()].filter(Boolean).join(' ');
  return new UsageError(
    `unknown command "${word}" for "${where}"${did}`,
    `Run '${where} --help' for usage.`,
  );
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length]!;
}
