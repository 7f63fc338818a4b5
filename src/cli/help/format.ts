// How help shows a flag: its usage text and, as pflag does, its default (`(default "l")`).
import { Help, type Option } from 'commander';

/** commander's Help, with pflag's `(default ...)` after each flag's description. */
export class EctlHelp extends Help {
  override optionDescription(option: Option): string {
    const text = super.optionDescription(option);
    const shown = option.defaultValueDescription;
    // optionFor() records the default only as its description, so commander shows none itself.
    if (shown === undefined || option.defaultValue !== undefined) return text;
    return `${text} (default ${shown})`;
  }
}
