// watch's argument rules (etcdctl's parseWatchArgs and getWatchChan), the -i line tokenizer and
// line parser, and the ETCD_WATCH_* values of the exec command.
import { describe, expect, it } from 'vitest';
import {
  splitWatchArgs,
  watchEnv,
  watchFlags,
  watchOptions,
  watchSpec,
} from '../../src/commands/etcdctl/watch/args.js';
import { lookPath } from '../../src/exec/exec-command.js';
import { eventEnv, goQuoteList } from '../../src/commands/etcdctl/watch/exec.js';
import { argify, parseWatchLine } from '../../src/commands/etcdctl/watch/interactive.js';
import { parseArgv } from '../../src/cli/argv.js';

const noEnv = { key: '', range: '' };
const opts = { prefix: false, rev: 0n, prevKv: false, progressNotify: false };
const node = { names: ['watch'], subs: [], localFlags: watchFlags };
const bytes = (s: string) => Buffer.from(s, 'latin1');
/** A spec with its byte fields as latin1 strings, for comparison. */
const shown = (spec: ReturnType<typeof watchSpec>) => ({
  ...spec,
  key: Buffer.from(spec.key).toString('latin1'),
  range_end: Buffer.from(spec.range_end).toString('latin1'),
});

/** splitWatchArgs on a command line as the parser sees it. */
function split(argv: string[], env = noEnv) {
  const p = parseArgv(argv, node, []);
  return splitWatchArgs(p.args, p.flags.argsLenAtDash, env, argv.length === 0);
}

describe('watch arguments', () => {
  it('key, range end, and the command after --', () => {
    expect(split(['foo'])).toEqual({ watchArgs: ['foo'], execArgs: [] });
    expect(split(['a', 'c', '--rev', '3'])).toEqual({ watchArgs: ['a', 'c'], execArgs: [] });
    expect(split(['foo', '--', 'echo', 'foo', '--', 'x'])).toEqual({
      watchArgs: ['foo'],
      execArgs: ['echo', 'foo', '--', 'x'],
    });
    // etcdctl finds the end of the key arguments by searching for the command's first word from
    // the end, so `watch foo -- echo echo` watches [foo, echo); ectl counts.
    expect(split(['foo', '--', 'echo', 'echo']).watchArgs).toEqual(['foo']);
  });

  it("etcdctl's errors, exit 128", () => {
    expect(() => split([])).toThrow(/^bad number of arguments$/);
    expect(() => split(['foo', '--'])).toThrow('(found separator --, but no commands)');
    const env = { key: 'k', range: '' };
    expect(() => split(['foo'], env)).toThrow('(found conflicting environment key)');
    expect(() => split(['foo', '--', 'echo'], env)).toThrow('(found conflicting environment key)');
    expect(split(['--', 'echo'], env)).toEqual({ watchArgs: ['k'], execArgs: ['echo'] });
    expect(split([], { key: 'k', range: 'z' }).watchArgs).toEqual(['k', 'z']);
    expect(() => watchEnv({ ETCDCTL_WATCH_RANGE_END: 'w"z' })).toThrow(
      'ETCDCTL_WATCH_KEY is empty but got ETCDCTL_WATCH_RANGE_END="w\\"z"',
    );
    expect(watchEnv({ ETCDCTL_WATCH_KEY: '', ETCDCTL_WATCH_RANGE_END: '' })).toEqual(noEnv);
  });

  it('the create request: ranges as get builds them, a third argument drops the range end', () => {
    expect(shown(watchSpec(['a', 'c'], { ...opts, rev: 5n, prevKv: true }))).toEqual({
      key: 'a',
      range_end: 'c',
      start_revision: 5n,
      prev_kv: true,
      progress_notify: false,
    });
    expect(shown(watchSpec(['a', 'c', 'x'], opts)).range_end).toBe('');
    expect(shown(watchSpec(['pfx/'], { ...opts, prefix: true })).range_end).toBe('pfx0');
    expect(shown(watchSpec([''], { ...opts, prefix: true }))).toMatchObject({
      key: '\x00',
      range_end: '\x00',
    });
    expect(() => watchSpec(['a', 'c'], { ...opts, prefix: true })).toThrow(
      '`range_end` and `--prefix` are mutually exclusive',
    );
    expect(() => watchSpec([], opts)).toThrow('bad number of arguments');
  });
});

describe('watch -i lines', () => {
  it('Argify: quoted strings, literal single quotes, words; lone quotes skipped', () => {
    expect(argify(bytes('watch  --prefix "a b"c \'x y\' d"e"'))).toEqual([
      'watch',
      '--prefix',
      'a b',
      'c',
      'x y',
      'd"e"',
    ]);
    expect(argify(bytes('watch "ab'))).toEqual(['watch', 'ab']);
    expect(argify(bytes('watch "\\x41\\u00e9\\n"'))).toEqual(['watch', 'A\u00e9\n']);
    expect(argify(bytes(' \t '))).toEqual([]);
    expect(() => argify(bytes('watch "a\\qb"'))).toThrow('invalid syntax');
  });

  it('flags come from the line; errors in the flags or counts are fatal', () => {
    const line = parseWatchLine(['--rev', '3', 'a', 'b', '--', 'echo', 'hi'], noEnv);
    expect(line.watchArgs).toEqual(['a', 'b']);
    expect(line.execArgs).toEqual(['echo', 'hi']);
    expect(line.flags.int('rev')).toBe(3n);
    expect(watchOptions(line.flags)).toEqual({ ...opts, rev: 3n });
    expect(watchOptions(parseWatchLine(['--progress-notify', 'k'], noEnv).flags)).toEqual({
      ...opts,
      progressNotify: true,
    });
    expect(() => parseWatchLine(['--bogus', 'k'], noEnv)).toThrow('unknown flag: --bogus');
    expect(() => parseWatchLine(['--prefix'], noEnv)).toThrow(/^bad number of arguments$/);
    expect(() => parseWatchLine(['k', '--'], noEnv)).toThrow('found separator --');
    expect(() => parseWatchLine(['k'], { key: 'e', range: '' })).toThrow('conflicting');
    // With a command, etcdctl puts the variable's key in front of the line's key arguments.
    expect(parseWatchLine(['b', '--', 'echo'], { key: 'e', range: '' }).watchArgs).toEqual([
      'e',
      'b',
    ]);
    expect(() => parseWatchLine(['-h'], noEnv)).toThrow('pflag: help requested');
  });
});

describe('watch exec command', () => {
  it('ETCD_WATCH_* values are Go-quoted, quotes included', () => {
    const ev = { type: 0, kv: { key: bytes('k'), value: bytes('a"b\nc\xff\t') } };
    expect(eventEnv(12n, ev as never)).toEqual({
      ETCD_WATCH_REVISION: '12',
      ETCD_WATCH_EVENT_TYPE: '"PUT"',
      ETCD_WATCH_KEY: '"k"',
      ETCD_WATCH_VALUE: '"a\\"b\\nc\\xff\\t"',
    });
    expect(eventEnv(13n, { type: 1, kv: { key: bytes('k') } } as never).ETCD_WATCH_VALUE).toBe(
      '""',
    );
    expect(goQuoteList(['sh', '-c', 'exit 7'])).toBe('["sh" "-c" "exit 7"]');
  });

  it("exec.Command's lookup: PATH, names with a slash as given, Go's error texts", () => {
    expect(lookPath('sh', '/nonexistent:/bin:/usr/bin')).toEqual({ path: '/bin/sh' });
    expect(lookPath('./x', '')).toEqual({ path: './x' });
    expect(lookPath('nosuchcmd', '/bin')).toEqual({
      error: 'exec: "nosuchcmd": executable file not found in $PATH',
    });
  });
});
