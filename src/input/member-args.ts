// The arguments of `member add | remove | update | promote` and `move-leader`: hex member IDs
// (strconv.ParseUint(s, 16, 64)), the new member's name and the --peer-urls list, checked as
// etcdctl's member_command.go and the client's types.NewURLs check them, with their texts.
import { BadArgsError, CliError } from '../errors.js';
import { GoParseError, parseGoUint64 } from '../go/parse.js';
import { parseGoUrl, splitsHostPort } from '../go/url.js';

/** A member ID in hex; `bad member ID arg (...), expecting ID in Hex` (128) otherwise. */
export function parseMemberId(text: string): bigint {
  try {
    return parseGoUint64(text, 16);
  } catch (err) {
    if (err instanceof GoParseError)
      throw new BadArgsError(`bad member ID arg (${err.message}), expecting ID in Hex`);
    throw err;
  }
}

/** The one member ID of remove/update/promote; any other count is `member ID is not provided`. */
export function memberIdArg(args: readonly string[]): bigint {
  if (args.length !== 1) throw new BadArgsError('member ID is not provided');
  return parseMemberId(args[0]!);
}

/** move-leader's transferee: the bare strconv text on a bad ID, as etcdctl prints it. */
export function transfereeArg(args: readonly string[]): bigint {
  if (args.length !== 1) throw new BadArgsError('move-leader command needs 1 argument');
  try {
    return parseGoUint64(args[0]!, 16);
  } catch (err) {
    if (err instanceof GoParseError) throw new BadArgsError(err.message);
    throw err;
  }
}

/**
 * `member add`'s one argument, the new member's name. Extra arguments that look like URLs get a
 * hint each: `too many arguments, did you mean --peer-urls=http://...`.
 */
export function memberNameArg(args: readonly string[]): string {
  if (args.length < 1) throw new BadArgsError('member name not provided');
  if (args.length > 1) {
    const hints = args
      .filter((a) => a.toLowerCase().startsWith('http'))
      .map((a) => `, did you mean --peer-urls=${a}`);
    throw new BadArgsError(`too many arguments${hints.join('')}`);
  }
  return args[0]!;
}

/** --peer-urls split at commas (not trimmed: etcd gets them as typed); required. */
export function peerUrlsFlag(value: string): string[] {
  if (value.length === 0) throw new BadArgsError('member peer urls not provided');
  return value.split(',');
}

/**
 * The client's check of peer URLs before MemberAdd/MemberUpdate (types.NewURLs): each, trimmed,
 * must parse as a Go URL and be http(s)://host:port without a path, or unix(s)://. etcdctl reports
 * a failure as a plain error (exit 1).
 */
export function checkPeerUrls(urls: readonly string[]): void {
  if (urls.length === 0) throw new CliError('no valid URLs given');
  for (const raw of urls) {
    const text = raw.trim();
    let url;
    try {
      url = parseGoUrl(text);
    } catch (err) {
      if (err instanceof GoParseError) throw new CliError(err.message);
      throw err;
    }
    switch (url.scheme) {
      case 'http':
      case 'https':
        if (!splitsHostPort(url.host))
          throw new CliError(`URL address does not have the form "host:port": ${text}`);
        if (url.path !== '') throw new CliError(`URL must not contain a path: ${text}`);
        break;
      case 'unix':
      case 'unixs':
        break;
      default:
        throw new CliError(`URL scheme must be http, https, unix, or unixs: ${text}`);
    }
  }
}
