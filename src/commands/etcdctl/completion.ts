// `completion bash|zsh|fish|powershell` (etcdctl 3.6+): prints the shell's completion script. The
// scripts call the hidden `ectl __complete`, which also completes keys, leases and members live.
import type { EctlCommand } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import { completionInstallText, completionScript } from '../../cli/completion/scripts.js';
import { shells } from '../../cli/completion/sources.js';
import { goQuoteString } from '../../go/format.js';

/** The script for the one shell named in `args`; cobra's argument errors otherwise. */
export function completionText(args: readonly string[]): string {
  const hint = "Run 'ectl completion --help' for usage.";
  if (args.length !== 1) throw new UsageError(`accepts 1 arg(s), received ${args.length}`, hint);
  const shell = shells.find((s) => s === args[0]);
  if (!shell)
    throw new UsageError(
      `invalid argument ${goQuoteString(args[0]!)} for ${goQuoteString('ectl completion')}`,
      hint,
    );
  return completionScript(shell);
}

/** Registers `completion`. */
export function register(program: EctlCommand): void {
  program
    .command('completion')
    .description('Generate completion script')
    .usage('[bash|zsh|fish|powershell]')
    .addHelpText('after', completionInstallText.trimEnd())
    .examples([
      'source <(ectl completion bash)',
      'ectl completion zsh > "${fpath[1]}/_ectl"',
      'ectl completion fish > ~/.config/fish/completions/ectl.fish',
    ])
    .handle(async (ctx) => ctx.write(completionText(ctx.args)));
}
