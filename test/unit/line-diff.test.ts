// The line diff (Myers) and its unified rendering, checked against what `diff -u` prints.
import { describe, expect, it } from 'vitest';
import { diffLines } from '../../src/output/diff/lines.js';
import {
  escapeControls,
  renderUnified,
  splitLines,
  unifiedDiff,
} from '../../src/output/diff/unified.js';

/** Applies an edit script to a: the result must be b. */
function apply(ops: ReturnType<typeof diffLines>): { a: string[]; b: string[] } {
  return {
    a: ops.filter((o) => o.op !== '+').map((o) => o.line),
    b: ops.filter((o) => o.op !== '-').map((o) => o.line),
  };
}

const u = (a: string, b: string) => renderUnified(unifiedDiff(a, b, { a: 'a', b: 'b' }));

describe('diffLines', () => {
  it('finds a shortest edit script', () => {
    // Myers' paper's example: ABCABBA -> CBABAC takes 5 edits.
    const a = [...'ABCABBA'];
    const b = [...'CBABAC'];
    const ops = diffLines(a, b);
    expect(apply(ops)).toEqual({ a, b });
    expect(ops.filter((o) => o.op !== ' ')).toHaveLength(5);
  });

  it('handles empty sides, equal inputs and random ones', () => {
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines([], ['x'])).toEqual([{ op: '+', line: 'x' }]);
    expect(diffLines(['x'], [])).toEqual([{ op: '-', line: 'x' }]);
    expect(diffLines(['x', 'y'], ['x', 'y']).every((o) => o.op === ' ')).toBe(true);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 4;
    for (let t = 0; t < 200; t++) {
      const a = Array.from({ length: rnd() * 3 }, () => String(rnd()));
      const b = Array.from({ length: rnd() * 3 }, () => String(rnd()));
      expect(apply(diffLines(a, b))).toEqual({ a, b });
    }
  });
});

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('x\n', 'x\n', { a: 'a', b: 'b' })).toEqual([]);
  });

  it('splits lines keeping their newlines', () => {
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('a\n\n')).toEqual(['a\n', '\n']);
    expect(splitLines('')).toEqual([]);
  });

  it('prints hunks as diff -u does', () => {
    const a = '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n';
    const b = '1\n2\n3\nfour\n5\n6\n7\n8\n9\n10\n11\ntwelve\n13\n';
    // diff -u's output for these two files, after its two file-name lines.
    expect(u(a, b)).toBe(
      [
        '--- a',
        '+++ b',
        '@@ -1,7 +1,7 @@',
        ' 1',
        ' 2',
        ' 3',
        '-4',
        '+four',
        ' 5',
        ' 6',
        ' 7',
        '@@ -9,5 +9,5 @@',
        ' 9',
        ' 10',
        ' 11',
        '-12',
        '+twelve',
        ' 13',
        '',
      ].join('\n'),
    );
  });

  it('joins changes up to six lines apart into one hunk (as diff -u)', () => {
    const a = '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n';
    const b = '1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n11\ntwelve\n';
    expect(
      u(a, b)
        .split('\n')
        .filter((l) => l.startsWith('@@')),
    ).toEqual(['@@ -2,11 +2,11 @@']);
  });

  it('marks a missing newline at the end, and empty sides', () => {
    expect(u('x', 'y')).toBe(
      '--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+y\n\\ No newline at end of file\n',
    );
    expect(u('', 'new\n')).toBe('--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n');
    expect(u('old\n', '')).toBe('--- a\n+++ b\n@@ -1 +0,0 @@\n-old\n');
  });
});

describe('prettyJson', () => {
  it('re-indents without touching numbers or strings', async () => {
    const { prettyJson } = await import('../../src/output/diff/json-pretty.js');
    expect(
      prettyJson('{"id":2324035781864696876,"a":[1, {"b":"x, {y}: \\"z\\""}],"e":{},"f":[ ]}'),
    ).toBe(
      [
        '{',
        '  "id": 2324035781864696876,',
        '  "a": [',
        '    1,',
        '    {',
        '      "b": "x, {y}: \\"z\\""',
        '    }',
        '  ],',
        '  "e": {},',
        '  "f": []',
        '}',
        '',
      ].join('\n'),
    );
    expect(prettyJson('"s"')).toBe('"s"\n');
    expect(prettyJson('not json')).toBeUndefined();
    expect(prettyJson('')).toBeUndefined();
  });
});

describe('escapeControls', () => {
  it('shows escape sequences and carriage returns, keeps tabs', () => {
    const l = { kind: 'added' as const, text: '+a\x1b[2J\tb\r' };
    expect(escapeControls(l)).toEqual({ kind: 'added', text: '+a\\x1b[2J\tb\\x0d' });
    const plain = { kind: 'context' as const, text: ' x' };
    expect(escapeControls(plain)).toBe(plain);
  });
});
