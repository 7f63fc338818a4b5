// ectl edit's pure parts: the editor's argv (Git's rules), the kind a value keeps, hex round trips,
// the comment block above a re-opened value, the file name, and the guarded write's Txn.
import { describe, expect, it } from 'vitest';
import { editorArgv, editorCommand } from '../../src/exec/editor.js';
import * as t from '../../src/commands/ectl/edit/edit-text.js';
import { tempName } from '../../src/commands/ectl/edit/edit.js';
import { conflictText, editTxn } from '../../src/commands/ectl/edit/edit-write.js';

const kv = (mod: bigint) => ({
  key: new Uint8Array(),
  value: new Uint8Array(),
  create_revision: 1n,
  mod_revision: mod,
  version: 1n,
  lease: 0n,
});

describe('the editor', () => {
  it('$VISUAL, else $EDITOR, else vi (empty ones skipped)', () => {
    expect(editorCommand({ VISUAL: 'v', EDITOR: 'e' })).toBe('v');
    expect(editorCommand({ VISUAL: '', EDITOR: 'e' })).toBe('e');
    expect(editorCommand({})).toBe('vi');
  });

  it('a plain name runs directly; shell syntax through sh -c with the file as "$@"', () => {
    expect(editorArgv('vim', '/t/f')).toEqual(['vim', '/t/f']);
    expect(editorArgv('/usr/bin/nano', '/t/f')).toEqual(['/usr/bin/nano', '/t/f']);
    expect(editorArgv('code --wait', '/t/f')).toEqual([
      '/bin/sh',
      '-c',
      'code --wait "$@"',
      'code --wait',
      '/t/f',
    ]);
    expect(editorArgv("'/my editor/ed'", '/t/f')[2]).toBe(`'/my editor/ed' "$@"`);
  });
});

describe('the edited text', () => {
  it('keeps the kind of the value', () => {
    expect(t.kindOf('{"a":1}')).toBe('json');
    expect(t.kindOf('42')).toBe('json');
    expect(t.kindOf('a: 1\nb: [x]\n')).toBe('yaml');
    expect(t.kindOf('- x\n- y\n')).toBe('yaml');
    expect(t.kindOf('just words')).toBe('text');
    expect(t.kindOf('')).toBe('text');
    expect(t.kindOf('key: [unclosed')).toBe('text');
  });

  it('says why an edit is invalid', () => {
    expect(t.invalidBecause('json', '{"a":')).toMatch(/^not valid JSON: /);
    expect(t.invalidBecause('json', '{"a":2}')).toBeUndefined();
    expect(t.invalidBecause('yaml', 'a: [\n')).toMatch(/^not valid YAML: /);
    expect(t.invalidBecause('yaml', 'a: 2\n')).toBeUndefined();
    expect(t.invalidBecause('text', '{')).toBeUndefined();
    expect(t.invalidBecause('hex', 'ff 0')).toMatch(/^not valid hex/);
    expect(t.invalidBecause('hex', 'zz')).toMatch(/^not valid hex/);
    expect(t.invalidBecause('hex', 'ff 00\n01')).toBeUndefined();
  });

  it('round-trips hex, 16 bytes a line', () => {
    const bytes = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    const hex = t.toHex(bytes);
    expect(hex.split('\n')).toHaveLength(3);
    expect(hex.startsWith('00 0d 1a 27')).toBe(true);
    expect(t.fromHex(hex)).toEqual(bytes);
    expect(t.toHex(new Uint8Array())).toBe('');
  });

  it('strips the comment block it added, and only that', () => {
    const shown = t.withHeader(['Error: bad', 'Fix it'], '{"a":1}');
    expect(shown).toBe(
      '# Error: bad\n# Fix it\n# ---- ectl: everything above this line is ignored ----\n{"a":1}',
    );
    expect(t.stripHeader(shown)).toBe('{"a":1}');
    expect(t.stripHeader('# a YAML comment\na: 1\n')).toBe('# a YAML comment\na: 1\n');
  });

  it('drops the newline an editor adds when the value had none', () => {
    expect(t.editorNewline('{"a":1}', '{"a":1}\n')).toBe('{"a":1}');
    expect(t.editorNewline('{"a":1}', '{"a":2}\n\n')).toBe('{"a":2}\n');
    expect(t.editorNewline('a\n', 'b\n')).toBe('b\n');
    expect(t.editorNewline('', 'new\n')).toBe('new');
    expect(t.editorNewline('x', 'y')).toBe('y');
  });

  it('names the file after the key with the kind as extension', () => {
    expect(tempName('config/app', 'json')).toBe('app.json');
    expect(tempName('a/b c$d/', 'yaml')).toBe('b_c_d.yaml');
    expect(tempName('', 'text')).toBe('value.txt');
  });
});

describe('the guarded write', () => {
  const key = new TextEncoder().encode('k');
  it('compares mod_revision, keeps the lease; --create compares create_revision with 0', () => {
    const v = new TextEncoder().encode('v');
    expect(editTxn(key, kv(7n), v)).toEqual({
      compare: [{ key, target: 2, result: 0, mod_revision: 7n }],
      success: [{ request_put: { key, value: v, ignore_lease: true } }],
      failure: [{ request_range: { key } }],
    });
    expect(editTxn(key, undefined, v).compare).toEqual([
      { key, target: 1, result: 0, create_revision: 0n },
    ]);
  });

  it("describes a conflict in put --if-*'s words", () => {
    expect(conflictText('k', kv(7n), kv(9n))).toBe('"k" has mod_revision 9, not 7');
    expect(conflictText('k', kv(7n), undefined)).toBe('"k" does not exist');
    expect(conflictText('k', undefined, kv(9n))).toBe('"k" exists (mod_revision 9)');
  });
});
