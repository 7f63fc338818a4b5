// A client confined to a key prefix, as Go's clientv3/namespace: keys, range ends, txn compares and
// ops (nested txns too) and watch keys get the prefix on the way in; every key of a response (range
// kvs, prev_kvs, txn responses, watch events, a lease's keys) loses it on the way out. The
// concurrency recipes (lock, elect) build on KV calls, so their names are confined too.
import type { EtcdClient } from './client.js';
import { prefixEnd } from './keys.js';
import type { MessageInit } from './proto/codec.js';
import type * as M from './proto/gen/messages.js';
import type { RequestOf, ResponseOf, UnaryMethod } from './proto/methods.js';

type Bytes = Uint8Array;
const empty = new Uint8Array(0);

/**
 * The range [key, end) moved under `pfx`, as Go's prefixInterval: an end of "\0" (from a key to the
 * end of the key space, or every key) becomes the end of the prefix's range.
 */
export function prefixInterval(pfx: Bytes, key: Bytes, end: Bytes): { key: Bytes; end: Bytes } {
  const k = Buffer.concat([pfx, key]);
  // A prefix of 0xff bytes only has no end of its own: its range runs to the end of the key space.
  if (end.length === 1 && end[0] === 0) return { key: k, end: prefixEnd(pfx) };
  return { key: k, end: end.length > 0 ? Buffer.concat([pfx, end]) : empty };
}

/** The requests and responses of one namespace. */
export class Namespace {
  readonly prefix: Buffer;

  constructor(prefix: string | Bytes) {
    this.prefix = Buffer.from(prefix);
  }

  private range<T extends { key?: Bytes; range_end?: Bytes }>(r: T): T {
    const { key, end } = prefixInterval(this.prefix, r.key ?? empty, r.range_end ?? empty);
    return { ...r, key, range_end: end };
  }

  /** `key` without the prefix (left as it is when it does not carry it, which etcd never sends). */
  strip(key: Bytes): Bytes {
    const p = this.prefix;
    if (key.length < p.length || !Buffer.from(key.buffer, key.byteOffset, p.length).equals(p))
      return key;
    return key.subarray(p.length);
  }

  private kv<T extends M.KeyValue | undefined>(kv: T): T {
    return (kv ? { ...kv, key: this.strip(kv.key) } : kv) as T;
  }

  /** A transaction with its compares and ops (nested transactions too) in the namespace. */
  txn(t: MessageInit<M.TxnRequest>): MessageInit<M.TxnRequest> {
    return {
      ...t,
      compare: t.compare?.map((c) => {
        const { key, end } = prefixInterval(this.prefix, c.key ?? empty, c.range_end ?? empty);
        return c.range_end?.length ? { ...c, key, range_end: end } : { ...c, key };
      }),
      success: t.success?.map((op) => this.op(op)),
      failure: t.failure?.map((op) => this.op(op)),
    };
  }

  private op(op: MessageInit<M.RequestOp>): MessageInit<M.RequestOp> {
    if (op.request_range) return { request_range: this.range(op.request_range) };
    if (op.request_put)
      return { request_put: { ...op.request_put, key: this.put(op.request_put) } };
    if (op.request_delete_range)
      return { request_delete_range: this.range(op.request_delete_range) };
    if (op.request_txn) return { request_txn: this.txn(op.request_txn) };
    return op;
  }

  private put(p: MessageInit<M.PutRequest>): Bytes {
    return Buffer.concat([this.prefix, p.key ?? empty]);
  }

  /** A transaction's responses with the prefix stripped from every key. */
  txnResponse(r: M.TxnResponse): M.TxnResponse {
    return { ...r, responses: r.responses.map((op) => this.opResponse(op)) };
  }

  private opResponse(op: M.ResponseOp): M.ResponseOp {
    if (op.response_range) return { response_range: this.rangeResponse(op.response_range) };
    if (op.response_put)
      return { response_put: { ...op.response_put, prev_kv: this.kv(op.response_put.prev_kv) } };
    if (op.response_delete_range) {
      const d = op.response_delete_range;
      return { response_delete_range: { ...d, prev_kvs: d.prev_kvs.map((kv) => this.kv(kv)) } };
    }
    if (op.response_txn) return { response_txn: this.txnResponse(op.response_txn) };
    return op;
  }

  private rangeResponse(r: M.RangeResponse): M.RangeResponse {
    return { ...r, kvs: r.kvs.map((kv) => this.kv(kv)) };
  }

  /** A unary request in the namespace (methods without keys pass unchanged). */
  request<K extends UnaryMethod>(
    method: K,
    req: MessageInit<RequestOf<K>>,
  ): MessageInit<RequestOf<K>> {
    switch (method) {
      case 'KV.Range':
      case 'KV.DeleteRange':
        return this.range(req as MessageInit<M.RangeRequest>) as MessageInit<RequestOf<K>>;
      case 'KV.Put': {
        const p = req as MessageInit<M.PutRequest>;
        return { ...p, key: this.put(p) } as MessageInit<RequestOf<K>>;
      }
      case 'KV.Txn':
        return this.txn(req as MessageInit<M.TxnRequest>) as MessageInit<RequestOf<K>>;
      default:
        return req;
    }
  }

  /** A unary response with the prefix stripped from its keys. */
  response<K extends UnaryMethod>(method: K, resp: ResponseOf<K>): ResponseOf<K> {
    switch (method) {
      case 'KV.Range':
        return this.rangeResponse(resp as M.RangeResponse) as ResponseOf<K>;
      case 'KV.Put': {
        const p = resp as M.PutResponse;
        return { ...p, prev_kv: this.kv(p.prev_kv) } as ResponseOf<K>;
      }
      case 'KV.DeleteRange': {
        const d = resp as M.DeleteRangeResponse;
        return { ...d, prev_kvs: d.prev_kvs.map((kv) => this.kv(kv)) } as ResponseOf<K>;
      }
      case 'KV.Txn':
        return this.txnResponse(resp as M.TxnResponse) as ResponseOf<K>;
      case 'Lease.LeaseTimeToLive': {
        // As Go's leasePrefix: keys outside the namespace are not shown.
        const t = resp as M.LeaseTimeToLiveResponse;
        const keys = t.keys.filter((k) => this.strip(k) !== k).map((k) => this.strip(k));
        return { ...t, keys } as ResponseOf<K>;
      }
      default:
        return resp;
    }
  }

  /** A watch request: a create request's key and range end in the namespace. */
  watchRequest(req: MessageInit<M.WatchRequest>): MessageInit<M.WatchRequest> {
    return req.create_request ? { ...req, create_request: this.range(req.create_request) } : req;
  }

  /** A watch response with its events' keys stripped (events decoded from their wire form). */
  watchResponse(resp: M.WatchResponse): M.WatchResponse {
    if (resp.events.length === 0) return resp;
    const events = resp.events.map((e): M.Event => ({
      type: e.type,
      kv: this.kv(e.kv),
      prev_kv: this.kv(e.prev_kv),
    }));
    return { ...resp, events };
  }
}

/** `client` confined to `prefix`: its calls, the recipes' calls and its watches. */
export function withNamespace(client: EtcdClient, prefix: string | Bytes): EtcdClient {
  const ns = new Namespace(prefix);
  // The raw-bytes path (get's wire printer) is left out: its keys cannot be prefixed and stripped
  // without decoding, so confined reads take the decoded path.
  const calls: EtcdClient = { ...client };
  delete calls.unaryBytes;
  return {
    ...calls,
    keyspace: ns,
    async unary(method, req, opts) {
      return ns.response(method, await client.unary(method, ns.request(method, req), opts));
    },
  };
}
