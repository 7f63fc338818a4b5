// `options` (etcdctl 3.7+): the global flags, in pflag's usage layout.
import type { EctlCommand } from '../../cli/command.js';
import { globalFlags } from '../../cli/globals.js';
import type { FlagSpec } from '../../cli/flagspec.js';
import { formatDuration } from '../../go/format.js';

const typeNames: Record<FlagSpec['kind'], string> = {
  bool: '',
  string: 'string',
  int64: 'int',
  int: 'int',
  uint: 'uint',
  duration: 'duration',
  stringSlice: 'strings',
};

function defaultText(spec: FlagSpec): string {
  const d = spec.default;
  if (d === false || d === '' || d === 0n || (Array.isArray(d) && d.length === 0)) return '';
  if (typeof d === 'string') return ` (default ${JSON.stringify(d)})`;
  if (Array.isArray(d)) return ` (default [${d.join(',')}])`;
  if (spec.kind === 'duration' && typeof d === 'bigint') return ` (default ${formatDuration(d)})`;
  return ` (default ${String(d)})`;
}

/** pflag's FlagUsages of a set of flags, sorted by name, usage column aligned. */
export function flagUsages(flags: readonly FlagSpec[]): string {
  const rows = [...flags]
    .filter((f) => !f.hidden)
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((f) => {
      const type = typeNames[f.kind];
      const left = `${f.short ? `  -${f.short}, --` : '      --'}${f.name}${type ? ` ${type}` : ''}`;
      return { left, right: f.usage + defaultText(f) };
    });
  const width = Math.max(...rows.map((r) => r.left.length));
  return rows.map((r) => `${r.left} ${' '.repeat(width - r.left.length)}  ${r.right}\n`).join('');
}

/** The text `options` prints. */
export function optionsText(): string {
  return `The following options can be passed to any command:\n\n${flagUsages(globalFlags)}`;
}

/** Registers `options`. */
export function register(program: EctlCommand): void {
  program
    .command('options')
    .description('Prints the list of global command-line options (applies to all commands).')
    .examples(['ectl options'])
    .handle(async (ctx) => ctx.write(optionsText()));
}
