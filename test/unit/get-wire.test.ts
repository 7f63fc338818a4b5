// get's printers of wire pages (output/get-wire.ts) must print what the printers of decoded pages
// print, for every kind of key-value the server sends; range-wire.ts must find what decode() finds.
import { describe, expect, it } from 'vitest';
import { encode } from '../../src/etcd/proto/codec.js';
import type { KeyValue, RangeResponse } from '../../src/etcd/proto/gen/messages.js';
import { keyAt, splitRangeResponse } from '../../src/etcd/recipes/range-wire.js';
import { pagedGetPrinters } from '../../src/output/get.js';
import { wireJsonItems } from '../../src/output/get-wire.js';
import { printerOf } from '../../src/output/print.js';

const kv = (i: number): KeyValue => ({
  key: Buffer.from(`key/${i}\n\xff`, 'latin1'),
  value: i % 3 === 0 ? new Uint8Array(0) : Buffer.from(`v\n"${i}"\xff`.repeat(i), 'latin1'),
  create_revision: i === 4 ? 9007199254740993n : i === 3 ? 4294967298n : BigInt(i + 2),
  mod_revision: BigInt(i + 5),
  version: BigInt(i % 4),
  lease: i === 5 ? -7n : i === 6 ? 9223372036854775807n : BigInt(i % 2),
});
const kvs = Array.from({ length: 8 }, (_, i) => kv(i));
const resp: RangeResponse = {
  header: { cluster_id: 18446744073709551615n, member_id: 3n, revision: 123n, raft_term: 2n },
  kvs,
  more: true,
  count: 4294967297n,
};
const join = (parts: (string | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => Buffer.from(p as never)));

describe('wire pages of a RangeResponse', () => {
  it('split finds the header, more, count and every key-value', () => {
    const page = splitRangeResponse(encode('RangeResponse', resp));
    expect(page.header).toEqual(resp.header);
    expect([page.more, page.count, page.length]).toEqual([true, 4294967297n, kvs.length]);
    for (let i = 0; i < kvs.length; i++) {
      const span = page.bytes.subarray(page.spans[2 * i], page.spans[2 * i + 1]);
      expect(Buffer.from(span)).toEqual(Buffer.from(encode('KeyValue', kvs[i]!)));
      expect(Buffer.from(keyAt(page, i))).toEqual(Buffer.from(kvs[i]!.key));
    }
  });

  for (const [format, opts] of [
    ['simple', { hex: false }],
    ['simple', { hex: false, valueOnly: true }],
    ['json', { hex: false }],
  ] as const) {
    it(`${format} ${JSON.stringify(opts)} prints what the decoded page prints`, () => {
      const page = splitRangeResponse(encode('RangeResponse', resp));
      const make = printerOf(pagedGetPrinters, format);
      const [a, b] = [make(opts), make(opts)];
      const decoded = join([a.head(resp.header), a.page(kvs), a.page(kvs), a.tail(resp)]);
      const wire = join([b.head(page.header), b.wirePage!(page), b.wirePage!(page), b.tail(page)]);
      expect(wire.toString('latin1')).toBe(decoded.toString('latin1'));
    });
  }

  it('json: a key-value with its fields out of order goes through the decoded printer', () => {
    // value (5) before key (1): still valid protobuf, not what the fast path reads.
    const odd = Buffer.concat([
      encode('KeyValue', { value: Buffer.from('v') }),
      encode('KeyValue', { key: Buffer.from('k'), mod_revision: 3n }),
    ]);
    const bytes = Buffer.concat([Buffer.from([0x12, odd.length]), odd]);
    const page = splitRangeResponse(bytes);
    expect(Buffer.from(wireJsonItems(page)).toString()).toBe(
      '{"key":"aw==","mod_revision":3,"value":"dg=="}',
    );
  });
});
