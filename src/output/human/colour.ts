// When ectl's own human output and stderr messages may be coloured, decided once per stream from
// --color, NO_COLOR, FORCE_COLOR, TERM=dumb and whether the stream is a terminal; and the one chalk
// instance that colours them. The etcdctl family never colours its stdout (lint keeps it away).
import { Chalk, type ChalkInstance } from 'chalk';
import { type ColourFacts, useColour } from '../../io.js';

export { type ColourFacts, type ColourMode, useColour } from '../../io.js';

/** A chalk instance that colours exactly when `useColour` says so (16 colours: safe everywhere). */
export function colours(facts: ColourFacts): ChalkInstance {
  return new Chalk({ level: useColour(facts) ? 1 : 0 });
}
