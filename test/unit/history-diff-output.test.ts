// ectl history's rows and records, and ectl diff's comparisons: pure parts.
import { describe, expect, it } from 'vitest';
import { escapeValue, historyRecord, historyRows, shorten } from '../../src/output/history.js';
import { prefixDiff, summaryLines, valueDiff } from '../../src/output/diff/kv-diff.js';
import { diffRevisions } from '../../src/commands/ectl/diff.js';

const b = (s: string) => new TextEncoder().encode(s);
const kv = (key: string, value: string | Uint8Array, mod: bigint, version = 1n, lease = 0n) => ({
  key: b(key),
  value: typeof value === 'string' ? b(value) : value,
  create_revision: 1n,
  mod_revision: mod,
  version,
  lease,
});

describe('history output', () => {
  it('escapes control characters, backslashes and bytes that are not UTF-8', () => {
    expect(escapeValue(b('a\nb\tc\\d\x1b[31m'))).toBe('a\\nb\\tc\\\\d\\x1b[31m');
    expect(escapeValue(b('héllo'))).toBe('héllo');
    expect(escapeValue(Uint8Array.of(0xff, 0x41, 0x0a))).toBe('\\xffA\\n');
  });

  it('shortens by characters with an ellipsis', () => {
    expect(shorten('abcdef', 6)).toBe('abcdef');
    expect(shorten('abcdefg', 6)).toBe('abcde…');
    expect(shorten('ééééééé', 3)).toBe('éé…');
  });

  it('rows: REVISION VERSION ACTION SIZE VALUE; deletions without version and size', () => {
    const rows = historyRows(
      [
        { action: 'PUT', kv: kv('k', 'x'.repeat(70), 5n, 2n) },
        { action: 'DELETE', kv: kv('k', '', 6n, 0n) },
      ],
      { full: false, valueWidth: 10 },
    );
    expect(rows).toEqual([
      ['5', '2', 'PUT', '70', 'xxxxxxxxx…'],
      ['6', '-', 'DELETE', '-', ''],
    ]);
  });

  it('records carry full values, the lease in hex', () => {
    expect(historyRecord({ action: 'PUT', kv: kv('k', 'v\n', 5n, 2n, 255n) })).toEqual({
      revision: 5n,
      action: 'PUT',
      key: 'k',
      value: 'v\n',
      version: 2n,
      create_revision: 1n,
      lease: '00000000000000ff',
    });
    expect(historyRecord({ action: 'DELETE', kv: kv('k', '', 6n) })).toEqual({
      revision: 6n,
      action: 'DELETE',
      key: 'k',
    });
  });
});

describe('diff', () => {
  it('--rev: one or two positive revisions', () => {
    expect(diffRevisions(['5'])).toEqual([5n, 0n]);
    expect(diffRevisions(['5', '0x10'])).toEqual([5n, 16n]);
    expect(() => diffRevisions([])).toThrow('--rev is required');
    expect(() => diffRevisions(['1', '2', '3'])).toThrow('at most twice');
    expect(() => diffRevisions(['-1'])).toThrow('revisions start at 1');
  });

  it('a leading BOM is part of the value: its loss is a change', () => {
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf, 0x78);
    expect(valueDiff({ name: 'a', value: bom }, { name: 'b', value: b('x') })).not.toEqual([]);
    expect(escapeValue(bom)).toBe('\ufeffx');
  });

  it('values: equal is nothing, binary is one line, JSON is pretty-printed', () => {
    expect(valueDiff({ name: 'a', value: b('x') }, { name: 'b', value: b('x') })).toEqual([]);
    expect(valueDiff({ name: 'a', value: undefined }, { name: 'b', value: undefined })).toEqual([]);
    expect(
      valueDiff({ name: 'a', value: Uint8Array.of(0xff) }, { name: 'b', value: b('x') }),
    ).toEqual([{ kind: 'header', text: 'Binary values a and b differ' }]);
    const json = valueDiff(
      { name: 'a', value: b('{"x":1,"y":2}') },
      { name: 'b', value: b('{"x":1,"y":3}') },
    );
    expect(json.map((l) => l.text)).toEqual([
      '--- a',
      '+++ b',
      '@@ -1,4 +1,4 @@',
      ' {',
      '   "x": 1,',
      '-  "y": 2',
      '+  "y": 3',
      ' }',
    ]);
    // Only the layout differs: the raw texts are compared instead.
    const layout = valueDiff(
      { name: 'a', value: b('{"x":1}') },
      { name: 'b', value: b('{ "x": 1 }') },
    );
    expect(layout.map((l) => l.text)).toContain('+{ "x": 1 }');
  });

  it('prefixes: added, removed and changed keys in key order', () => {
    const { changes, diffs } = prefixDiff(
      [kv('p/a', '1', 2n), kv('p/b', 'same', 2n), kv('p/c', 'old', 2n)],
      [kv('p/b', 'same', 2n), kv('p/c', 'new', 4n), kv('p/d', 'x', 5n)],
      3n,
      5n,
    );
    expect(changes).toEqual({ added: ['p/d'], removed: ['p/a'], changed: ['p/c'] });
    expect(summaryLines(changes).map((l) => l.text)).toEqual([
      'removed: p/a',
      'changed: p/c',
      'added:   p/d',
    ]);
    expect(diffs.filter((l) => l.kind === 'header').map((l) => l.text)).toEqual([
      '--- p/a@3',
      '+++ /dev/null',
      '--- p/c@3',
      '+++ p/c@5',
      '--- /dev/null',
      '+++ p/d@5',
    ]);
  });
});
