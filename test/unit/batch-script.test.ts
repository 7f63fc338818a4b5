// ectl batch's script reading: POSIX word splitting (quotes, backslashes, comments, refused
// operators), lines continued by an open quote, txn bodies, and the checks made before anything
// runs (connection flags, commands that need a terminal), each naming its line.
import { describe, expect, it } from 'vitest';
import { quoteShellWord, splitShellWords } from '../../src/input/shell-words.js';
import { parseScript } from '../../src/commands/ectl/batch/script.js';
import { globalWords } from '../../src/commands/ectl/batch/run-steps.js';
import { buildProgram } from '../../src/commands/index.js';
import { globalFlags } from '../../src/cli/globals.js';
import { parseArgv } from '../../src/cli/argv.js';
import { bufferIo } from '../helpers/io.js';

const program = await buildProgram(bufferIo().io);
const script = (text: string) => parseScript(text, program, globalFlags);

describe('splitShellWords', () => {
  it.each([
    ['put a b', ['put', 'a', 'b']],
    ['  put\ta   b  ', ['put', 'a', 'b']],
    [`put k 'two words'`, ['put', 'k', 'two words']],
    [`put k "two words"`, ['put', 'k', 'two words']],
    [`put k 'it'\\''s'`, ['put', 'k', "it's"]],
    [`put k "a \\"q\\" \\\\ \\$x \\n"`, ['put', 'k', 'a "q" \\ $x \\n']],
    [`put k a\\ b`, ['put', 'k', 'a b']],
    [`put k \\'`, ['put', 'k', "'"]],
    [`put k ''`, ['put', 'k', '']],
    [`put k ""x`, ['put', 'k', 'x']],
    [`put k a"b c"'d e'`, ['put', 'k', 'ab cd e']],
    ['put k $HOME *', ['put', 'k', '$HOME', '*']],
    ['# a comment', []],
    ['put k v # a comment', ['put', 'k', 'v']],
    ['put k v#not-a-comment', ['put', 'k', 'v#not-a-comment']],
    ["put k '#quoted'", ['put', 'k', '#quoted']],
    ['', []],
    ['put k "a|b;c>d"', ['put', 'k', 'a|b;c>d']],
    ["put k 'multi\nline'", ['put', 'k', 'multi\nline']],
    ['put k a\\\nb', ['put', 'k', 'ab']],
  ])('%j', (line, words) => {
    expect(splitShellWords(line)).toEqual({ words });
  });

  it.each([
    ["put k 'open", "'"],
    ['put k "open', '"'],
    ['put k \\', '\\'],
  ])('%j stays open with %s', (line, open) => {
    expect(splitShellWords(line).open).toBe(open);
  });

  it.each(['get a | head', 'put a b > out', 'put a b; put c d', 'put a `x`', 'get a &'])(
    'refuses the unquoted operator in %j',
    (line) => {
      expect(() => splitShellWords(line)).toThrow(/unquoted '.': lines are not shell commands/);
    },
  );

  it('quotes a word back so that splitting gives it unchanged', () => {
    for (const w of ['plain', '', 'two words', "it's", 'a"b', '$x', 'new\nline', '#c'])
      expect(splitShellWords(`put ${quoteShellWord(w)}`).words).toEqual(['put', w]);
  });
});

describe('parseScript', () => {
  it('numbers the lines and skips blank lines and comments', () => {
    expect(script('# header\n\nput a 1\n   \nget a -w json # why\n')).toEqual([
      { line: 3, argv: ['put', 'a', '1'], cmd: 'put' },
      { line: 5, argv: ['get', 'a', '-w', 'json'], cmd: 'get' },
    ]);
  });

  it('continues a line whose quote is open, numbered by its first line', () => {
    expect(script("put k 'one\ntwo'\nget k\n")).toEqual([
      { line: 1, argv: ['put', 'k', 'one\ntwo'], cmd: 'put' },
      { line: 3, argv: ['get', 'k'], cmd: 'get' },
    ]);
    expect(() => script("get a\nput k 'never closed\n")).toThrow(
      "line 2: the ' quote is never closed",
    );
  });

  it('gives a txn the lines up to and including the blank line that ends its failure requests', () => {
    const steps = script('txn -w json\nmod("k") > "0"\n\nput k v\n\nget k\n\nget k\n');
    expect(steps).toEqual([
      {
        line: 1,
        argv: ['txn', '-w', 'json'],
        cmd: 'txn',
        stdin: Buffer.from('mod("k") > "0"\n\nput k v\n\nget k\n\n'),
      },
      { line: 8, argv: ['get', 'k'], cmd: 'get' },
    ]);
    // A script that ends inside the transaction gives it what there is (txn then says EOF).
    expect(script('txn\nput a b\n')[0]!.stdin).toEqual(Buffer.from('put a b\n'));
  });

  it.each([
    ['watch foo', 'watch runs until interrupted: a batch cannot run it'],
    ['lock name', 'lock holds the lock until interrupted: a batch cannot run it'],
    ['elect -l e', 'elect campaigns or observes until interrupted: a batch cannot run it'],
    ['lease keep-alive 1234', 'lease keep-alive runs until interrupted'],
    ['txn -i', 'txn -i needs a terminal (use ectl shell)'],
    ['txn --interactive', 'txn -i needs a terminal (use ectl shell)'],
    ['batch other.ectl', 'batch cannot run inside a batch: a batch cannot run it'],
    ['make-mirror 127.0.0.1:1', 'make-mirror runs until interrupted'],
    ['get --endpoints 127.0.0.1:1 k', '--endpoints is a connection flag'],
    ['--user root get k', '--user is a connection flag'],
    ['put --password=x k v', '--password is a connection flag'],
    ['get --dial-timeout 1s k', '--dial-timeout is a connection flag'],
    ['get --bogus --cacert ca.pem k', '--cacert is a connection flag'],
    ['get -d example.com k', '--discovery-srv is a connection flag'],
  ])('refuses %j before anything runs, naming the line', (line, why) => {
    expect(() => script(`put a 1\n${line}\n`)).toThrow(`line 2: ${why}`);
  });

  it('runs the commands that end by themselves', () => {
    for (const line of [
      'lease keep-alive --once 1234',
      'get k --command-timeout 3s',
      'get k --strict -o json',
      'put -- k -v',
      'get --help',
      'nosuchcommand',
    ])
      expect(script(line)).toHaveLength(1);
  });
});

describe('globalWords', () => {
  it("repeats the batch line's global flags in a form the parser reads back the same", () => {
    const argv = [
      '--endpoints=a:1,b:2',
      '--dial-timeout',
      '1m30s',
      '-w',
      'json',
      '--hex',
      '--max-recv-bytes',
      '0x10',
      'batch',
      '--keep-going',
    ];
    const words = globalWords(parseArgv(argv, program, globalFlags).flags, globalFlags);
    expect(words).toEqual([
      '--endpoints=a:1,b:2',
      '--write-out=json',
      '--hex=true',
      '--dial-timeout=1m30s',
      '--max-recv-bytes=16',
    ]);
    const again = parseArgv([...words, 'get', 'k'], program, globalFlags).flags;
    expect(again.strings('endpoints')).toEqual(['a:1', 'b:2']);
    expect(again.int('dial-timeout')).toBe(90_000_000_000n);
  });
});
