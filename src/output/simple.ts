// etcdctl's `simple` format: raw keys and values, one per line (printer_simple.go).
import type { DeleteRangeResponse, PutResponse } from '../etcd/proto/gen/messages.js';
import { ByteBuilder, type PrintOptions, simpleKv } from './kv.js';

/** put: `OK`, then the previous key-value when asked for and present. */
export function simplePut(resp: PutResponse, opts: PrintOptions): Uint8Array {
  const out = new ByteBuilder().line('OK');
  if (resp.prev_kv) simpleKv(out, resp.prev_kv, { ...opts, valueOnly: false });
  return out.build();
}

/** del: the number deleted, then each deleted key-value with --prev-kv. */
export function simpleDel(resp: DeleteRangeResponse, opts: PrintOptions): Uint8Array {
  const out = new ByteBuilder().line(String(resp.deleted));
  for (const kv of resp.prev_kvs) simpleKv(out, kv, { ...opts, valueOnly: false });
  return out.build();
}
