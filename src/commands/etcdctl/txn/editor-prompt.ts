// An enquirer Input prompt that takes many lines: Enter hands the line to the `txnLine` option,
// prints what it returns above the prompt and empties the input, or shows the reason under the
// line and keeps it for editing; the prompt closes only when `txnLine` says it is done. Keys typed
// or pasted ahead are never lost, as they would be between two prompts. The line is edited with
// readline's keys (src/input/line-editing.ts), not enquirer's own.
import { editLine, type Key } from '../../../input/line-editing.js';

/** What the prompt does with an entered line. */
export type LineVerdict = { print: string; done?: boolean } | { error: string };

/** The parts of enquirer's prompts used here (enquirer's typings do not describe them). */
export interface PromptLike {
  input: string;
  cursor: number;
  state: { size: number; error?: string };
  options: Record<string, unknown>;
  stdout: { write(s: string): void };
  symbols: { pointer: string };
  styles: { danger(s: string): string };
  clear(lines?: number): void;
  render(): Promise<void>;
  alert(): void;
  submit(): Promise<void>;
  cancel(): Promise<void>;
  run(): Promise<unknown>;
  keypress(input: string, key?: Key): Promise<void>;
  cursorHide(): void;
  cursorShow(): void;
  once(event: 'close', listener: () => void): unknown;
}
type PromptClass = new (options: Record<string, unknown>) => PromptLike;

/** enquirer's default export, as far as the editor uses it. */
export interface EnquirerApi {
  Input: PromptClass;
  Select: PromptClass;
}

/**
 * A prompt class whose hidden cursor comes back when it closes, without the SIGINT/SIGTERM
 * handlers enquirer installs for that: they exit 130/143 at once, before ectl's own ending
 * (cancel the prompt, then end by the signal). Without colours (option `plain`) enquirer's
 * drawn cursor is invisible, so the terminal's own stays.
 */
export function ownSignals(Prompt: PromptClass): PromptClass {
  return class extends Prompt {
    override cursorHide(): void {
      if (this.options.plain) return;
      this.stdout.write('\x1b[?25l');
      this.once('close', () => this.cursorShow());
    }
  };
}

/** The multi-line prompt, built on enquirer's Input (loaded lazily by the caller). */
export function linePromptClass(Input: PromptClass): PromptClass {
  return class LinePrompt extends ownSignals(Input) {
    /** The text of the last Ctrl-U, Ctrl-K, Ctrl-W..., for Ctrl-Y. */
    private killed = '';

    override async keypress(input: string, key: Key = {}): Promise<void> {
      const line = { text: this.input ?? '', cursor: this.cursor, killed: this.killed };
      const next = editLine(line, key);
      if (!next) return super.keypress(input, key);
      [this.input, this.cursor, this.killed] = [next.text, next.cursor, next.killed];
      await this.render();
    }

    override async submit(): Promise<void> {
      const txnLine = this.options.txnLine as (value: string) => LineVerdict;
      const verdict = txnLine(this.input ?? '');
      if ('error' in verdict) {
        // As enquirer shows a failed validation: under the line, until the next key.
        this.state.error = `\n${this.styles.danger(`\n${this.symbols.pointer} ${verdict.error}`)}`;
        await this.render();
        this.alert();
        this.state.error = undefined;
        return;
      }
      if (verdict.done) return super.submit();
      // Erase the prompt, print above where it was, and draw it again, empty, below.
      this.clear(this.state.size);
      this.state.size = 0;
      this.stdout.write(verdict.print);
      this.input = '';
      this.cursor = 0;
      await this.render();
    }
  };
}
