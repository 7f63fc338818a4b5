// An enquirer Input prompt that takes many lines: Enter hands the line to the `txnLine` option,
// prints what it returns above the prompt and empties the input, or shows the reason under the
// line and keeps it for editing; the prompt closes only when `txnLine` says it is done. Keys typed
// or pasted ahead are never lost, as they would be between two prompts.

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
}
type PromptClass = new (options: Record<string, unknown>) => PromptLike;

/** enquirer's default export, as far as the editor uses it. */
export interface EnquirerApi {
  Input: PromptClass;
  Select: PromptClass;
}

/** The multi-line prompt, built on enquirer's Input (loaded lazily by the caller). */
export function linePromptClass(Input: PromptClass): PromptClass {
  return class LinePrompt extends Input {
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
