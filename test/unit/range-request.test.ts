import { describe, expect, it } from 'vitest';
import { rangeRequest } from '../../src/etcd/range-request.js';
import { decode, encode } from '../../src/etcd/proto/codec.js';

const k = new TextEncoder().encode('k');

describe('rangeRequest', () => {
  it('fills every field the caller leaves out with etcd’s default', () => {
    const req = rangeRequest({ key: k });
    expect(req.range_end).toEqual(new Uint8Array(0));
    expect([req.limit, req.revision, req.sort_order, req.keys_only, req.count_only]).toEqual([
      0n,
      0n,
      0,
      false,
      false,
    ]);
    // On the wire only the key: the defaults are proto3 zero values.
    expect(encode('RangeRequest', req)).toEqual(Uint8Array.of(0x0a, 1, 0x6b));
  });
  it('keeps what the caller sets', () => {
    const req = rangeRequest({ key: k, range_end: k, revision: 7n, keys_only: true });
    expect(decode('RangeRequest', encode('RangeRequest', req))).toMatchObject({
      revision: 7n,
      keys_only: true,
    });
  });
});
