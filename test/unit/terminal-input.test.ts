// The terminal's manners, without a terminal: readline's editing keys in the txn editor, the keys
// of a password typed without echo, and when ectl colours anything (NO_COLOR, FORCE_COLOR,
// TERM=dumb). test/e2e/terminal.test.ts drives the same in a real pty.
import { describe, expect, it } from 'vitest';
import { editLine, type Key, type LineState } from '../../src/input/line-editing.js';
import { typeHidden } from '../../src/input/hidden-line.js';
import { colourWanted } from '../../src/io.js';

/** `|` marks the cursor in the text. */
function at(marked: string, killed = ''): LineState {
  return { text: marked.replace('|', ''), cursor: marked.indexOf('|'), killed };
}

const show = (s: LineState | undefined) =>
  s && `${s.text.slice(0, s.cursor)}|${s.text.slice(s.cursor)}${s.killed ? ` [${s.killed}]` : ''}`;

const ctrl = (name: string): Key => ({ name, ctrl: true });
const meta = (name: string): Key => ({ name, meta: true });

describe('readline keys in the txn editor', () => {
  it.each([
    ['Ctrl-A', 'put k| v', ctrl('a'), '|put k v'],
    ['Home', 'put k| v', { name: 'home' }, '|put k v'],
    ['Ctrl-E (to the very end)', 'put| k v', ctrl('e'), 'put k v|'],
    ['End', 'put| k v', { name: 'end' }, 'put k v|'],
    ['Ctrl-B', 'put| k', ctrl('b'), 'pu|t k'],
    ['Ctrl-F', 'put| k', ctrl('f'), 'put |k'],
    ['Ctrl-U kills to the start', 'garbage| here', ctrl('u'), '| here [garbage]'],
    ['Ctrl-K kills to the end', 'put k| v', ctrl('k'), 'put k| [ v]'],
    ['Ctrl-W kills a whitespace word', 'ver("a") = "0" |', ctrl('w'), 'ver("a") = | ["0" ]'],
    ['Ctrl-D deletes forward', 'pu|xt', ctrl('d'), 'pu|t'],
    ['Ctrl-H deletes back', 'pux|t', ctrl('h'), 'pu|t'],
    ['Backspace', 'pux|t', { name: 'backspace' }, 'pu|t'],
    ['Delete', 'pu|xt', { name: 'delete' }, 'pu|t'],
    ['Ctrl-T transposes', 'pt|u', ctrl('t'), 'put|'],
    ['Alt-B to the word before', 'ver("abc")|', meta('b'), 'ver("|abc")'],
    ['Alt-F to the end of the word', '|ver("abc")', meta('f'), 'ver|("abc")'],
    ['Ctrl-Left', 'put key|', ctrl('left'), 'put |key'],
    ['Alt-D kills the next word', 'put |key v', meta('d'), 'put | v [key]'],
    ['Alt-Backspace kills the word before', 'put key|', meta('backspace'), 'put | [key]'],
    ['Alt-X does nothing (no escape lands in the line)', 'put|', meta('x'), 'put|'],
    ['Ctrl-L does nothing (enquirer would empty the line)', 'put|', ctrl('l'), 'put|'],
  ])('%s', (_, before, key, after) => {
    expect(show(editLine(at(before), key))).toBe(after);
  });

  it('Ctrl-Y yanks the last kill', () => {
    expect(show(editLine(at('put |', 'k v'), ctrl('y')))).toBe('put k v| [k v]');
  });

  it.each([
    ['a character', { name: 'a', sequence: 'a' }],
    ['Enter', { name: 'return' }],
    ['Ctrl-C', ctrl('c')],
    ['Tab', ctrl('i')],
    ['Up', { name: 'up' }],
  ])('leaves %s to the prompt', (_, key) => {
    expect(editLine(at('put|'), key)).toBeUndefined();
  });
});

describe('a password typed without echo', () => {
  it.each([
    ['s3cret\r', { text: 's3cret', done: 'enter' }],
    ['ab\x7fc\r', { text: 'ac', done: 'enter' }],
    ['wrong\x15right\r', { text: 'right', done: 'enter' }],
    ['one two\x17three\n', { text: 'one three', done: 'enter' }],
    ['pa\x1b[Dss\r', { text: 'pass', done: 'enter' }],
    ['half\x03', { text: 'half', done: 'interrupt' }],
    ['\x04', { text: '', done: 'eof' }],
    ['abc', { text: 'abc' }],
    ['é€\x7f\r', { text: 'é', done: 'enter' }],
    // A paste: what follows Enter is kept for whoever reads next.
    ['pw\rget x\r', { text: 'pw', done: 'enter', rest: 'get x\r' }],
    ['pw\r\nls\r', { text: 'pw', done: 'enter', rest: 'ls\r' }],
  ])('%j', (typed, want) => {
    expect(typeHidden('', typed)).toEqual(want);
  });
});

describe('colour', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ TERM: 'dumb' }, true, false],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, true, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false', TERM: 'xterm' }, true, false],
  ])('%j on a terminal: %s -> %s', (env, tty, want) => {
    expect(colourWanted(env as Record<string, string>, tty)).toBe(want);
  });
});
