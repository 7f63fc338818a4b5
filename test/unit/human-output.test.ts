// ectl's human output corner: the colour decision and the quiet table.
import { describe, expect, it } from 'vitest';
import { colours, useColour } from '../../src/output/human/colour.js';
import { humanTable } from '../../src/output/human/table.js';

describe('useColour', () => {
  const cases: [string, Parameters<typeof useColour>[0], boolean][] = [
    ['a terminal', { mode: 'auto', env: {}, isTTY: true }, true],
    ['a pipe', { mode: 'auto', env: {}, isTTY: false }, false],
    ['NO_COLOR on a terminal', { mode: 'auto', env: { NO_COLOR: '1' }, isTTY: true }, false],
    ['empty NO_COLOR is unset', { mode: 'auto', env: { NO_COLOR: '' }, isTTY: true }, true],
    ['FORCE_COLOR on a pipe', { mode: 'auto', env: { FORCE_COLOR: '1' }, isTTY: false }, true],
    ['FORCE_COLOR=0', { mode: 'auto', env: { FORCE_COLOR: '0' }, isTTY: true }, false],
    [
      'FORCE_COLOR wins over NO_COLOR',
      { mode: 'auto', env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false },
      true,
    ],
    ['TERM=dumb', { mode: 'auto', env: { TERM: 'dumb' }, isTTY: true }, false],
    ['--color=always', { mode: 'always', env: { NO_COLOR: '1' }, isTTY: false }, true],
    ['--color=never', { mode: 'never', env: { FORCE_COLOR: '1' }, isTTY: true }, false],
  ];
  for (const [name, facts, want] of cases) it(name, () => expect(useColour(facts)).toBe(want));

  it('colours only when allowed', () => {
    expect(colours({ mode: 'always', env: {}, isTTY: false }).red('x')).toBe(
      '\u001b[31mx\u001b[39m',
    );
    expect(colours({ mode: 'never', env: {}, isTTY: true }).red('x')).toBe('x');
  });
});

describe('humanTable', () => {
  it('aligns columns two spaces apart, no borders, no trailing blanks', () => {
    const out = humanTable(
      ['NAME', 'ENDPOINTS'],
      [
        ['prod', 'https://10.0.0.1:2379'],
        ['dev-cluster', 'localhost:2379'],
      ],
    );
    expect(out).toBe(
      'NAME         ENDPOINTS\n' +
        'prod         https://10.0.0.1:2379\n' +
        'dev-cluster  localhost:2379\n',
    );
  });
});
