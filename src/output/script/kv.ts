// The script views of put, del and txn (README "Output for scripts"): the revision of the write,
// the previous key-values asked for with --prev-kv, del's count, txn's outcome and each op's result.
import type {
  DeleteRangeResponse,
  PutResponse,
  ResponseOp,
  TxnResponse,
} from '../../etcd/proto/gen/messages.js';
import type { ScriptValue } from './encode.js';
import { kvRecord } from './records.js';
import type { ScriptView } from './render.js';

/** put: `{revision, prev_kv?}`; `-o key|value` print the previous key-value (--prev-kv). */
export function putView(resp: PutResponse): ScriptView {
  const doc = {
    revision: resp.header?.revision ?? 0n,
    ...(resp.prev_kv ? { prev_kv: kvRecord(resp.prev_kv) } : {}),
  };
  return { doc, kvs: resp.prev_kv ? [resp.prev_kv] : [] };
}

/**
 * del: `{revision, deleted, prev_kvs?}` (prev_kvs with --prev-kv); NDJSON is one deleted key-value
 * a line with --prev-kv, else the document on one line.
 */
export function delView(resp: DeleteRangeResponse, prevKv: boolean): ScriptView {
  const prev = resp.prev_kvs.map(kvRecord);
  const doc = {
    revision: resp.header?.revision ?? 0n,
    deleted: resp.deleted,
    ...(prevKv ? { prev_kvs: prev } : {}),
  };
  return { doc, ...(prevKv ? { rows: prev } : {}), kvs: resp.prev_kvs };
}

/** txn: `{revision, succeeded, responses}`, each response with its `type` (get, put, del, txn). */
export function txnView(resp: TxnResponse): ScriptView {
  return {
    doc: { revision: resp.header?.revision ?? 0n, ...txnRecord(resp) },
  };
}

function txnRecord(resp: TxnResponse): Record<string, ScriptValue> {
  return { succeeded: resp.succeeded, responses: resp.responses.map(opRecord) };
}

/** One op's result as the command of the same name shows it. */
function opRecord(r: ResponseOp): ScriptValue {
  if (r.response_range) {
    const { count, more, kvs } = r.response_range;
    return { type: 'get', count, more, kvs: kvs.map(kvRecord) };
  }
  if (r.response_put) {
    const prev = r.response_put.prev_kv;
    return { type: 'put', ...(prev ? { prev_kv: kvRecord(prev) } : {}) };
  }
  if (r.response_delete_range) {
    const { deleted, prev_kvs } = r.response_delete_range;
    return {
      type: 'del',
      deleted,
      ...(prev_kvs.length ? { prev_kvs: prev_kvs.map(kvRecord) } : {}),
    };
  }
  if (r.response_txn) return { type: 'txn', ...txnRecord(r.response_txn) };
  return { type: 'unknown' };
}
