// get's printers in every format, written so a response can be printed page by page: a head (the
// header), the key-values of each page, a tail (More and Count). One page or many, the bytes are
// those of etcdctl printing one RangeResponse.
import type { KeyValue, RangeResponse, ResponseHeader } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import type { Printer, PrinterSet } from './print.js';
import { ByteBuilder, fieldsHeader, fieldsKv, type PrintOptions, simpleKv } from './kv.js';
import { toJson, toJsonItems } from './json.js';
import type { WireRangePage } from '../etcd/recipes/range-wire.js';
import { wireJsonItems, wireSimplePage } from './get-wire.js';

/** What the tail needs: the response's `more` and `count`. */
export interface RangeTotals {
  more: boolean;
  count: bigint;
}

/** A printer fed one response in parts. */
export interface GetPrinter {
  head(header: ResponseHeader | undefined): string | Uint8Array;
  page(kvs: readonly KeyValue[]): string | Uint8Array;
  tail(totals: RangeTotals): string | Uint8Array;
  /** The same as page(), from the page's wire bytes; formats without it get decoded pages. */
  wirePage?(page: WireRangePage): Uint8Array;
}

function jsonPrinter(): GetPrinter {
  let hasHeader = false;
  let kvsOpen = false;
  const lead = () => {
    const text = kvsOpen ? ',' : `${hasHeader ? ',' : ''}"kvs":[`;
    kvsOpen = true;
    return Buffer.from(text);
  };
  return {
    head(header) {
      hasHeader = header !== undefined;
      return header ? `{"header":${toJson('ResponseHeader', header)}` : '{';
    },
    page(kvs) {
      if (kvs.length === 0) return '';
      // Base64 makes every byte 4/3 bigger; the numbers and names add about 100 bytes a key.
      let size = 0;
      for (const kv of kvs) size += ((kv.key.length + kv.value.length) * 4) / 3 + 120;
      return Buffer.concat([lead(), toJsonItems('KeyValue', kvs, Math.ceil(size))]);
    },
    wirePage(page) {
      if (page.length === 0) return new Uint8Array(0);
      return Buffer.concat([lead(), wireJsonItems(page)]);
    },
    tail({ more, count }) {
      let out = kvsOpen ? ']' : '';
      let any = hasHeader || kvsOpen;
      if (more) {
        out += `${any ? ',' : ''}"more":true`;
        any = true;
      }
      if (count !== 0n) out += `${any ? ',' : ''}"count":${count}`;
      return `${out}}\n`;
    },
  };
}

/** simple output of raw keys and values, copied once into one buffer. */
function rawPage(kvs: readonly KeyValue[], opts: PrintOptions): Uint8Array {
  let size = 0;
  for (const kv of kvs) size += (opts.valueOnly ? 0 : kv.key.length + 1) + kv.value.length + 1;
  const out = Buffer.allocUnsafe(size);
  let p = 0;
  for (const kv of kvs) {
    if (!opts.valueOnly) {
      out.set(kv.key, p);
      p += kv.key.length;
      out[p++] = 0x0a;
    }
    out.set(kv.value, p);
    p += kv.value.length;
    out[p++] = 0x0a;
  }
  return out;
}

function hexPage(kvs: readonly KeyValue[], opts: PrintOptions): Uint8Array {
  // Exactly the room needed: four characters (`\xhh`) a byte and a newline a line.
  let size = 0;
  for (const kv of kvs)
    size += (opts.valueOnly ? 0 : 4 * kv.key.length + 1) + 4 * kv.value.length + 1;
  const out = new ByteBuilder(size);
  for (const kv of kvs) simpleKv(out, kv, opts);
  return out.build();
}

/** get's paged printers by format; `table` is missing, as etcdctl rejects it (exit 4). */
export const pagedGetPrinters: PrinterSet<(opts: PrintOptions) => GetPrinter> = {
  simple: (opts) => ({
    head: () => '',
    page: (kvs) => (opts.hex ? hexPage(kvs, opts) : rawPage(kvs, opts)),
    tail: () => '',
    ...(opts.hex ? {} : { wirePage: (page) => wireSimplePage(page, opts.valueOnly === true) }),
  }),
  fields: (opts) => ({
    head: (header) => fieldsHeader(header, opts),
    page: (kvs) => kvs.map((kv) => fieldsKv(kv, '', opts)).join(''),
    tail: ({ more, count }) => `"More" : ${more}\n"Count" : ${count}\n`,
  }),
  json: jsonPrinter,
  protobuf: () => ({
    head: (header) => encode('RangeResponse', { header }),
    page: (kvs) => encode('RangeResponse', { kvs: kvs as KeyValue[] }),
    tail: ({ more, count }) => encode('RangeResponse', { more, count }),
  }),
};

function wholeResponse(make: (opts: PrintOptions) => GetPrinter): Printer<RangeResponse> {
  return (resp, opts) => {
    const p = make(opts);
    return [p.head(resp.header), p.page(resp.kvs), p.tail(resp)];
  };
}

/** get's printers of a whole RangeResponse (lock, elect and txn print one too). */
export const getPrinters: PrinterSet<Printer<RangeResponse>> = Object.fromEntries(
  Object.entries(pagedGetPrinters).map(([format, make]) => [format, wholeResponse(make)]),
);
