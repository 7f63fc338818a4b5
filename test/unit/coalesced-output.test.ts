// batch's gathered stdout: the same bytes in the same order as direct writes, stdout before any
// stderr, and never held longer than the delay or beyond the size.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalescedOutput } from '../../src/commands/ectl/batch/coalesced-output.js';

/** Both streams' writes, in the order they reached the "process". */
function recorder() {
  const writes: [string, string][] = [];
  const sink = (name: string) => ({
    write: (c: string | Uint8Array) =>
      writes.push([name, typeof c === 'string' ? c : Buffer.from(c).toString('utf8')]),
  });
  return { writes, stdout: sink('out'), stderr: sink('err') };
}

afterEach(() => vi.useRealTimers());

describe('coalescedOutput', () => {
  it('writes what gathered as one write, text and bytes alike, at flush', () => {
    const r = recorder();
    const o = coalescedOutput(r.stdout, r.stderr);
    o.stdout.write('OK\n');
    o.stdout.write(Buffer.from('bytes\n'));
    o.stdout.write('');
    o.stdout.write('OK\n');
    expect(r.writes).toEqual([]);
    o.flush();
    o.flush();
    expect(r.writes).toEqual([['out', 'OK\nbytes\nOK\n']]);
  });

  it('stdout goes out before anything written to stderr', () => {
    const r = recorder();
    const o = coalescedOutput(r.stdout, r.stderr);
    o.stdout.write('line 1\n');
    o.stderr.write('Error: line 2: boom\n');
    o.stdout.write('line 3\n');
    o.flush();
    expect(r.writes).toEqual([
      ['out', 'line 1\n'],
      ['err', 'Error: line 2: boom\n'],
      ['out', 'line 3\n'],
    ]);
  });

  it('writes out once the size is reached', () => {
    const r = recorder();
    const o = coalescedOutput(r.stdout, r.stderr, { maxBytes: 8, maxDelayMs: 1000 });
    o.stdout.write('1234');
    expect(r.writes).toEqual([]);
    o.stdout.write('5678');
    expect(r.writes).toEqual([['out', '12345678']]);
    o.flush();
  });

  it('writes out what waited the delay, without a flush', () => {
    vi.useFakeTimers();
    const r = recorder();
    const o = coalescedOutput(r.stdout, r.stderr, { maxBytes: 1 << 20, maxDelayMs: 50 });
    o.stdout.write('first\n');
    vi.advanceTimersByTime(49);
    o.stdout.write('second\n');
    expect(r.writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(r.writes).toEqual([['out', 'first\nsecond\n']]);
    o.stdout.write('third\n');
    vi.advanceTimersByTime(50);
    expect(r.writes).toEqual([
      ['out', 'first\nsecond\n'],
      ['out', 'third\n'],
    ]);
  });
});
