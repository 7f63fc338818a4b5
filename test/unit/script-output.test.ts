import { describe, expect, it } from 'vitest';
import { ndjsonLine, scriptJson, scriptYaml } from '../../src/output/script/encode.js';
import { bytesField, kvRecord } from '../../src/output/script/records.js';
import { hexUint64 } from '../../src/units.js';
import { checkOutputOption, ectlFormat } from '../../src/output/script/format.js';
import { renderScript } from '../../src/output/script/render.js';

const enc = (s: string) => new TextEncoder().encode(s);

describe('script encoding', () => {
  it('prints bigints as exact JSON numbers, beyond 2^53', () => {
    expect(scriptJson({ revision: 2324035781864696876n, n: 1 })).toBe(
      '{"revision":2324035781864696876,"n":1}',
    );
  });
  it('indents on request, leaves undefined fields out, escapes strings', () => {
    expect(scriptJson({ a: [1, 'x"y'], b: undefined, c: {} }, true)).toBe(
      '{\n  "a": [\n    1,\n    "x\\"y"\n  ],\n  "c": {}\n}',
    );
    expect(JSON.parse(scriptJson({ a: [1, { b: [] }] }, true))).toEqual({ a: [1, { b: [] }] });
  });
  it('writes one NDJSON line and YAML with the same fields', () => {
    expect(ndjsonLine({ key: 'k' })).toBe('{"key":"k"}\n');
    expect(scriptYaml({ revision: 5n, key: 'a\nb' })).toBe('revision: 5\nkey: |-\n  a\n  b\n');
  });
});

describe('script records', () => {
  it('keeps UTF-8 as text and other bytes as base64', () => {
    expect(bytesField('key', enc('café'))).toEqual({ key: 'café' });
    expect(bytesField('value', new Uint8Array([0xff, 0x00]))).toEqual({ value_base64: '/wA=' });
  });
  it('prints IDs as 16 hex digits, negative ones as unsigned', () => {
    expect(hexUint64(0x2040n)).toBe('0000000000002040');
    expect(hexUint64(-1n)).toBe('ffffffffffffffff');
  });
  it('names the lease only when attached', () => {
    const kv = {
      key: enc('k'),
      value: enc('v'),
      create_revision: 2n,
      mod_revision: 3n,
      version: 2n,
    };
    expect(kvRecord({ ...kv, lease: 0n })).toEqual({
      key: 'k',
      value: 'v',
      create_revision: 2n,
      mod_revision: 3n,
      version: 2n,
    });
    expect(kvRecord({ ...kv, lease: 255n }).lease).toBe('00000000000000ff');
  });
});

describe('-o and -w', () => {
  it('refuses -o with -w and unknown formats', () => {
    expect(() => checkOutputOption('json', true)).toThrow('-o and -w cannot be used together');
    expect(() => checkOutputOption('xml', false)).toThrow('invalid output format "xml"');
    expect(checkOutputOption('', true)).toBeUndefined();
    expect(checkOutputOption('ndjson', false)).toBe('ndjson');
  });
  it('gives ectl commands a human view unless a script format is asked for', () => {
    expect(ectlFormat(undefined, 'simple')).toBe('human');
    expect(ectlFormat(undefined, 'table')).toBe('human');
    expect(ectlFormat(undefined, 'json')).toBe('json');
    expect(ectlFormat('yaml', 'simple')).toBe('yaml');
    expect(() => ectlFormat(undefined, 'protobuf')).toThrow('not supported as output format');
  });
  it('renders keys and values raw, one a line', () => {
    const view = { doc: null, kvs: [{ key: enc('a'), value: enc('1') }] };
    expect(renderScript('value', view)).toEqual([enc('1'), '\n']);
    expect(renderScript('key', view)).toEqual([enc('a'), '\n']);
    expect(renderScript('ndjson', { doc: null, rows: [{ a: 1 }, { a: 2 }] })).toEqual([
      '{"a":1}\n',
      '{"a":2}\n',
    ]);
  });
});
