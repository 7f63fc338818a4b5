// Which output an invocation asked for. `-o` is ectl's own (lossless, readable script formats);
// `-w` is etcdctl's. The two never combine. ectl's own commands print a human view unless `-o`
// (or `-w json`, the same document as `-o json`) asks for a script format.
import { BadArgsError, BadFeatureError } from '../../errors.js';
import type { OutputFormat } from '../../cli/globals.js';

export const scriptFormats = ['json', 'ndjson', 'yaml', 'value', 'key'] as const;
/** `-o`'s script formats. */
export type ScriptFormat = (typeof scriptFormats)[number];

/** `-o`'s values: the script formats, and `wide` (human output with every column). */
export const outputOptions = [...scriptFormats, 'wide'] as const;
export type OutputOption = (typeof outputOptions)[number];

/** What an ectl-family command prints: a human view (normal or wide) or a script format. */
export type EctlFormat = 'human' | 'wide' | ScriptFormat;

/** Checks `-o`'s value and that `-w` was not given with it. */
export function checkOutputOption(
  output: string,
  writeOutGiven: boolean,
): OutputOption | undefined {
  if (output === '') return undefined;
  if (writeOutGiven) throw new BadArgsError('-o and -w cannot be used together');
  if (!(outputOptions as readonly string[]).includes(output))
    throw new BadArgsError(
      `invalid output format "${output}" (use one of: ${outputOptions.join(', ')})`,
    );
  return output as OutputOption;
}

/** The format of an ectl-family command: `-o` first, then `-w` (json, or simple/table = human). */
export function ectlFormat(output: OutputOption | undefined, writeOut: OutputFormat): EctlFormat {
  if (output === 'wide') return 'wide';
  if (output) return output;
  if (writeOut === 'json') return 'json';
  if (writeOut === 'simple' || writeOut === 'table') return 'human';
  throw new BadFeatureError(`${writeOut} not supported as output format`);
}
