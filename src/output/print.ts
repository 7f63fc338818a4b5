// The one print path: each command hands a response and its printer set (one printer per format
// the response supports) to print(); a format the set lacks is etcdctl's "not supported as output
// format" (exit 4), raised here only, after the RPC as etcdctl does.
import type { DeleteRangeResponse, PutResponse } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import { BadFeatureError } from '../errors.js';
import type { OutputFormat } from '../cli/globals.js';
import { fieldsDel, fieldsPut } from './fields.js';
import { toJson } from './json.js';
import type { PrintOptions } from './kv.js';
import { simpleDel, simplePut } from './simple.js';

/** Printed bytes: text, or raw bytes where keys and values need not be UTF-8. */
export type Part = string | Uint8Array;

/** The printers of one response kind, by format; a missing format is unsupported. */
export type PrinterSet<P> = Partial<Record<OutputFormat, P>>;

/** A printer of a whole response. */
export type Printer<R, O = PrintOptions> = (resp: R, opts: O) => Part | Part[];

/** The printer of `format`, or etcdctl's "not supported as output format" error (exit 4). */
export function printerOf<P>(set: PrinterSet<P>, format: OutputFormat): P {
  const printer = set[format];
  if (!printer) throw new BadFeatureError(`${format} not supported as output format`);
  return printer;
}

/** Renders a response in the chosen format as the parts to write. */
export function print<R, O>(
  set: PrinterSet<Printer<R, O>>,
  format: OutputFormat,
  resp: R,
  opts: O,
): Part[] {
  const out = printerOf(set, format)(resp, opts);
  return Array.isArray(out) ? out : [out];
}

/** put's printers (printer.go Put). */
export const putPrinters: PrinterSet<Printer<PutResponse>> = {
  simple: simplePut,
  json: (r) => `${toJson('PutResponse', r)}\n`,
  fields: fieldsPut,
  protobuf: (r) => encode('PutResponse', r),
};

/** del's printers (printer.go Del). */
export const delPrinters: PrinterSet<Printer<DeleteRangeResponse>> = {
  simple: simpleDel,
  json: (r) => `${toJson('DeleteRangeResponse', r)}\n`,
  fields: fieldsDel,
  protobuf: (r) => encode('DeleteRangeResponse', r),
};
