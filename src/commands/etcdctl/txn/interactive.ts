// `txn -i` on a terminal: an editor for the transaction. Every line is checked when it is entered
// and, when wrong, stays on the prompt with the reason; `?` prints the grammar; an empty line ends
// a section; the whole transaction is summarised and confirmed before anything is sent. One
// enquirer prompt lives through all three sections, so lines pasted at once are never dropped.
import type { CommandContext } from '../../../cli/context.js';
import type { Compare, RequestOp, TxnRequest } from '../../../etcd/proto/gen/messages.js';
import { CliError, InterruptedError } from '../../../errors.js';
import {
  type OpCommands,
  type Section,
  TxnSyntaxError,
  WordError,
  parseCompare,
  parseOp,
  sections,
  trimSpace,
} from './grammar.js';
import { describeCompare, describeOp, describeTxn } from '../../../output/txn-summary.js';
import { grammarHelp } from './grammar-help.js';
import {
  type EnquirerApi,
  type LineVerdict,
  type PromptLike,
  linePromptClass,
  ownSignals,
} from './editor-prompt.js';
import { colourWanted } from '../../../io.js';

const intro =
  'Transaction editor: one line per compare or request, an empty line ends a section,\n' +
  '"?" shows the grammar, Ctrl-C quits without sending anything.\n';

const headings: Record<Section, string> = {
  compares: 'Compares, e.g. mod("key1") > "0" (all must hold for the success requests to run):',
  success: 'Success requests (get, put, del), run when every compare holds:',
  failure: 'Failure requests (get, put, del), run when a compare does not hold:',
};
const labels: Record<Section, string> = {
  compares: 'compare',
  success: 'success',
  failure: 'failure',
};

/** A parsed line of a section: a compare, or a request. */
export type EditorItem = { compare: Compare } | { op: RequestOp };

/** Parses one line of `section` as the piped grammar does; throws the same errors. */
export function parseEditorLine(section: Section, line: Uint8Array, ops: OpCommands): EditorItem {
  if (section === 'compares') return { compare: parseCompare(line) };
  return { op: parseOp(line, ops).op };
}

/** What the editor says about a rejected line: ectl's reason when it has one, else the error. */
export function lineProblem(err: unknown): string | undefined {
  if ((err instanceof TxnSyntaxError || err instanceof WordError) && err.detail)
    return `${err.detail} (${err.message})`;
  if (err instanceof CliError) return err.message;
  return undefined;
}

/** The editor's state through the three sections, fed one entered line at a time. */
export class TxnEditor {
  readonly req: TxnRequest = { compare: [], success: [], failure: [] };
  private index = 0;
  private n = 1;

  constructor(private readonly ops: OpCommands) {}

  /** The prompt's label, e.g. `success 2`. */
  label(): string {
    return `${labels[sections[this.index]!]} ${this.n}`;
  }

  /** Takes one line: the text to print above the prompt, or the reason it is refused. */
  enter(value: string): LineVerdict {
    const section = sections[this.index]!;
    const text = value.trim();
    const echo = `✔ ${this.label()} · ${value}\n`;
    if (text === '') {
      if (this.index === sections.length - 1) return { print: echo, done: true };
      this.index++;
      this.n = 1;
      return { print: `${echo}\n${headings[sections[this.index]!]}\n` };
    }
    if (text === '?' || text === 'help') return { print: `\n${grammarHelp}\n` };
    let item: EditorItem;
    try {
      item = parseEditorLine(section, trimSpace(Buffer.from(value, 'utf8')), this.ops);
    } catch (err) {
      const problem = lineProblem(err);
      if (problem === undefined) throw err;
      return { error: problem };
    }
    this.n++;
    if ('compare' in item) {
      this.req.compare.push(item.compare);
      return { print: `${echo}  = ${describeCompare(item.compare)}\n` };
    }
    (section === 'success' ? this.req.success : this.req.failure).push(item.op);
    return { print: `${echo}  = ${describeOp(item.op)}\n` };
  }
}

/** Runs the editor and returns the transaction the user confirmed. */
export async function editTxn(ctx: CommandContext, ops: OpCommands): Promise<TxnRequest> {
  const { default: enquirer } = await import('enquirer');
  const api = enquirer as unknown as EnquirerApi;
  const LinePrompt = linePromptClass(api.Input);
  const Select = ownSignals(api.Select);
  const colour = colourWanted(ctx.io.env, ctx.io.stdoutIsTTY);
  const streams = {
    stdin: ctx.io.stdin,
    stdout: ctx.io.stdout,
    styles: { enabled: colour },
    plain: !colour,
  };
  const cancelled = (err: unknown): never => {
    // enquirer rejects (with no Error) when a prompt is cancelled: Ctrl-C, Escape, or a signal.
    if (err instanceof Error) throw err;
    throw new InterruptedError(ctx.signal.aborted ? String(ctx.signal.reason) : 'SIGINT');
  };
  // SIGTERM (or a SIGINT sent from elsewhere: the terminal is in raw mode) cancels the prompt.
  const ask = (prompt: PromptLike) => {
    const onAbort = () => void prompt.cancel();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    return prompt
      .run()
      .catch(cancelled)
      .finally(() => ctx.signal.removeEventListener('abort', onAbort));
  };
  ctx.io.stdout.write(intro);
  for (;;) {
    const editor = new TxnEditor(ops);
    ctx.io.stdout.write(`\n${headings.compares}\n`);
    const lines = {
      ...streams,
      message: () => editor.label(),
      txnLine: (v: string) => editor.enter(v),
    };
    await ask(new LinePrompt(lines));
    ctx.io.stdout.write(`\nTransaction:\n${describeTxn(editor.req)}\n`);
    const choice = await ask(
      new Select({
        ...streams,
        name: 'choice',
        message: 'Send this transaction?',
        choices: [
          { name: 'commit', message: 'commit: send it to etcd' },
          { name: 'edit', message: 'edit: start over' },
          { name: 'discard', message: 'discard: quit without sending it' },
        ],
      }),
    );
    if (choice === 'commit') return editor.req;
    if (choice === 'discard') throw new CliError('transaction discarded: nothing was sent');
  }
}
