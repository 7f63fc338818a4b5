// txn's printers (etcdctl's printer_*.go Txn): SUCCESS/FAILURE and every op's own output in simple
// and fields, the TxnResponse with main's `{"Response":{"response_put":…}}` wrapping in json, the
// encoded message in protobuf. Nested responses reuse the get, put and del printers.
import type { ResponseOp, TxnResponse } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import { getPrinters } from './get.js';
import { toJson } from './json.js';
import { fieldsHeader, type PrintOptions } from './kv.js';
import {
  type Part,
  type Printer,
  type PrinterSet,
  delPrinters,
  print,
  putPrinters,
} from './print.js';

/** txn's printers; `table` is missing, as etcdctl rejects it (exit 4). */
export const txnPrinters: PrinterSet<Printer<TxnResponse>> = {
  // --print-value-only of a get line has no effect on txn output, as in etcdctl.
  simple: (resp, opts) => simpleTxn(resp, { hex: opts.hex }),
  fields: (resp, opts) => fieldsTxn(resp, { hex: opts.hex }),
  json: (resp) => `${txnJson(resp)}\n`,
  protobuf: (resp) => encode('TxnResponse', resp),
};

function simpleTxn(resp: TxnResponse, opts: PrintOptions): Part[] {
  const parts: Part[] = [resp.succeeded ? 'SUCCESS\n' : 'FAILURE\n'];
  for (const r of resp.responses) {
    parts.push('\n');
    parts.push(...opParts('simple', r, opts, simpleTxn));
  }
  return parts;
}

function fieldsTxn(resp: TxnResponse, opts: PrintOptions): Part[] {
  const parts: Part[] = [`${fieldsHeader(resp.header, opts)}"Succeeded" : ${resp.succeeded}\n`];
  for (const r of resp.responses) parts.push(...opParts('fields', r, opts, fieldsTxn));
  return parts;
}

/** One op's output with the printer of its command (a nested txn, which etcdctl cannot send, recurses). */
function opParts(
  format: 'simple' | 'fields',
  r: ResponseOp,
  opts: PrintOptions,
  nested: (resp: TxnResponse, opts: PrintOptions) => Part[],
): Part[] {
  if (r.response_range) return print(getPrinters, format, r.response_range, opts);
  if (r.response_put) return print(putPrinters, format, r.response_put, opts);
  if (r.response_delete_range) return print(delPrinters, format, r.response_delete_range, opts);
  if (r.response_txn) return nested(r.response_txn, opts);
  return [];
}

/** main's TxnResponseJSON: header, succeeded, responses as `{"Response":{"<kind>":{…}}}`. */
export function txnJson(resp: TxnResponse): string {
  const fields: string[] = [];
  if (resp.header) fields.push(`"header":${toJson('ResponseHeader', resp.header)}`);
  if (resp.succeeded) fields.push('"succeeded":true');
  if (resp.responses.length > 0) {
    const items = resp.responses.map((r) => `{"Response":{${opJson(r)}}}`);
    fields.push(`"responses":[${items.join(',')}]`);
  }
  return `{${fields.join(',')}}`;
}

function opJson(r: ResponseOp): string {
  if (r.response_range) return `"response_range":${toJson('RangeResponse', r.response_range)}`;
  if (r.response_put) return `"response_put":${toJson('PutResponse', r.response_put)}`;
  if (r.response_delete_range) {
    return `"response_delete_range":${toJson('DeleteRangeResponse', r.response_delete_range)}`;
  }
  if (r.response_txn) return `"response_txn":${txnJson(r.response_txn)}`;
  return '';
}
