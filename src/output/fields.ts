// etcdctl's `fields` format: `"Name" : value` lines (printer_fields.go).
import type { DeleteRangeResponse, PutResponse } from '../etcd/proto/gen/messages.js';
import { fieldsHeader, fieldsKv, type PrintOptions } from './kv.js';

/** put: header and the previous key-value when present. */
export function fieldsPut(resp: PutResponse, opts: PrintOptions): string {
  return (
    fieldsHeader(resp.header, opts) + (resp.prev_kv ? fieldsKv(resp.prev_kv, 'Prev', opts) : '')
  );
}

/** del: header, Deleted and each previous key-value. */
export function fieldsDel(resp: DeleteRangeResponse, opts: PrintOptions): string {
  let out = `${fieldsHeader(resp.header, opts)}"Deleted" : ${resp.deleted}\n`;
  for (const kv of resp.prev_kvs) out += fieldsKv(kv, 'Prev', opts);
  return out;
}
