// How user add and user passwd read a new password, in-process (no server): Go's TrimSpace and
// Scanf("%s") as etcdctl applies them, the two prompts from a pipe (on stdout, one line each) and
// on a terminal (hidden), and their errors with etcdctl's texts and exit codes.
import { describe, expect, it } from 'vitest';
import { askNewPassword, scanPassword } from '../../src/commands/etcdctl/auth/user-add.js';
import { goTrimSpace, scanfWord } from '../../src/go/scan.js';
import { readLine } from '../../src/io.js';
import { bufferIo } from '../helpers/io.js';

const b = (s: string) => Buffer.from(s, 'latin1');

describe("Go's white space", () => {
  it.each([
    ['  p q  ', 'p q'],
    ['\tpw\r', 'pw'],
    ['\u0085pw\u00a0\u3000', 'pw'],
    ['\ufeffpw', '\ufeffpw'], // not white space in Go (JS's trim removes it)
    ['', ''],
  ])('TrimSpace(%j) = %j', (s, want) => expect(goTrimSpace(s)).toBe(want));

  it.each([
    ['pw\n', 'pw', 3],
    ['  x y\n', 'x', 4],
    ['\nx\n', '', 1],
    ['\r\nx\n', '', 2],
    ['  \n', '', 3],
    ['', '', 0],
    ['last', 'last', 4],
    ['p\xc2\xa0q\n', 'p', 3], // U+00A0 in UTF-8
    ['\xe3\x80\x80w\n', 'w', 5], // U+3000 before the word
    ['\xff\xfeok \n', '\ufffd\ufffdok', 5],
  ])('Scanf("%%s") of %j: %j, %i bytes consumed', (input, word, consumed) => {
    expect(scanfWord(b(input))).toEqual({ word, consumed });
  });
});

describe('reading passwords', () => {
  const signal = new AbortController().signal;

  it('from a pipe: each prompt on stdout, one line each (trimmed), a newline after each', async () => {
    const t = bufferIo({ input: ' pw1 \r\npw1\nrest\n' });
    expect(await askNewPassword(t.io, signal, 'alice')).toBe('pw1');
    expect(t.stdout().toString()).toBe(
      'Password of alice: \nType password of alice again for confirmation: \n',
    );
    expect(t.stderr()).toBe('');
    expect(await readLine(t.io.stdin)).toBe('rest'); // what follows is left for --user's prompt
  });

  it('from a pipe: empty, different, or input ending early (128)', async () => {
    const run = async (input: string) => {
      try {
        await askNewPassword(bufferIo({ input }).io, signal, 'bob');
      } catch (e) {
        return [(e as Error).message, (e as { exitCode: number }).exitCode];
      }
      return 'no error';
    };
    expect(await run('\n')).toEqual(['empty password', 128]);
    expect(await run('')).toEqual(['empty password', 128]);
    expect(await run('a\nb\n')).toEqual(['given passwords are different', 128]);
    expect(await run('a')).toEqual(['given passwords are different', 128]);
    expect(await run('a\na')).toBe('no error');
  });

  it('on a terminal: two hidden prompts, nothing written by ectl itself', async () => {
    const t = bufferIo({ stdinIsTTY: true, password: 'secret' });
    const asked: string[] = [];
    const prompt = t.io.promptHidden;
    t.io.promptHidden = (q) => (asked.push(q), prompt(q));
    expect(await askNewPassword(t.io, signal, 'alice')).toBe('secret');
    expect(asked).toEqual([
      'Password of alice: ',
      'Type password of alice again for confirmation: ',
    ]);
    expect(t.stdout().length).toBe(0);
  });

  it('on a terminal: a failing prompt is exit 128, a cancelled one an interruption', async () => {
    const t = bufferIo({ stdinIsTTY: true });
    t.io.promptHidden = () => Promise.reject(new Error('no tty'));
    await expect(askNewPassword(t.io, signal, 'a')).rejects.toMatchObject({
      message: 'failed to ask password: no tty',
      exitCode: 128,
    });
    t.io.promptHidden = () => Promise.reject('');
    await expect(askNewPassword(t.io, signal, 'a')).rejects.toMatchObject({ exitCode: 130 });
  });

  it('--interactive=false: one word, the next read starts after its delimiter', async () => {
    const t = bufferIo({ input: 'new pw\nrootpw\n' });
    expect(await scanPassword(t.io)).toBe('new');
    expect(await readLine(t.io.stdin)).toBe('pw');
    expect(await scanPassword(bufferIo({ input: '' }).io)).toBe('');
  });
});
