// IDs typed on the command line: lease IDs in hexadecimal, as etcdctl parses them.
import { BadArgsError } from '../errors.js';
import { GoParseError, parseGoInt64 } from '../go/parse.js';

/** Parses a hex lease ID (strconv.ParseInt(s, 16, 64)); etcdctl's error text on failure. */
export function parseLeaseId(text: string): bigint {
  try {
    return parseGoInt64(text, 16);
  } catch (err) {
    if (err instanceof GoParseError)
      throw new BadArgsError(`bad lease ID (${err.message}), expecting ID in Hex`);
    throw err;
  }
}
