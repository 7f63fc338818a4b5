// Dispatch from (response kind, output format) to the printer; a format a kind lacks is etcdctl's
// "not supported as output format" (exit 4), raised after the RPC as etcdctl does.
import type { DeleteRangeResponse, PutResponse } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import { BadFeatureError } from '../errors.js';
import type { OutputFormat } from '../cli/globals.js';
import { fieldsDel, fieldsPut } from './fields.js';
import { toJson } from './json.js';
import type { PrintOptions } from './kv.js';
import { simpleDel, simplePut } from './simple.js';

type Printer<R> = (resp: R, opts: PrintOptions) => string | Uint8Array;

interface Kinds {
  put: PutResponse;
  del: DeleteRangeResponse;
}

const printers: { [K in keyof Kinds]: Partial<Record<OutputFormat, Printer<Kinds[K]>>> } = {
  put: {
    simple: simplePut,
    json: (r) => `${toJson('PutResponse', r)}\n`,
    fields: fieldsPut,
    protobuf: (r) => encode('PutResponse', r),
  },
  del: {
    simple: simpleDel,
    json: (r) => `${toJson('DeleteRangeResponse', r)}\n`,
    fields: fieldsDel,
    protobuf: (r) => encode('DeleteRangeResponse', r),
  },
};

/** Renders a response in the chosen format. */
export function render<K extends keyof Kinds>(
  kind: K,
  format: OutputFormat,
  resp: Kinds[K],
  opts: PrintOptions,
): string | Uint8Array {
  const printer = printers[kind][format] as Printer<Kinds[K]> | undefined;
  if (!printer) throw new BadFeatureError(`${format} not supported as output format`);
  return printer(resp, opts);
}
