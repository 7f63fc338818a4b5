// What `check perf` and `check datascale` print (etcdctl main's check.go): the verdicts at and
// around each threshold, and the progress bar of cheggaaa/pb v3.2.0's default template, frame by
// frame, worked out from its source (element.go, speed.go, pb.go).
import { describe, expect, it } from 'vitest';
import type { LoadStats } from '../../src/etcd/recipes/load-report.js';
import {
  cleanupFailed,
  compactedLine,
  compactingLine,
  datascaleStart,
  datascaleVerdict,
  defragmentedLine,
  defragmentingLine,
  memoryUnreadable,
  perfVerdict,
} from '../../src/output/check.js';
import { ProgressBarFrames, barCells } from '../../src/output/pb-bar.js';

function stats(o: Partial<LoadStats>): LoadStats {
  return {
    rps: 150,
    slowest: 0.020846,
    fastest: 0.001,
    average: 0.002,
    stddev: 0.000957,
    totalSeconds: 60,
    succeeded: 9000,
    errors: new Map(),
    ...o,
  };
}

describe('perfVerdict', () => {
  it('passes', () => {
    expect(perfVerdict(stats({ rps: 149.98 }), 150)).toEqual({
      text:
        'PASS: Throughput is 150 writes/s\n' +
        'PASS: Slowest request took 0.020846s\n' +
        'PASS: Stddev is 0.000957s\n' +
        'PASS\n',
      ok: true,
    });
  });

  it("fails at 90 % of the rate and over 0.5 s / 0.1 s, with etcdctl main's words", () => {
    expect(perfVerdict(stats({ rps: 135, slowest: 0.5000001, stddev: 0.1000001 }), 150)).toEqual({
      text:
        'FAIL: Throughput too low: 136 writes/s\n' +
        'Slowest request took too long: 0.500000s\n' +
        'Stddev too high: 0.100000s\n' +
        'FAIL\n',
      ok: false,
    });
    // Exactly at the limits is still a pass.
    const edge = perfVerdict(stats({ rps: 135.0001, slowest: 0.5, stddev: 0.1 }), 150);
    expect(edge.ok).toBe(true);
    expect(edge.text).toContain('PASS: Throughput is 136 writes/s\n');
  });

  it('lists the errors first; without a success the stddev is NaN and passes, as in Go', () => {
    const errors = new Map([
      ['context deadline exceeded', 12],
      ['etcdserver: too many requests', 1],
    ]);
    const s = stats({ rps: 0, slowest: 0, stddev: NaN, succeeded: 0, errors });
    expect(perfVerdict(s, 150)).toEqual({
      text:
        'FAIL: too many errors\n' +
        'FAIL: ERROR(context deadline exceeded) -> 12\n' +
        'FAIL: ERROR(etcdserver: too many requests) -> 1\n' +
        'FAIL: Throughput too low: 1 writes/s\n' +
        'PASS: Slowest request took 0.000000s\n' +
        'PASS: Stddev is NaNs\n' +
        'FAIL\n',
      ok: false,
    });
  });
});

describe("check's other lines", () => {
  it('clean-up, compaction and defragmentation', () => {
    expect(cleanupFailed('context deadline exceeded')).toBe(
      'FAIL: Cleanup failed during key deletion: ERROR(context deadline exceeded)\n',
    );
    expect(compactingLine(8694n) + compactedLine(8694n)).toBe(
      'Compacting with revision 8694\nCompacted with revision 8694\n',
    );
    expect(defragmentingLine('127.0.0.1:2379') + defragmentedLine('https://h:2379')).toBe(
      'Defragmenting "127.0.0.1:2379"\nDefragmented "https://h:2379"\n',
    );
  });

  it('datascale', () => {
    expect(datascaleStart(10000, 1024, 50)).toBe(
      'Start data scale check for work load [10000 key-value pairs, 1024 bytes per key-value, 50 concurrent clients].\n',
    );
    expect(memoryUnreadable('before')).toBe(
      'FAIL: Could not read process_resident_memory_bytes before the put operations.\n',
    );
    const mib = 1024 * 1024;
    expect(datascaleVerdict(stats({}), 40 * mib, 52.3451 * mib)).toEqual({
      text: 'PASS: Approximate system memory used : 12.35 MB.\n',
      ok: true,
    });
    // 0.125 MiB is a tie: Go rounds it to even.
    expect(datascaleVerdict(stats({}), mib, 1.125 * mib).text).toBe(
      'PASS: Approximate system memory used : 0.12 MB.\n',
    );
    expect(datascaleVerdict(stats({}), 2 * mib, mib).text).toBe(
      'PASS: Approximate system memory used : -1.00 MB.\n',
    );
    const errors = new Map([['context deadline exceeded', 3]]);
    expect(datascaleVerdict(stats({ errors }), mib, 2 * mib)).toEqual({
      text: 'FAIL: too many errors\nFAIL: ERROR(context deadline exceeded) -> 3\n',
      ok: false,
    });
  });
});

describe('the pb/v3 bar', () => {
  it.each([
    [0, 60, 10, false, '[________]'],
    [1, 60, 10, false, '[>_______]'],
    [30, 60, 10, false, '[--->____]'],
    [60, 60, 10, false, '[------->]'],
    [60, 60, 10, true, '[--------]'],
    [59, 60, 10, true, '[------->]'],
    [5, 0, 10, false, '[________]'],
    [90, 60, 10, false, '[------->]'],
    [3, 6, 2, false, '[]'],
    [3, 6, 1, false, '['],
    [3, 6, 0, false, ''],
  ])('%i of %i in %i cells (finished: %s) is %s', (v, t, w, fin, want) => {
    expect(barCells(v, t, w, fin)).toBe(want);
  });

  it('draws frames: counters, bar, percent, speed (EWMA per half second), padded to the width', () => {
    const f = new ProgressBarFrames(60);
    const bar = (s: string) => s.padEnd(19, '_');
    expect(f.frame(0, 0, false, 40)).toBe(`\r0 / 60 [${bar('')}] 0.00% ? p/s`);
    expect(f.frame(200, 0, false, 40)).toBe(`\r0 / 60 [${bar('')}] 0.00% ? p/s`);
    expect(f.frame(1000, 1, false, 40)).toBe(`\r1 / 60 [${bar('>')}] 1.67% 1 p/s`);
    expect(f.frame(2000, 2, false, 40)).toBe(`\r2 / 60 [${bar('>')}] 3.33% 1 p/s`);
    expect(f.frame(60000, 60, true, 40)).toBe(`\r60 / 60 [${'-'.repeat(16)}] 100.00% 1 p/s\n`);
  });

  it('averages the speed as VividCortex/ewma does, rounding half up', () => {
    const f = new ProgressBarFrames(10000);
    const speed = (s: string) => /(\S+) p\/s/.exec(s)?.[1];
    expect(speed(f.frame(0, 0, false))).toBe('?');
    expect(speed(f.frame(600, 300, false))).toBe('500');
    expect(speed(f.frame(1200, 600, false))).toBe('500');
    // 1000 × 2/31 + 500 × 29/31 = 532.26
    expect(speed(f.frame(1800, 1200, false))).toBe('532');
    // Under half a second since the last sample: the average stands.
    expect(speed(f.frame(2000, 5000, false))).toBe('532');
    // Finished: the whole run's average, 2500 / 2.5 s.
    expect(speed(f.frame(2500, 2500, true))).toBe('1000');
    expect(f.frame(3000, 1, false)).toHaveLength(101);
  });

  it('cuts the text when the terminal is too narrow for a bar', () => {
    const f = new ProgressBarFrames(60);
    expect(f.frame(0, 0, false, 10)).toBe('\r0 / 60  0.');
  });
});
