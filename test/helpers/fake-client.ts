// An in-memory EtcdClient for running commands in-process without a server: a sorted key space
// with revisions that answers KV.Range, KV.Put and KV.DeleteRange as etcd does for the cases the
// fake-client tests use, and records every request. Streams are not faked.
import type { Connect } from '../../src/etcd/client-config.js';
import type { EtcdClient } from '../../src/etcd/client.js';
import { EtcdError } from '../../src/etcd/errors.js';
import type { KeyValue } from '../../src/etcd/proto/gen/messages.js';

const header = (revision: bigint) => ({ cluster_id: 1n, member_id: 2n, revision, raft_term: 3n });

function inRange(key: Buffer, start: Buffer, end: Buffer): boolean {
  if (end.length === 0) return key.equals(start);
  if (end.length === 1 && end[0] === 0) return Buffer.compare(key, start) >= 0;
  return Buffer.compare(key, start) >= 0 && Buffer.compare(key, end) < 0;
}

/** The fake's state and what it was asked. */
export class FakeEtcd {
  revision = 1n;
  readonly kvs = new Map<string, KeyValue>();
  readonly calls: { method: string; req: unknown }[] = [];
  /** When set, every call fails with this server text. */
  failWith: string | undefined;
  /** How often a client was made. */
  connects = 0;

  private sorted(start: Buffer, end: Buffer): KeyValue[] {
    return [...this.kvs.values()]
      .filter((kv) => inRange(Buffer.from(kv.key), start, end))
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  private answer(method: string, req: Record<string, unknown>): unknown {
    const b = (v: unknown) => Buffer.from((v as Uint8Array | undefined) ?? new Uint8Array(0));
    switch (method) {
      case 'KV.Range': {
        const all = this.sorted(b(req.key), b(req.range_end));
        const limit = Number((req.limit as bigint | undefined) ?? 0n);
        const kvs = limit > 0 ? all.slice(0, limit) : all;
        return {
          header: header(this.revision),
          kvs: req.count_only
            ? []
            : kvs.map((kv) => (req.keys_only ? { ...kv, value: new Uint8Array(0) } : kv)),
          more: kvs.length < all.length,
          count: BigInt(all.length),
        };
      }
      case 'KV.Put': {
        const key = b(req.key);
        const prev = this.kvs.get(key.toString('latin1'));
        this.revision += 1n;
        this.kvs.set(key.toString('latin1'), {
          key,
          value: b(req.value),
          create_revision: prev?.create_revision ?? this.revision,
          mod_revision: this.revision,
          version: (prev?.version ?? 0n) + 1n,
          lease: 0n,
        });
        return { header: header(this.revision), prev_kv: req.prev_kv ? prev : undefined };
      }
      case 'KV.DeleteRange': {
        const gone = this.sorted(b(req.key), b(req.range_end));
        if (gone.length > 0) this.revision += 1n;
        for (const kv of gone) this.kvs.delete(Buffer.from(kv.key).toString('latin1'));
        return {
          header: header(this.revision),
          deleted: BigInt(gone.length),
          prev_kvs: req.prev_kv ? gone : [],
        };
      }
      default:
        throw new Error(`the fake does not answer ${method}`);
    }
  }

  /** A Connect that hands out clients of this fake. */
  connect: Connect = async () => {
    this.connects++;
    const client: Partial<EtcdClient> = {
      unary: (async (method: string, req: Record<string, unknown>) => {
        this.calls.push({ method, req });
        if (this.failWith) throw new EtcdError(this.failWith, 9, this.failWith);
        return this.answer(method, req);
      }) as EtcdClient['unary'],
      metadata: () => ({}),
      reauthenticate: async () => undefined,
      close: async () => undefined,
    };
    return client as EtcdClient;
  };
}
