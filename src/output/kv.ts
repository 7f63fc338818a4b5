// Row builders shared by the printers of get, put, del (and later txn, watch, lock, elect), as
// etcdctl's printer.go shares printKV and the fields header.
import type { KeyValue, ResponseHeader } from '../etcd/proto/gen/messages.js';
import { ByteBuilder, hexEscaped } from './bytes.js';
import { goQuote, hexId, hexLease } from '../go/format.js';

/** Options every printer understands. */
export interface PrintOptions {
  hex: boolean;
  valueOnly?: boolean;
}

/** Simple output of one key-value: key line (unless value-only) and value line, raw bytes. */
export function simpleKv(out: ByteBuilder, kv: KeyValue, opts: PrintOptions): void {
  if (opts.hex) {
    if (!opts.valueOnly) out.line(hexEscaped(kv.key));
    out.line(hexEscaped(kv.value));
    return;
  }
  if (!opts.valueOnly) out.line(kv.key);
  out.line(kv.value);
}

/** The fields header block; with --hex the IDs are hex and Revision only shows when set (3.6+). */
export function fieldsHeader(h: ResponseHeader | undefined, opts: PrintOptions): string {
  const cluster = h?.cluster_id ?? 0n;
  const member = h?.member_id ?? 0n;
  const revision = h?.revision ?? 0n;
  let out = opts.hex
    ? `"ClusterID" : ${hexId(cluster)}\n"MemberID" : ${hexId(member)}\n`
    : `"ClusterID" : ${cluster}\n"MemberID" : ${member}\n`;
  if (revision > 0n) out += `"Revision" : ${revision}\n`;
  return `${out}"RaftTerm" : ${h?.raft_term ?? 0n}\n`;
}

/** The fields block of one key-value, optionally prefixed (`Prev`). */
export function fieldsKv(kv: KeyValue, prefix: string, opts: PrintOptions): string {
  const lease = opts.hex ? hexLease(kv.lease) : String(kv.lease);
  return (
    `"${prefix}Key" : ${goQuote(kv.key)}\n` +
    `"${prefix}CreateRevision" : ${kv.create_revision}\n` +
    `"${prefix}ModRevision" : ${kv.mod_revision}\n` +
    `"${prefix}Version" : ${kv.version}\n` +
    `"${prefix}Value" : ${goQuote(kv.value)}\n` +
    `"${prefix}Lease" : ${lease}\n`
  );
}

export { ByteBuilder };
