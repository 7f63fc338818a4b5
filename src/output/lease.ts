// The printers of `lease` (etcdctl's printer_*.go Grant, Revoke, KeepAlive, TimeToLive, Leases).
// Their JSON comes from the Go client's wrapper structs, not the proto messages: the header's
// fields are flattened into the top level and the other keys are Go names or explicit tags; their
// protobuf is the header alone (the embedded header's marshaller is what Go finds).
import type {
  LeaseGrantResponse,
  LeaseKeepAliveResponse,
  LeaseLeasesResponse,
  LeaseRevokeResponse,
  LeaseTimeToLiveResponse,
  ResponseHeader,
} from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import { BadFeatureError } from '../errors.js';
import type { Part, PrinterSet } from './print.js';
import { ByteBuilder } from './bytes.js';
import { hexLease } from '../go/format.js';
import { goQuote } from '../go/format.js';
import { jsonBytes, jsonEntries, jsonObject, jsonString, toJson } from './json.js';
import { fieldsHeader, type PrintOptions } from './kv.js';

/** One lease response with what its printer needs besides the response. */
export type LeaseOutput =
  | { kind: 'grant'; resp: LeaseGrantResponse }
  | { kind: 'revoke'; id: bigint; resp: LeaseRevokeResponse }
  | { kind: 'keepalive'; resp: LeaseKeepAliveResponse }
  | { kind: 'timetolive'; resp: LeaseTimeToLiveResponse; keys: boolean }
  | { kind: 'leases'; resp: LeaseLeasesResponse };

/** The printers of every lease response; `table` is missing, as etcdctl rejects it (exit 4). */
export const leasePrinters: PrinterSet<(out: LeaseOutput, opts: PrintOptions) => Part> = {
  simple: (out) => simpleLease(out),
  json: (out) => `${jsonLease(out)}\n`,
  fields: fieldsLease,
  protobuf: (out) => {
    if (out.kind === 'revoke') throw new BadFeatureError(revokeMarshalError(out.resp));
    return encode('ResponseHeader', out.resp.header ?? {});
  },
};

/** etcdctl's simple line(s); keys of `timetolive --keys` are raw bytes. */
export function simpleLease(out: LeaseOutput): string | Uint8Array {
  switch (out.kind) {
    case 'grant':
      return `lease ${hexLease(out.resp.ID)} granted with TTL(${out.resp.TTL}s)\n`;
    case 'revoke':
      return `lease ${hexLease(out.id)} revoked\n`;
    case 'keepalive':
      return `lease ${hexLease(out.resp.ID)} keepalived with TTL(${out.resp.TTL})\n`;
    case 'timetolive': {
      const r = out.resp;
      if (r.grantedTTL === 0n && r.TTL === -1n) return `lease ${hexLease(r.ID)} already expired\n`;
      const b = new ByteBuilder().text(
        `lease ${hexLease(r.ID)} granted with TTL(${r.grantedTTL}s), remaining(${r.TTL}s)`,
      );
      if (out.keys) {
        // Go's %v of a []string: `[a b]`, each key as its raw bytes.
        b.text(', attached keys([');
        r.keys.forEach((k, i) => (i > 0 ? b.text(' ') : b).bytes(k));
        b.text('])');
      }
      return b.line('').build();
    }
    case 'leases':
      return (
        `found ${out.resp.leases.length} leases\n` +
        out.resp.leases.map((l) => `${hexLease(l.ID)}\n`).join('')
      );
  }
}

/** The header's non-zero fields as top-level JSON entries (Go's embedded `*ResponseHeader`). */
function flatHeader(h: ResponseHeader | undefined): [string, string][] {
  return h ? jsonEntries('ResponseHeader', h) : [];
}

function jsonLease(out: LeaseOutput): string {
  switch (out.kind) {
    case 'grant': {
      const r = out.resp;
      return jsonObject([
        ...flatHeader(r.header),
        ['ID', String(r.ID)],
        ['TTL', String(r.TTL)],
        ['Error', jsonString(r.error)],
      ]);
    }
    case 'revoke':
      return toJson('LeaseRevokeResponse', out.resp);
    case 'keepalive':
      return jsonObject([
        ...flatHeader(out.resp.header),
        ['ID', String(out.resp.ID)],
        ['TTL', String(out.resp.TTL)],
      ]);
    case 'timetolive': {
      const r = out.resp;
      // A nil []byte slice in Go: `null` when the server sent no keys.
      const keys = r.keys.length ? `[${r.keys.map(jsonBytes).join(',')}]` : 'null';
      return jsonObject([
        ...flatHeader(r.header),
        ['id', String(r.ID)],
        ['ttl', String(r.TTL)],
        ['granted-ttl', String(r.grantedTTL)],
        ['keys', keys],
      ]);
    }
    case 'leases':
      return jsonObject([
        ...flatHeader(out.resp.header),
        ['leases', `[${out.resp.leases.map((l) => `{"id":${l.ID}}`).join(',')}]`],
      ]);
  }
}

function fieldsLease(out: LeaseOutput, opts: PrintOptions): string {
  const id = (v: bigint) => `"ID" : ${opts.hex ? hexLease(v) : String(v)}\n`;
  const head = fieldsHeader(out.resp.header, opts);
  switch (out.kind) {
    case 'grant':
    case 'keepalive':
      return `${head}${id(out.resp.ID)}"TTL" : ${out.resp.TTL}\n`;
    case 'revoke':
      return head;
    case 'timetolive': {
      const r = out.resp;
      let s = `${head}${id(r.ID)}"TTL" : ${r.TTL}\n"GrantedTTL" : ${r.grantedTTL}\n`;
      for (const k of r.keys) s += `"Key" : ${goQuote(k)}\n`;
      return s;
    }
    case 'leases':
      return head + out.resp.leases.map((l) => id(l.ID)).join('');
  }
}

/**
 * etcdctl 3.4's error for `lease revoke -w protobuf` (the wrapper type is no proto message): Go's
 * %v of the struct, whose header prints in gogoproto's compact text form. main prints the same
 * through a pointer with build-dependent spacing, so the stable 3.4 text is kept.
 */
export function revokeMarshalError(resp: LeaseRevokeResponse): string {
  const h = resp.header;
  const text = h
    ? (
        [
          ['cluster_id', h.cluster_id],
          ['member_id', h.member_id],
          ['revision', h.revision],
          ['raft_term', h.raft_term],
        ] as const
      )
        .filter(([, v]) => v !== 0n)
        .map(([k, v]) => `${k}:${v} `)
        .join('')
    : '<nil>';
  return `marshal unsupported for type clientv3.LeaseRevokeResponse ({${text}})`;
}
