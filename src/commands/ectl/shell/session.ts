// One interactive session: the current prefix, the history, the shell's own commands (cd, ls,
// pwd, help, exit) and every ectl command run through cli.ts over the session's one client, with
// relative keys taken under the current prefix and Ctrl-C ending only the command.
import type { EctlCommand } from '../../../cli/command.js';
import { globalFlags } from '../../../cli/globals.js';
import { ArgvError, parseArgv } from '../../../cli/argv.js';
import type { Connect } from '../../../etcd/client-config.js';
import type { EtcdClient } from '../../../etcd/client.js';
import { millis } from '../../../etcd/client-config.js';
import { messageOf } from '../../../errors.js';
import type { Io } from '../../../io.js';
import { ShellSyntaxError, splitShellWords } from '../../../input/shell-words.js';
import { connectionFlagRefusal, lineFacts } from '../batch/script.js';
import { changeDir, promptFor, withRelativeKeys } from './paths.js';
import { formatLevel, readLevel } from './ls.js';
import { shellHelp } from './help.js';

/** What a session is given by the `ectl shell` command. */
export interface SessionSetup {
  io: Io;
  program: EctlCommand;
  /** The global flags of the `ectl shell` line, put before every command. */
  before: readonly string[];
  connect: Connect;
  /** The client for the shell's own reads (ls), the same one every command gets. */
  client: () => Promise<EtcdClient>;
  commandTimeoutNs: bigint;
  /** The context in use (--context, ECTL_CONTEXT, current-context), named in the prompt. */
  contextName?: string;
}

/** What one line asks of the loop. */
export type Outcome = 'next' | 'exit';

export class ShellSession {
  cwd = '';

  constructor(private readonly setup: SessionSetup) {}

  prompt(): string {
    return promptFor(this.cwd, this.setup.contextName);
  }

  private say(text: string): void {
    this.setup.io.stdout.write(text);
  }

  private fail(text: string): void {
    this.setup.io.stderr.write(`Error: ${text}\n`);
  }

  /** Runs one line; `signal` is the line's own (Ctrl-C aborts it). */
  async runLine(line: string, signal: AbortSignal): Promise<Outcome> {
    let words: string[];
    try {
      const split = splitShellWords(line);
      if (split.open) {
        this.fail(
          `the line ends inside ${split.open === '\\' ? 'a backslash' : `a ${split.open} quote`}`,
        );
        return 'next';
      }
      words = split.words;
    } catch (err) {
      if (err instanceof ShellSyntaxError) this.fail(err.message);
      else throw err;
      return 'next';
    }
    const [first, ...rest] = words;
    switch (first) {
      case undefined:
        return 'next';
      case 'exit':
      case 'quit':
        return 'exit';
      case 'pwd':
        this.say(`${this.cwd === '' ? '(top: every key as written)' : this.cwd}\n`);
        return 'next';
      case 'cd':
        if (rest.length > 1) this.fail('cd takes one prefix');
        else this.cwd = changeDir(this.cwd, rest[0]);
        return 'next';
      case 'ls':
        await this.ls(rest, signal);
        return 'next';
      case 'help':
        if (rest.length === 0) {
          this.say(shellHelp);
          return 'next';
        }
    }
    await this.runCommand(words, signal);
    return 'next';
  }

  private async ls(args: string[], signal: AbortSignal): Promise<void> {
    if (args.length > 1) return this.fail('ls takes one prefix');
    const dir = args.length === 0 ? this.cwd : changeDir(this.cwd, args[0]);
    try {
      const client = await this.setup.client();
      const deadline = Date.now() + millis(this.setup.commandTimeoutNs);
      const entries = await abortable(readLevel(client, dir, { deadline }), signal);
      this.say(formatLevel(entries));
    } catch (err) {
      if (!signal.aborted) this.fail(messageOf(err));
    }
  }

  private async runCommand(words: string[], signal: AbortSignal): Promise<void> {
    const { program, before, io } = this.setup;
    const facts = lineFacts(words, program, globalFlags);
    const refused =
      connectionFlagRefusal(facts, 'ectl shell') ??
      (facts.cmd === 'shell' ? 'the shell is already running' : undefined) ??
      (facts.cmd === 'txn' && !facts.given('interactive')
        ? 'in the shell, txn -i opens the transaction editor'
        : undefined);
    if (refused) return this.fail(refused);
    const cli = await import('../../../cli.js');
    await cli.runToEnd([...before, ...this.relative(words)], io, signal, {
      connect: this.setup.connect,
      program,
    });
  }

  /** The words with their key arguments taken under the current prefix. */
  private relative(words: string[]): string[] {
    try {
      const parsed = parseArgv(words, this.setup.program, globalFlags);
      const leaf = parsed.path[parsed.path.length - 1]!;
      const flags = [...leaf.localFlags, ...globalFlags, helpFlag];
      return withRelativeKeys(words, this.cwd, parsed.path, flags);
    } catch (err) {
      // A line that does not parse is run as it is, to report its own error.
      if (err instanceof ArgvError) return words;
      throw err;
    }
  }
}

const helpFlag = { name: 'help', short: 'h', kind: 'bool', default: false, usage: '' } as const;

/** `promise`, or a rejection as soon as `signal` aborts. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('interrupted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
