// The shell's pure parts: prefixes as directories (cd, cd .., the prompt), key words taken under
// the current prefix only where a command takes a key, the history's secret filter and file
// path, and ls's grouping of keys into the next level.
import { describe, expect, it } from 'vitest';
import {
  changeDir,
  parentDir,
  positionalIndexes,
  promptFor,
  withRelativeKeys,
} from '../../src/commands/ectl/shell/paths.js';
import { carriesSecret, historyPath } from '../../src/commands/ectl/shell/history.js';
import { LevelCounter, formatLevel } from '../../src/commands/ectl/shell/ls.js';
import { buildProgram } from '../../src/commands/index.js';
import { globalFlags } from '../../src/cli/globals.js';
import { parseArgv } from '../../src/cli/argv.js';
import type { EctlCommand } from '../../src/cli/command.js';
import { bufferIo } from '../helpers/io.js';

const program = await buildProgram(bufferIo().io);

function relative(cwd: string, line: string): string[] {
  const words = line.split(' ');
  const parsed = parseArgv(words, program, globalFlags);
  const leaf = parsed.path[parsed.path.length - 1] as EctlCommand;
  return withRelativeKeys(words, cwd, parsed.path, [...leaf.localFlags, ...globalFlags]);
}

describe('cd', () => {
  it.each([
    ['', '/registry', '/registry/'],
    ['', '/', '/'],
    ['', 'app', 'app/'],
    ['/registry/', 'pods', '/registry/pods/'],
    ['/registry/', 'pods/', '/registry/pods/'],
    ['/registry/pods/', '..', '/registry/'],
    ['/registry/pods/', '../cm', '/registry/cm/'],
    ['/registry/', '..', '/'],
    ['/', '..', ''],
    ['app/', '..', ''],
    ['/registry/', './pods', '/registry/pods/'],
    ['/registry/', '/other', '/other/'],
    ['/registry/', undefined, ''],
    ['/a/', '../../..', ''],
  ])('from %j, cd %j goes to %j', (cwd, arg, to) => {
    expect(changeDir(cwd, arg)).toBe(to);
  });

  it('climbs one level at a time', () => {
    expect(parentDir('/a/b/')).toBe('/a/');
    expect(parentDir('')).toBe('');
  });

  it('shows the prefix in the prompt, the context only when there is one', () => {
    expect(promptFor('')).toBe('ectl > ');
    expect(promptFor('/registry/')).toBe('ectl /registry/> ');
    expect(promptFor('/r/', 'prod')).toBe('ectl [prod] /r/> ');
  });
});

describe('relative keys', () => {
  it.each([
    ['get a', ['get', '/p/a']],
    ['get /abs', ['get', '/abs']],
    ['get a z', ['get', '/p/a', '/p/z']],
    ['get --prefix -w json a', ['get', '--prefix', '-w', 'json', '/p/a']],
    ['get --rev 5 a', ['get', '--rev', '5', '/p/a']],
    ['put k v', ['put', '/p/k', 'v']],
    ['put --lease 1234 k v', ['put', '--lease', '1234', '/p/k', 'v']],
    ['del --prev-kv k', ['del', '--prev-kv', '/p/k']],
    ['watch k -- echo hi', ['watch', '/p/k', '--', 'echo', 'hi']],
    ['lock name', ['lock', '/p/name']],
    ['lease grant 10', ['lease', 'grant', '10']],
    ['member list', ['member', 'list']],
    ['-w json get a', ['-w', 'json', 'get', '/p/a']],
  ])('in /p/, %j runs as %j', (line, argv) => {
    expect(relative('/p/', line)).toEqual(argv);
  });

  it('leaves every word as written at the top', () => {
    expect(relative('', 'get a')).toEqual(['get', 'a']);
  });

  it('finds positional words as pflag does', () => {
    const flags = globalFlags;
    expect(positionalIndexes(['-w', 'json', 'get', 'a'], flags)).toEqual([2, 3]);
    expect(positionalIndexes(['--hex', 'get', '--', '-a'], flags)).toEqual([1, -4]);
  });
});

describe('history', () => {
  it.each([
    ['get --password=x k', true],
    ['--password x get k', true],
    ['get --user root:pw k', true],
    ['get --user=root:pw k', true],
    ['get --auth-jwt-token=t k', true],
    ['user add bob', true],
    ['user passwd bob', true],
    ['get --user root k', false],
    ['user list', false],
    ['put password v', false],
    ["put k 'unclosed --password", true],
  ])('%j carries a secret: %s', (line, secret) => {
    expect(carriesSecret(line)).toBe(secret);
  });

  it('lives under XDG_STATE_HOME, else ~/.local/state', () => {
    expect(historyPath({ XDG_STATE_HOME: '/s', HOME: '/h' })).toBe('/s/ectl/history');
    expect(historyPath({ HOME: '/h' })).toBe('/h/.local/state/ectl/history');
    expect(historyPath({})).toBeUndefined();
  });
});

describe('ls', () => {
  it('groups keys into the next level with counts, keys and prefixes apart', () => {
    const c = new LevelCounter(Buffer.from('/r/'));
    for (const k of ['/r/a', '/r/a/1', '/r/a/2', '/r/b/x/y', '/r/c', '/r/d e/1'])
      c.add(Buffer.from(k));
    expect(c.result()).toEqual([
      { name: 'a', dir: false, keys: 1 },
      { name: 'a/', dir: true, keys: 2 },
      { name: 'b/', dir: true, keys: 1 },
      { name: 'c', dir: false, keys: 1 },
      { name: 'd e/', dir: true, keys: 1 },
    ]);
    expect(formatLevel(c.result())).toBe('a\na/    2 keys\nb/    1 key\nc\nd e/  1 key\n');
  });

  it('shows a name with control characters quoted', () => {
    const c = new LevelCounter(Buffer.from(''));
    c.add(Buffer.from('x\ny'));
    expect(formatLevel(c.result())).toBe('"x\\ny"\n');
  });
});
