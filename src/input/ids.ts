// IDs typed on the command line: lease IDs in hexadecimal, as etcdctl parses them.
import { BadArgsError } from '../errors.js';
import { GoParseError, parseGoInt64 } from '../go/parse.js';

/**
 * Parses a hex lease ID (strconv.ParseInt(s, 16, 64)); on failure etcdctl's error, which names the
 * ID as the command does: `lease ID` (put's --lease) or `lease ID arg` (the lease commands).
 */
export function parseLeaseId(text: string, name: 'lease ID' | 'lease ID arg' = 'lease ID'): bigint {
  try {
    return parseGoInt64(text, 16);
  } catch (err) {
    if (err instanceof GoParseError)
      throw new BadArgsError(`bad ${name} (${err.message}), expecting ID in Hex`);
    throw err;
  }
}
