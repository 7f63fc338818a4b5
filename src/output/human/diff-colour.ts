// The colours of a unified diff on a terminal, as git's defaults: headers bold, hunk headers cyan,
// removals red, additions green.
import type { ChalkInstance } from 'chalk';
import type { UnifiedLine } from '../diff/unified.js';

/** A styler for renderUnified: colours by line kind with `chalk` (level 0: unchanged text). */
export function diffStyle(
  chalk: ChalkInstance,
): (kind: UnifiedLine['kind'], text: string) => string {
  return (kind, text) => {
    switch (kind) {
      case 'header':
        return chalk.bold(text);
      case 'hunk':
        return chalk.cyan(text);
      case 'removed':
        return chalk.red(text);
      case 'added':
        return chalk.green(text);
      default:
        return text;
    }
  };
}
