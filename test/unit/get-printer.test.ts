// get's printers fed page by page must print exactly what one RangeResponse prints, and that must
// be what the generic encoders produce for the whole message.
import { describe, expect, it } from 'vitest';
import { encode } from '../../src/etcd/proto/codec.js';
import type { KeyValue, RangeResponse } from '../../src/etcd/proto/gen/messages.js';
import { getPrinters, pagedGetPrinters } from '../../src/output/get.js';
import { print, printerOf } from '../../src/output/print.js';
import type { OutputFormat } from '../../src/cli/globals.js';
import type { PrintOptions } from '../../src/output/kv.js';
import { toJson } from '../../src/output/json.js';

const renderGet = (format: OutputFormat, resp: RangeResponse, opts: PrintOptions) =>
  print(getPrinters, format, resp, opts);
const getPrinter = (format: OutputFormat, opts: PrintOptions) =>
  printerOf(pagedGetPrinters, format)(opts);

const kv = (i: number, lease = 0n): KeyValue => ({
  key: Buffer.from(`key/${i}`),
  value: i % 3 === 0 ? new Uint8Array(0) : Buffer.from(`v\n"${i}"\xff`, 'latin1'),
  create_revision: BigInt(i + 2),
  mod_revision: BigInt(i + 5),
  version: BigInt(i % 4),
  lease,
});
const header = {
  cluster_id: 18446744073709551615n,
  member_id: 9686845212206760991n,
  revision: 123n,
  raft_term: 2n,
};
const response = (kvs: KeyValue[], more = false, count = BigInt(kvs.length)): RangeResponse => ({
  header,
  kvs,
  more,
  count,
});
const join = (parts: (string | Uint8Array)[]) =>
  Buffer.concat(parts.map((p) => Buffer.from(p as never)));
const formats = ['simple', 'json', 'fields', 'protobuf'] as const;

describe('get printers', () => {
  it.each([[[]], [[kv(1)]], [[kv(0), kv(1, 7n), kv(2), kv(3, -1n)]]])(
    'one response: json and protobuf equal the generic encoders (%#)',
    (kvs) => {
      for (const more of [false, true]) {
        const resp = response(kvs, more);
        expect(join(renderGet('json', resp, { hex: false })).toString()).toBe(
          `${toJson('RangeResponse', resp)}\n`,
        );
        expect(join(renderGet('protobuf', resp, { hex: false }))).toEqual(
          Buffer.from(encode('RangeResponse', resp)),
        );
      }
    },
  );

  it.each(formats)('%s: pages print the same bytes as one response', (format) => {
    const all = Array.from({ length: 10 }, (_, i) => kv(i, BigInt(i)));
    for (const hex of [false, true]) {
      const whole = join(renderGet(format, response(all), { hex }));
      const p = getPrinter(format, { hex });
      const paged = join([
        p.head(header),
        p.page(all.slice(0, 3)),
        p.page([]),
        p.page(all.slice(3, 4)),
        p.page(all.slice(4)),
        p.tail({ more: false, count: 10n }),
      ]);
      expect(paged).toEqual(whole);
    }
  });

  it('prints etcdctl simple output: raw bytes, empty value lines, value-only', () => {
    const out = join(
      renderGet('simple', response([kv(1), kv(3)]), { hex: false, valueOnly: false }),
    );
    expect(out).toEqual(Buffer.from('key/1\nv\n"1"\xff\nkey/3\n\n', 'latin1'));
    expect(
      join(renderGet('simple', response([kv(3)]), { hex: false, valueOnly: true })).toString(),
    ).toBe('\n');
  });

  it('rejects table after the RPC with exit 4', () => {
    expect(() => getPrinter('table', { hex: false })).toThrow(
      'table not supported as output format',
    );
  });
});
