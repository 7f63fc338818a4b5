// The arguments of member add/remove/update/promote and move-leader, and the client's
// peer-URL check with Go's url.Parse texts. Every expected text was printed by etcdctl 3.4.23 (same
// code in main), except that main no longer checks host:port and path of unix(s) URLs.
import { describe, expect, it } from 'vitest';
import {
  checkPeerUrls,
  memberIdArg,
  memberNameArg,
  parseMemberId,
  peerUrlsFlag,
  transfereeArg,
} from '../../src/input/member-args.js';
import { memberAddFlags, memberAddRequest } from '../../src/commands/etcdctl/member/add.js';
import {
  memberUpdateFlags,
  memberUpdateRequest,
} from '../../src/commands/etcdctl/member/update.js';
import { ParsedFlags } from '../../src/cli/flagspec.js';
import { parseGoUrl, splitsHostPort } from '../../src/go/url.js';
import { failure } from '../helpers/failure.js';

// Parsed flags as the parser leaves them: every flag has a value, the given ones are changed.
const flags = (values: Record<string, string | boolean>) => {
  const all = { 'peer-urls': '', learner: false, ...values };
  return new ParsedFlags(new Map(Object.entries(all)), new Set(Object.keys(values)));
};

describe('member IDs', () => {
  it('parse as unsigned hex (strconv.ParseUint(s, 16, 64))', () => {
    expect(parseMemberId('8e9e05c52164694d')).toBe(0x8e9e05c52164694dn);
    expect(parseMemberId('ABC')).toBe(0xabcn);
    expect(parseMemberId('ffffffffffffffff')).toBe(2n ** 64n - 1n);
  });

  it.each([
    ['zz', 'invalid syntax'],
    ['-1', 'invalid syntax'],
    ['0x12', 'invalid syntax'],
    [' 12', 'invalid syntax'],
    ['', 'invalid syntax'],
    ['10000000000000000', 'value out of range'],
  ])('%j: bad member ID arg, exit 128', (arg, why) => {
    expect(failure(() => memberIdArg([arg]))).toEqual([
      `bad member ID arg (strconv.ParseUint: parsing ${JSON.stringify(arg)}: ${why}), expecting ID in Hex`,
      128,
      undefined,
    ]);
  });

  it('anything but one argument is "member ID is not provided"', () => {
    for (const args of [[], ['1', '2']])
      expect(failure(() => memberIdArg(args))).toEqual([
        'member ID is not provided',
        128,
        undefined,
      ]);
  });

  it('move-leader: its own count text, the bare strconv text for a bad ID', () => {
    expect(transfereeArg(['20296c5dda03e2db'])).toBe(0x20296c5dda03e2dbn);
    expect(failure(() => transfereeArg([]))[0]).toBe('move-leader command needs 1 argument');
    expect(failure(() => transfereeArg(['zz']))).toEqual([
      'strconv.ParseUint: parsing "zz": invalid syntax',
      128,
      undefined,
    ]);
  });
});

describe('member add and update arguments', () => {
  it('add: name required, one only; URL-looking extras get a hint each', () => {
    expect(memberNameArg(['m4'])).toBe('m4');
    expect(failure(() => memberNameArg([]))[0]).toBe('member name not provided');
    expect(failure(() => memberNameArg(['x', 'y']))[0]).toBe('too many arguments');
    expect(failure(() => memberNameArg(['x', 'http://a', 'HTTPS://b', 'c']))).toEqual([
      'too many arguments, did you mean --peer-urls=http://a, did you mean --peer-urls=HTTPS://b',
      128,
      undefined,
    ]);
  });

  it('--peer-urls: required, split at commas, kept as typed', () => {
    expect(failure(() => peerUrlsFlag(''))).toEqual([
      'member peer urls not provided',
      128,
      undefined,
    ]);
    expect(peerUrlsFlag('http://a:1, http://b:2')).toEqual(['http://a:1', ' http://b:2']);
    expect(peerUrlsFlag(',')).toEqual(['', '']);
  });

  it('request builders: the name is checked before the URLs, the ID before the URLs', () => {
    const add = memberAddFlags.read(flags({ 'peer-urls': 'http://a:1', learner: true }));
    expect(memberAddRequest(['m4'], add)).toEqual({
      name: 'm4',
      req: { peerURLs: ['http://a:1'], isLearner: true },
    });
    const none = memberAddFlags.read(flags({}));
    expect(failure(() => memberAddRequest([], none))[0]).toBe('member name not provided');
    const upd = memberUpdateFlags.read(flags({}));
    expect(failure(() => memberUpdateRequest(['zz'], upd))[0]).toMatch(/^bad member ID arg/);
    expect(failure(() => memberUpdateRequest(['12'], upd))[0]).toBe(
      'member peer urls not provided',
    );
    const u = memberUpdateFlags.read(flags({ 'peer-urls': 'http://a:1' }));
    expect(memberUpdateRequest(['12'], u)).toEqual({ ID: 0x12n, peerURLs: ['http://a:1'] });
  });
});

describe('peer URL check (types.NewURLs), exit 1', () => {
  it.each([
    ['http://127.0.0.1:2380'],
    ['https://[::1]:2380'],
    [' http://10.0.0.4:2380 '], // trimmed before the check
    ['http://host:'], // an empty port splits
    ['http://h:1?x=1#frag'],
    ['unix://any/path'], // main: no host:port or path check for unix(s) (3.4 had one)
    ['unixs:sock'],
    ['http://[fe80::1%25en0]:1'],
    ['http://é:1'],
    ['HTTP://h:1'], // Go lower-cases the scheme
  ])('%j is accepted', (url) => {
    expect(() => checkPeerUrls([url])).not.toThrow();
  });

  it.each([
    ['ftp://1.2.3.4:5', 'URL scheme must be http, https, unix, or unixs: ftp://1.2.3.4:5'],
    ['', 'URL scheme must be http, https, unix, or unixs: '],
    ['localhost:2380', 'URL scheme must be http, https, unix, or unixs: localhost:2380'],
    ['http://1.2.3.4', 'URL address does not have the form "host:port": http://1.2.3.4'],
    ['http:1.2.3.4:5', 'URL address does not have the form "host:port": http:1.2.3.4:5'],
    ['http://a:1:2', 'URL address does not have the form "host:port": http://a:1:2'],
    ['http://[::1]x:1', 'parse "http://[::1]x:1": invalid port "x:1" after host'],
    ['http://[fe80::1%en0]:1', 'parse "http://[fe80::1%en0]:1": invalid URL escape "%en"'],
    ['http://h:1/%41', 'URL must not contain a path: http://h:1/%41'],
    ['http://1.2.3.4:5/p', 'URL must not contain a path: http://1.2.3.4:5/p'],
    ['http://1.2.3.4:5/', 'URL must not contain a path: http://1.2.3.4:5/'],
    ['http://[::1', `parse "http://[::1": missing ']' in host`],
    ['1.2.3.4:5', 'parse "1.2.3.4:5": first path segment in URL cannot contain colon'],
    ['://x', 'parse "://x": missing protocol scheme'],
    ['http://a b:1', 'parse "http://a b:1": invalid character " " in host name'],
    ['http://h:1/%zz', 'parse "http://h:1/%zz": invalid URL escape "%zz"'],
    ['http://%41:1', 'parse "http://%41:1": invalid URL escape "%41"'],
    ['http://h\t:1', 'parse "http://h\\t:1": net/url: invalid control character in URL'],
    ['http://u^v@h:1', 'parse "http://u^v@h:1": net/url: invalid userinfo'],
    ['http://h:1#%z', 'parse "http://h:1#%z": invalid URL escape "%z"'],
  ])('%j: %s', (url, text) => {
    expect(failure(() => checkPeerUrls([url]))).toEqual([text, 1, undefined]);
  });

  it('stops at the first bad URL of the list', () => {
    expect(failure(() => checkPeerUrls(['http://a:1', 'ftp://b', 'http://c']))[0]).toBe(
      'URL scheme must be http, https, unix, or unixs: ftp://b',
    );
  });

  it('Go url.Parse parts and net.SplitHostPort', () => {
    expect(parseGoUrl('http://u:p@h:1/a%20b?q#f')).toEqual({
      scheme: 'http',
      opaque: '',
      host: 'h:1',
      path: '/a b',
    });
    expect(parseGoUrl('unix:sock').opaque).toBe('sock');
    for (const ok of ['h:1', '[::1]:1', ':1', 'h:']) expect(splitsHostPort(ok)).toBe(true);
    for (const bad of ['h', '::1', '[::1]', '[::1]x:1', 'a:b:c', '[a]:1]']) {
      expect(splitsHostPort(bad)).toBe(false);
    }
  });
});
