// When ectl's own human output and stderr messages may be coloured, decided once per stream from
// --color, NO_COLOR, FORCE_COLOR, TERM=dumb and whether the stream is a terminal; and the one chalk
// instance that colours them. The etcdctl family never colours its stdout (lint keeps it away).
import { Chalk, type ChalkInstance } from 'chalk';

/** `--color`: auto (the default) follows the environment and the terminal. */
export type ColourMode = 'auto' | 'always' | 'never';

/** The facts the decision rests on. */
export interface ColourFacts {
  mode: ColourMode;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/**
 * Whether to colour: `always`/`never` win; then NO_COLOR (any non-empty value, no-color.org),
 * then FORCE_COLOR (non-empty and not `0`/`false`), then TERM=dumb; otherwise only on a terminal.
 */
export function useColour({ mode, env, isTTY }: ColourFacts): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** A chalk instance that colours exactly when `useColour` says so (16 colours: safe everywhere). */
export function colours(facts: ColourFacts): ChalkInstance {
  return new Chalk({ level: useColour(facts) ? 1 : 0 });
}
