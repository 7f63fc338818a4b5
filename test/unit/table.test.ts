// renderTable against bytes derived from tablewriter 1.1.4 (etcdctl main's table library): its own
// test expectations for header centring, and etcdctl's right-aligned rows.
import { describe, expect, it } from 'vitest';
import { displayWidth, headerTitle, renderTable } from '../../src/go/tablewriter.js';

const lines = (...l: string[]) => l.map((s) => `${s}\n`).join('');

describe('headerTitle (tablewriter AutoFormat)', () => {
  it.each([
    ['endpoint', 'ENDPOINT'],
    ['ID', 'ID'],
    ['hash_revision', 'HASH REVISION'],
    ['Peer Addrs', 'PEER ADDRS'],
    ['Is Learner', 'IS LEARNER'],
    ['raft applied index', 'RAFT APPLIED INDEX'],
    ['percentage not in use', 'PERCENTAGE NOT IN USE'],
    ['dbSizeInUse', 'DB SIZE IN USE'],
    ['a.b', 'A . B'],
    ['snake_case_name', 'SNAKE CASE NAME'],
    ['', ''],
  ])('%j → %j', (name, title) => expect(headerTitle(name)).toBe(title));
});

describe('displayWidth', () => {
  it('counts µ as one column, wide CJK as two, combining marks as none', () => {
    expect(displayWidth('938.86µs')).toBe(8);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});

describe('renderTable', () => {
  it('draws etcdctl main’s endpoint health table (light borders, extra centring space right)', () => {
    const out = renderTable(
      ['endpoint', 'health', 'took', 'error'],
      [['127.0.0.1:52379', 'true', '2.214114ms', '']],
    );
    expect(out).toBe(
      lines(
        '┌─────────────────┬────────┬────────────┬───────┐',
        '│    ENDPOINT     │ HEALTH │    TOOK    │ ERROR │',
        '├─────────────────┼────────┼────────────┼───────┤',
        '│ 127.0.0.1:52379 │   true │ 2.214114ms │       │',
        '└─────────────────┴────────┴────────────┴───────┘',
      ),
    );
  });

  it('centres headers as tablewriter’s own tests expect (odd spare column on the right)', () => {
    // tests/basic_test.go TestBasicTableDefault and TestLongValues of tablewriter v1.1.4.
    const basic = renderTable(['Name', 'Age', 'City'], [['Alice', '25', 'New York']]);
    expect(basic.split('\n')[1]).toBe('│ NAME  │ AGE │   CITY   │');
    const wide = renderTable(
      ['No', 'Comments', 'Another'],
      [['1', 'x'.repeat(27), 'y'.repeat(28)]],
    );
    expect(wide.split('\n')[1]).toBe(
      '│ NO │          COMMENTS           │           ANOTHER            │',
    );
  });

  it('right-aligns rows, trims cells and measures µ as one column', () => {
    const out = renderTable(
      ['endpoint', 'took', 'error'],
      [
        ['a:1', '938.86µs', ' Active Alarm(s): NOSPACE '],
        ['bb:22', '1.5s', ''],
      ],
    );
    expect(out).toBe(
      lines(
        '┌──────────┬──────────┬──────────────────────────┐',
        '│ ENDPOINT │   TOOK   │          ERROR           │',
        '├──────────┼──────────┼──────────────────────────┤',
        '│      a:1 │ 938.86µs │ Active Alarm(s): NOSPACE │',
        '│    bb:22 │     1.5s │                          │',
        '└──────────┴──────────┴──────────────────────────┘',
      ),
    );
  });

  it('draws only the header between top and bottom borders when there are no rows', () => {
    expect(renderTable(['endpoint', 'hash', 'hash_revision'], [])).toBe(
      lines(
        '┌──────────┬──────┬───────────────┐',
        '│ ENDPOINT │ HASH │ HASH REVISION │',
        '└──────────┴──────┴───────────────┘',
      ),
    );
  });

  it('splits a cell with newlines into visual lines and skips blank continuation lines', () => {
    const out = renderTable(['k', 'v'], [['a\nbb', 'x']]);
    expect(out).toBe(
      lines('┌────┬───┐', '│ K  │ V │', '├────┼───┤', '│  a │ x │', '│ bb │   │', '└────┴───┘'),
    );
    expect(renderTable(['k', 'v'], [['a', 'x\n\ny']])).toBe(
      lines('┌───┬───┐', '│ K │ V │', '├───┼───┤', '│ a │ x │', '│   │ y │', '└───┴───┘'),
    );
  });
});
