// Go's net/url.Parse and net.SplitHostPort, as far as etcd's URL checks (types.NewURLs) look at
// them: the parts they read (scheme, host, path) and, for a URL Go rejects, Go's error text, which
// etcdctl prints verbatim (`parse "http://[::1": missing ']' in host`).
import { GoParseError } from './parse.js';
import { goQuoteString } from './format.js';

/** The parts of a parsed URL that etcd's checks read. */
export interface GoUrl {
  scheme: string;
  opaque: string;
  host: string;
  /** Decoded, as url.URL.Path. */
  path: string;
}

type Mode = 'path' | 'host' | 'zone' | 'userinfo' | 'fragment';

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

// url.shouldEscape for the host modes, the only ones whose unescape rejects plain characters.
function hostMustEscape(c: string): boolean {
  if (isAlnum(c) || `!$&'()*+,;=:[]<>"-_.~`.includes(c)) return false;
  return true;
}

// url.unescape: checks every %XX (and, in a host, the characters allowed) and decodes.
function unescape(s: string, mode: Mode): string {
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (c === '%') {
      if (!isHex(s[i + 1]) || !isHex(s[i + 2])) {
        throw new Error(`invalid URL escape ${goQuoteString(s.slice(i, i + 3))}`);
      }
      const esc = s.slice(i, i + 3);
      if (mode === 'host' && parseInt(s[i + 1]!, 16) < 8 && esc !== '%25')
        throw new Error(`invalid URL escape ${goQuoteString(esc)}`);
      if (mode === 'zone') {
        const v = String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
        if (esc !== '%25' && v !== ' ' && hostMustEscape(v))
          throw new Error(`invalid URL escape ${goQuoteString(esc)}`);
      }
      i += 3;
      continue;
    }
    if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && hostMustEscape(c))
      throw new Error(`invalid character ${goQuoteString(c)} in host name`);
    i++;
  }
  // Decoding as bytes, then as UTF-8: only the path's emptiness is ever looked at.
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

// url.getScheme: `[a-zA-Z][a-zA-Z0-9+-.]*:` or no scheme at all.
function getScheme(raw: string): [scheme: string, rest: string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new Error('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

const validOptionalPort = (p: string): boolean => p === '' || /^:[0-9]*$/.test(p);

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new Error("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort))
      throw new Error(`invalid port ${goQuoteString(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      return (
        unescape(host.slice(0, zone), 'host') +
        unescape(host.slice(zone, i), 'zone') +
        unescape(host.slice(i), 'host')
      );
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0 && !validOptionalPort(host.slice(i)))
      throw new Error(`invalid port ${goQuoteString(host.slice(i))} after host`);
  }
  return unescape(host, 'host');
}

// url.validUserinfo: RFC 3986's userinfo characters (and '@', which Go tolerates).
const validUserinfo = (s: string): boolean => /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);

function parseAuthority(authority: string): string {
  const at = authority.lastIndexOf('@');
  const host = parseHost(authority.slice(at + 1));
  if (at < 0) return host;
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) throw new Error('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  const parts = colon < 0 ? [userinfo] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)];
  for (const part of parts) unescape(part, 'userinfo');
  return host;
}

function parse(raw: string): GoUrl {
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error('net/url: invalid control character in URL');
  const url: GoUrl = { scheme: '', opaque: '', host: '', path: '' };
  if (raw === '*') return { ...url, path: '*' };
  const [scheme, afterScheme] = getScheme(raw);
  let rest = afterScheme;
  url.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else rest = rest.split('?', 1)[0]!;
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { ...url, opaque: rest };
    if (rest.split('/', 1)[0]!.includes(':'))
      throw new Error('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    url.host = parseAuthority(authority);
  }
  url.path = unescape(rest, 'path');
  return url;
}

/** Go's url.Parse; throws GoParseError with Go's text (`parse "<url>": <why>`). */
export function parseGoUrl(raw: string): GoUrl {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  let url: GoUrl;
  try {
    url = parse(u);
  } catch (err) {
    throw new GoParseError(`parse ${goQuoteString(u)}: ${(err as Error).message}`);
  }
  if (hash >= 0) {
    try {
      unescape(raw.slice(hash + 1), 'fragment');
    } catch (err) {
      throw new GoParseError(`parse ${goQuoteString(raw)}: ${(err as Error).message}`);
    }
  }
  return url;
}

/** Whether Go's net.SplitHostPort accepts `hostport` (`host:port`, `[v6]:port`). */
export function splitsHostPort(hostport: string): boolean {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return false;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0 || end + 1 !== i) return false;
    j = 1;
    k = end + 1;
  } else if (hostport.slice(0, i).includes(':')) {
    return false;
  }
  return !hostport.slice(j).includes('[') && !hostport.slice(k).includes(']');
}
