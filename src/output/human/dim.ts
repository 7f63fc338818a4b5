// One dim line for a terminal's stderr, without loading chalk: the write guards print it before
// every write of a confirm-writes context, on the start-up path of every writing command.
import { colourWanted } from '../../io.js';

/** `text` and a newline, dim (SGR 2) unless NO_COLOR, FORCE_COLOR=0 or TERM=dumb say no colour. */
export function dimLine(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return colourWanted(env, true) ? `\x1b[2m${text}\x1b[22m\n` : `${text}\n`;
}
