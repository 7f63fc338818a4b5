// Go's FormatFloat(v, 'f', prec) and ParseFloat, as `check` prints and reads numbers. Ties are
// decided on the exact binary value, to even (0.125 → 0.12), where toFixed rounds them up.
import { describe, expect, it } from 'vitest';
import { formatFloatF, parseGoFloat } from '../../src/go/float.js';

describe('formatFloatF', () => {
  it.each([
    [0.020846, 6, '0.020846'],
    [0.000957, 6, '0.000957'],
    [0, 6, '0.000000'],
    [12.345, 2, '12.35'], // 12.345 is 12.3450000000000006394884621840901672840118408203125
    [0.125, 2, '0.12'],
    [0.375, 2, '0.38'],
    [0.625, 2, '0.62'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [1.005, 2, '1.00'],
    [-0.001, 2, '-0.00'],
    [-0, 2, '-0.00'],
    [-12.5, 2, '-12.50'],
    [1e21, 2, '1000000000000000000000.00'],
    [5e-324, 2, '0.00'],
    [100, 2, '100.00'],
    [NaN, 6, 'NaN'],
    [Infinity, 6, '+Inf'],
    [-Infinity, 2, '-Inf'],
  ])('%s with %i decimals is %s', (v, prec, want) => {
    expect(formatFloatF(v, prec)).toBe(want);
  });

  it('differs from toFixed exactly on ties', () => {
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(formatFloatF(0.125, 2)).toBe('0.12');
  });
});

describe('parseGoFloat', () => {
  it.each([
    ['4.5219e+07', 45219000],
    ['1.2345678e+08', 123456780],
    ['12', 12],
    ['.5', 0.5],
    ['5.', 5],
    ['-3E2', -300],
    ['+Inf', Infinity],
    ['-infinity', -Infinity],
  ])('%s → %d', (s, want) => {
    expect(parseGoFloat(s)).toBe(want);
  });

  it('reads NaN', () => {
    expect(parseGoFloat('NaN')).toBeNaN();
  });

  it.each([
    ['abc', 'strconv.ParseFloat: parsing "abc": invalid syntax'],
    ['', 'strconv.ParseFloat: parsing "": invalid syntax'],
    ['1 2', 'strconv.ParseFloat: parsing "1 2": invalid syntax'],
    ['+NaN', 'strconv.ParseFloat: parsing "+NaN": invalid syntax'],
    ['1e400', 'strconv.ParseFloat: parsing "1e400": value out of range'],
  ])('%j fails: %s', (s, msg) => {
    expect(() => parseGoFloat(s)).toThrow(msg);
  });
});
