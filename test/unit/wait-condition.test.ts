// ectl wait's conditions: exactly one flag, --json-path's dotted paths and how values compare,
// and the words of the timeout error.
import { describe, expect, it } from 'vitest';
import {
  conditionOf,
  jsonPathMatches,
  lookup,
  parseJsonPath,
  waitedFor,
} from '../../src/commands/ectl/wait/condition.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const none = { exists: false, deleted: false, value: undefined, jsonPath: undefined };

describe('conditionOf', () => {
  it('needs exactly one condition (exit 128)', () => {
    for (const f of [
      none,
      { ...none, exists: true, deleted: true },
      { ...none, exists: true, value: '' },
    ]) {
      expect(() => conditionOf(f)).toThrow(
        expect.objectContaining({
          message: 'exactly one of --exists, --deleted, --value or --json-path must be given',
          exitCode: 128,
        }),
      );
    }
  });

  it('--value compares bytes exactly; an empty value is a value', () => {
    const c = conditionOf({ ...none, value: '' }).condition;
    if (c.kind !== 'match') throw new Error('match expected');
    expect(c.match(bytes(''))).toBe(true);
    expect(c.match(bytes(' '))).toBe(false);
    const v = conditionOf({ ...none, value: 'é' }).condition;
    if (v.kind !== 'match') throw new Error('match expected');
    expect(v.match(bytes('é'))).toBe(true);
  });

  it('names what was waited for', () => {
    expect(waitedFor('k', false, conditionOf({ ...none, exists: true }))).toBe('"k" to exist');
    expect(waitedFor('p/', true, conditionOf({ ...none, deleted: true }))).toBe(
      'every key under "p/" to be deleted',
    );
    expect(waitedFor('p/', true, conditionOf({ ...none, value: 'x' }))).toBe(
      'a key under "p/" to have value "x"',
    );
    expect(waitedFor('k', false, conditionOf({ ...none, jsonPath: '.a=1' }))).toBe(
      '"k" to match .a=1',
    );
  });
});

describe('--json-path', () => {
  it('parses PATH=VALUE at the first "="', () => {
    expect(parseJsonPath('.status.phase=Ready')).toEqual({
      path: ['status', 'phase'],
      want: 'Ready',
    });
    expect(parseJsonPath('.a=b=c')).toEqual({ path: ['a'], want: 'b=c' });
    expect(parseJsonPath('.=5')).toEqual({ path: [], want: '5' });
    expect(() => parseJsonPath('status')).toThrow('expected PATH=VALUE');
    expect(() => parseJsonPath('status=x')).toThrow('the path must start with "."');
    expect(() => parseJsonPath('.a..b=x')).toThrow('empty path segment');
  });

  it('walks objects by name and arrays by index', () => {
    const doc = { items: [{ name: 'a' }, { name: 'b' }], '0': 'zero' };
    expect(lookup(doc, ['items', '1', 'name'])).toBe('b');
    expect(lookup(doc, ['0'])).toBe('zero');
    expect(lookup(doc, ['items', 'x'])).toBeUndefined();
    expect(lookup(doc, ['items', '5', 'name'])).toBeUndefined();
    expect(lookup(doc, ['items', '0', 'name', 'deeper'])).toBeUndefined();
    expect(lookup(doc, ['toString'])).toBeUndefined();
  });

  it('compares strings as text and other values as compact JSON', () => {
    const v = bytes('{"s":"Ready","n":3,"b":true,"z":null,"o":{"x":[1,2]},"t":"3"}');
    expect(jsonPathMatches(v, ['s'], 'Ready')).toBe(true);
    expect(jsonPathMatches(v, ['s'], '"Ready"')).toBe(false);
    expect(jsonPathMatches(v, ['n'], '3')).toBe(true);
    expect(jsonPathMatches(v, ['n'], '3.0')).toBe(true);
    expect(jsonPathMatches(v, ['n'], '')).toBe(false);
    expect(jsonPathMatches(v, ['b'], 'true')).toBe(true);
    expect(jsonPathMatches(v, ['z'], 'null')).toBe(true);
    expect(jsonPathMatches(v, ['o', 'x'], '[1,2]')).toBe(true);
    expect(jsonPathMatches(v, ['t'], '3')).toBe(true);
    expect(jsonPathMatches(v, ['missing'], 'null')).toBe(false);
    expect(jsonPathMatches(bytes('not json'), [], 'not json')).toBe(false);
    expect(jsonPathMatches(bytes('"whole"'), [], 'whole')).toBe(true);
  });
});
