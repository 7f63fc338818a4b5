// The completion engine: where the cursor is and what goes there, against the real command tree
// (whatever commands it has today) and against small trees built here.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { EctlCommand } from '../../src/cli/command.js';
import { completeWords } from '../../src/cli/completion/engine.js';
import { choices, Directive, live } from '../../src/cli/completion/types.js';
import { bufferIo } from '../helpers/io.js';

const program = await buildProgram(bufferIo().io);
const values = (words: string[], root = program) =>
  completeWords(root, words).candidates.map((c) => c.value);

/** A tree of its own, to show that completion follows whatever the tree holds. */
function tree(): EctlCommand {
  const root = new EctlCommand('ectl');
  root.command('help').description('Help about any command');
  const lease = root.command('lease').description('Lease commands');
  lease.command('grant').description('Creates leases');
  lease.command('revoke').description('Revokes leases');
  root
    .command('gizmo')
    .description('A command registered later')
    .flag({ name: 'colour', kind: 'string', default: '', usage: 'paint', complete: choices('red') })
    .completeArgs(choices('one', 'two'), live('members'));
  return root;
}

describe('commands', () => {
  it('offers every visible top-level command of the tree, with its description', () => {
    const r = completeWords(program, ['']);
    const hidden = (c: EctlCommand) => (c as unknown as { _hidden: boolean })._hidden;
    const names = program.subs.filter((c) => !hidden(c)).map((c) => c.name());
    expect(r.candidates.map((c) => c.value)).toEqual(names);
    expect(r.candidates.find((c) => c.value === 'get')?.description).toBe(
      'Gets the key or a range of keys',
    );
    expect(r.directive).toBe(Directive.NoFileComp);
    expect(values(['ver'])).toEqual(['version']);
    expect(values(['c'])).toEqual(names.filter((n) => n.startsWith('c')));
  });

  it('follows commands added to the tree: sub-commands, their flags and arguments', () => {
    const root = tree();
    expect(values([''], root)).toEqual(['help', 'lease', 'gizmo']);
    expect(values(['gi'], root)).toEqual(['gizmo']);
    expect(values(['lease', ''], root)).toEqual(['grant', 'revoke']);
    expect(values(['lea', 'r'], root)).toEqual(['revoke']);
    expect(values(['gizmo', '--colou'], root)).toEqual(['--colour']);
    expect(values(['gizmo', '--colour', ''], root)).toEqual(['red']);
    expect(values(['gizmo', ''], root)).toEqual(['one', 'two']);
    expect(completeWords(root, ['gizmo', 'one', '']).live?.source).toBe('members');
    expect(completeWords(root, ['lease', 'revoke', '']).live?.source).toBe('leases');
  });

  it('offers nothing after an unknown command', () => {
    expect(completeWords(program, ['nosuch', ''])).toEqual({
      candidates: [],
      directive: Directive.NoFileComp,
    });
  });
});

describe('flags', () => {
  it('offers local and global flags, shorthands for a lone dash, not those already given', () => {
    const all = values(['get', '-']);
    expect(all).toEqual(expect.arrayContaining(['--prefix', '--endpoints', '-w', '--help', '-h']));
    expect(values(['get', '--pre'])).toEqual(['--prefix']);
    expect(values(['get', '--prefix', '--pre'])).toEqual([]);
    // A slice flag may be repeated.
    expect(values(['--endpoints', 'a', 'get', '--endp'])).toEqual(['--endpoints']);
    expect(values(['get', '--'])).not.toContain('-w');
  });

  it('offers the values of -w, --consistency, --order and --sort-by', () => {
    expect(values(['get', '-w', ''])).toEqual(['fields', 'json', 'protobuf', 'simple', 'table']);
    expect(values(['-w', 'j'])).toEqual(['json']);
    expect(values(['get', '--consistency', ''])).toEqual(['l', 's']);
    expect(values(['get', '--order', ''])).toEqual(['ASCEND', 'DESCEND']);
    expect(values(['get', '--sort-by', 'M'])).toEqual(['MODIFY']);
  });

  it('completes values written into the flag word: --flag=value and -wvalue', () => {
    expect(values(['get', '--write-out=pro'])).toEqual(['--write-out=protobuf']);
    expect(values(['get', '-wj'])).toEqual(['-wjson']);
    expect(values(['get', '-w=s'])).toEqual(['-w=simple']);
    expect(values(['get', '--nosuch='])).toEqual([]);
  });

  it('leaves file names to the shell for TLS files', () => {
    expect(completeWords(program, ['--cacert', ''])).toEqual({
      candidates: [],
      directive: Directive.Default,
    });
  });

  it('asks for live lease IDs for put --lease, keeping what precedes the value', () => {
    const r = completeWords(program, ['put', 'k', 'v', '--lease=69']);
    expect(r.live).toMatchObject({ source: 'leases', prefix: '69', insertBefore: '--lease=' });
  });
});

describe('positional arguments', () => {
  it('asks for live keys with the prefix typed, and the flags given so far', () => {
    const r = completeWords(program, ['--endpoints', '127.0.0.1:1', 'get', 'app/']);
    expect(r.live).toMatchObject({ source: 'keys', prefix: 'app/', insertBefore: '' });
    expect(r.live?.flags.strings('endpoints')).toEqual(['127.0.0.1:1']);
    expect(completeWords(program, ['get', 'a', '']).live?.source).toBe('keys');
    expect(completeWords(program, ['get', 'a', 'b', '']).live).toBeUndefined();
    expect(completeWords(program, ['put', 'k', '']).live).toBeUndefined();
    expect(completeWords(program, ['del', '--prefix', '']).live?.source).toBe('keys');
  });

  it('treats a word after -- as an argument, even with a dash', () => {
    expect(completeWords(program, ['put', '--', '-k']).live?.prefix).toBe('-k');
  });

  it('keeps going past a flag it cannot parse', () => {
    expect(completeWords(program, ['get', '--nosuch', '--limit', 'x', 'ke']).live?.prefix).toBe(
      'ke',
    );
    expect(values(['--bogus', 'ver'])).toEqual(['version']);
  });

  it('completes help with commands at each level and help topics', () => {
    expect(values(['help', ''])).toEqual(
      expect.arrayContaining(['get', 'version', 'exit-codes', 'environment']),
    );
    expect(values(['help', 'env'])).toEqual(['environment']);
    const root = tree();
    expect(values(['help', 'lease', ''], root)).toEqual(['grant', 'revoke']);
  });

  it('completes the shells of completion', () => {
    expect(values(['completion', ''])).toEqual(['bash', 'zsh', 'fish', 'powershell']);
  });
});
