// The positional arguments of `lease`: a TTL in decimal seconds and lease IDs in hexadecimal, parsed
// as etcdctl's lease_command.go parses them (strconv.ParseInt, base 10 and 16), with its texts.
import { BadArgsError } from '../errors.js';
import { GoParseError, parseGoInt64 } from '../go/parse.js';
import { parseLeaseId } from './ids.js';

/** `lease grant <ttl>`: strconv.ParseInt(s, 10, 64); `bad TTL (...)` (128) on failure. */
export function parseTtlArg(text: string): bigint {
  try {
    return parseGoInt64(text, 10);
  } catch (err) {
    if (err instanceof GoParseError) throw new BadArgsError(`bad TTL (${err.message})`);
    throw err;
  }
}

/** A lease ID argument: strconv.ParseInt(s, 16, 64), so `-1` and `0x`-less hex only. */
export function parseLeaseArg(text: string): bigint {
  return parseLeaseId(text, 'lease ID arg');
}

/** The one argument of a lease sub-command, or etcdctl's error when there is not exactly one. */
export function oneArg(args: readonly string[], missing: string): string {
  if (args.length !== 1) throw new BadArgsError(missing);
  return args[0]!;
}
