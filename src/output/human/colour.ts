// When ectl's own human output and stderr messages may be coloured, decided once per stream from
// --color, NO_COLOR, FORCE_COLOR, TERM=dumb and whether the stream is a terminal; and the one chalk
// instance that colours them. The etcdctl family never colours its stdout (lint keeps it away).
import { Chalk, type ChalkInstance } from 'chalk';
import { colourWanted } from '../../io.js';

/** `--color`: auto (the default) follows the environment and the terminal. */
export type ColourMode = 'auto' | 'always' | 'never';

/** The facts the decision rests on. */
export interface ColourFacts {
  mode: ColourMode;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}

/** Whether to colour: `always`/`never` win; `auto` follows the environment (io.ts colourWanted). */
export function useColour({ mode, env, isTTY }: ColourFacts): boolean {
  if (mode !== 'auto') return mode === 'always';
  return colourWanted(env, isTTY);
}

/** A chalk instance that colours exactly when `useColour` says so (16 colours: safe everywhere). */
export function colours(facts: ColourFacts): ChalkInstance {
  return new Chalk({ level: useColour(facts) ? 1 : 0 });
}
