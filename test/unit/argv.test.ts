// pflag/cobra parsing: the semantics scripts rely on, and the texts of every parse error.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { globalFlags } from '../../src/cli/globals.js';
import { parseArgv } from '../../src/cli/argv.js';
import type { FlagSpec } from '../../src/cli/flagspec.js';
import { bufferIo } from '../helpers/io.js';

const program = await buildProgram(bufferIo().io);

function parse(argv: string[]) {
  const p = parseArgv(argv, program, globalFlags);
  return {
    path: p.path
      .map((c) => c.name())
      .slice(1)
      .join(' '),
    args: p.args,
    flags: p.flags,
    help: p.help,
  };
}

function parseError(argv: string[]): string {
  try {
    parse(argv);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('command finding', () => {
  it.each([
    [['get', 'foo'], 'get', ['foo']],
    [['g', 'foo'], 'get', ['foo']],
    [['pu', 'k', 'v'], 'put', ['k', 'v']],
    [['--endpoints', 'x:1', 'get', 'foo'], 'get', ['foo']],
    [['-w', 'json', 'get', 'foo'], 'get', ['foo']],
    [['--hex', 'get', 'foo'], 'get', ['foo']],
    [['get', '--prefix', 'foo'], 'get', ['foo']],
    [['--endpoints', 'x:1'], '', []],
  ])('%j → %s %j', (argv, path, args) => {
    const p = parse(argv);
    expect(p.path).toBe(path);
    expect(p.args).toEqual(args);
  });
});

describe('unknown commands', () => {
  it.each([[['nosuch', 'x']], [['--nosuch', 'get', 'foo']], [['-5', 'get', 'foo']]])(
    '%j is an unknown command, as cobra finds commands first',
    (argv) => {
      const word = argv[argv.length - 1] === 'x' ? 'nosuch' : 'foo';
      expect(parseError(argv)).toBe(word);
    },
  );
});

describe('flag syntax', () => {
  it('booleans never take the next word: `--hex false foo` is key false, range end foo', () => {
    const p = parse(['get', '--hex', 'false', 'foo']);
    expect(p.args).toEqual(['false', 'foo']);
    expect(p.flags.bool('hex')).toBe(true);
  });
  it('`--flag=false` turns a boolean off', () => {
    expect(parse(['get', '--insecure-transport=false', 'k']).flags.bool('insecure-transport')).toBe(
      false,
    );
  });
  it.each([['-wjson'], ['-w=json'], ['--write-out=json']])('%s', (w) => {
    expect(parse(['get', w, 'k']).flags.string('write-out')).toBe('json');
  });
  it('flags are interspersed with arguments, global and local alike', () => {
    const p = parse(['get', 'a', '--limit', '3', 'b', '-w', 'fields']);
    expect(p.args).toEqual(['a', 'b']);
    expect(p.flags.int('limit')).toBe(3n);
    expect(p.flags.string('write-out')).toBe('fields');
  });
  it('`--` ends flag parsing', () => {
    expect(parse(['put', 'k', '--', '-v', '--prefix']).args).toEqual(['k', '-v', '--prefix']);
  });
  it('string slices split on commas and append when repeated', () => {
    expect(parse(['get', '--endpoints', 'a:1,b:2', 'k']).flags.strings('endpoints')).toEqual([
      'a:1',
      'b:2',
    ]);
    expect(
      parse(['get', '--endpoints', 'a:1', '--endpoints', 'b:2', 'k']).flags.strings('endpoints'),
    ).toEqual(['a:1', 'b:2']);
    expect(parse(['get', 'k']).flags.strings('endpoints')).toEqual(['127.0.0.1:2379']);
  });
  it('integers take Go base prefixes', () => {
    expect(parse(['get', '--limit', '0x10', 'k']).flags.int('limit')).toBe(16n);
    expect(parse(['get', '--limit', '010', 'k']).flags.int('limit')).toBe(8n);
  });
  it('durations use Go syntax', () => {
    expect(parse(['get', '--command-timeout', '1.5s', 'k']).flags.int('command-timeout')).toBe(
      1_500_000_000n,
    );
  });
  it('-h anywhere asks for help', () => {
    expect(parse(['get', 'k', '-h']).help).toBe(true);
    expect(parse(['--help']).help).toBe(true);
  });
  it('changed() tells a default from a given value', () => {
    expect(parse(['get', 'k']).flags.changed('endpoints')).toBe(false);
    expect(parse(['get', 'k', '--endpoints', '127.0.0.1:2379']).flags.changed('endpoints')).toBe(
      true,
    );
  });
});

describe('parse errors carry pflag texts', () => {
  it.each([
    [
      ['get', '--limit', 'abc', 'foo'],
      'invalid argument "abc" for "--limit" flag: strconv.ParseInt: parsing "abc": invalid syntax',
    ],
    [
      ['get', '--command-timeout', 'x', 'k'],
      'invalid argument "x" for "--command-timeout" flag: time: invalid duration "x"',
    ],
    [
      ['get', '--dial-timeout', '1', 'k'],
      'invalid argument "1" for "--dial-timeout" flag: time: missing unit in duration "1"',
    ],
    [
      ['get', '--hex=yes', 'k'],
      'invalid argument "yes" for "--hex" flag: strconv.ParseBool: parsing "yes": invalid syntax',
    ],
    [['get', '--x', 'k'], 'unknown flag: --x'],
    [['get', '-5'], "unknown shorthand flag: '5' in -5"],
    [['get', '-c'], "unknown shorthand flag: 'c' in -c"],
    [['get', 'k', '--limit'], 'flag needs an argument: --limit'],
    [['get', 'k', '-w'], "flag needs an argument: 'w' in -w"],
    [['get', '---x'], 'bad flag syntax: ---x'],
  ])('%j', (argv, message) => {
    expect(parseError(argv)).toBe(message);
  });
});

describe("a command's flags, looked up from a table kept per command", () => {
  const late = () => {
    const node = { names: ['x'], subs: [], localFlags: [] as FlagSpec[] };
    return { node, root: { names: ['r'], subs: [node], localFlags: [] } };
  };

  it('sees a flag the command gains after a parse, with its default when not given', () => {
    const { node, root } = late();
    expect(() => parseArgv(['x', '--late', '1'], root, globalFlags)).toThrow(
      'unknown flag: --late',
    );
    node.localFlags.push({ name: 'late', short: 'L', kind: 'string', default: 'd', usage: '' });
    expect(parseArgv(['x', '-L', '1'], root, globalFlags).flags.string('late')).toBe('1');
    const none = parseArgv(['x'], root, globalFlags).flags;
    expect([none.string('late'), none.changed('late')]).toEqual(['d', false]);
    expect(() => none.string('nosuch')).toThrow('unknown flag --nosuch');
  });

  it("lets a command's own flag win over a global one of the same name or shorthand", () => {
    const { node, root } = late();
    node.localFlags.push({ name: 'hex', short: 'w', kind: 'string', default: '', usage: '' });
    const flags = parseArgv(['x', '--hex', 'abc', '-w', 'q'], root, globalFlags).flags;
    expect(flags.string('hex')).toBe('q');
    expect(parseArgv(['x', '--hex', 'abc'], root, globalFlags).args).toEqual([]);
  });

  it("reads a global's default where a command's own flag of that name is not given", () => {
    const { node, root } = late();
    node.localFlags.push({ name: 'endpoints', kind: 'stringSlice', default: [], usage: '' });
    expect(parseArgv(['x'], root, globalFlags).flags.strings('endpoints')).toEqual([
      '127.0.0.1:2379',
    ]);
    expect(
      parseArgv(['x', '--endpoints', 'a:1'], root, globalFlags).flags.strings('endpoints'),
    ).toEqual(['a:1']);
    // As `config set-context`, whose own --endpoints and --write-out have other defaults.
    const setContext = parse(['config', 'set-context', 'c']).flags;
    expect([setContext.strings('endpoints'), setContext.string('write-out')]).toEqual([
      ['127.0.0.1:2379'],
      'simple',
    ]);
  });

  it('builds its table for the globals each parse gives', () => {
    const { root } = late();
    const extra: FlagSpec = { name: 'extra', kind: 'bool', default: false, usage: '' };
    expect(parseArgv(['x', '--extra'], root, [...globalFlags, extra]).flags.bool('extra')).toBe(
      true,
    );
    expect(() => parseArgv(['x', '--extra'], root, globalFlags)).toThrow('unknown flag: --extra');
  });

  it('keeps the values of a repeated slice flag per parse, not across parses', () => {
    const { node, root } = late();
    node.localFlags.push({ name: 'item', kind: 'stringSlice', default: [], usage: '' });
    const parse = (...argv: string[]) => parseArgv(['x', ...argv], root, globalFlags).flags;
    expect(parse('--item', 'a', '--item', 'b,c').strings('item')).toEqual(['a', 'b', 'c']);
    expect(parse('--item', 'd').strings('item')).toEqual(['d']);
    expect(parse().strings('item')).toEqual([]);
  });
});
