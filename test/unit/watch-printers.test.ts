// watch's printers, byte for byte: the shapes etcdctl (main) prints for event, progress and
// cancellation responses in simple, json, fields and protobuf, with and without --hex.
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/etcd/proto/codec.js';
import type { KeyValue, WatchResponse } from '../../src/etcd/proto/gen/messages.js';
import { closeResponse } from '../../src/etcd/watch/track.js';
import {
  fieldsWatch,
  isProgressNotify,
  jsonWatch,
  protobufWatch,
  simpleWatch,
  watchPrinters,
} from '../../src/output/watch.js';
import { printerOf } from '../../src/output/print.js';

const header = {
  cluster_id: 18446744073709551615n,
  member_id: 9686845212206760991n,
  revision: 57n,
  raft_term: 2n,
};
const kv = (key: string, value: string, rev: bigint, version = 1n, lease = 0n): KeyValue => ({
  key: Buffer.from(key, 'latin1'),
  value: Buffer.from(value, 'latin1'),
  create_revision: rev - version + 1n,
  mod_revision: rev,
  version,
  lease,
});
const base: WatchResponse = {
  header,
  watch_id: 3n,
  created: false,
  canceled: false,
  compact_revision: 0n,
  cancel_reason: '',
  fragment: false,
  events: [],
};
const put = { ...base, events: [{ type: 0, kv: kv('wk', 'v1', 57n) }] };
const txn: WatchResponse = {
  ...base,
  events: [
    { type: 0, kv: kv('a\xff', 'x\n"y"', 57n, 2n, 7n), prev_kv: kv('a\xff', 'old', 50n) },
    { type: 1, kv: { ...kv('wk', '', 57n, 0n), create_revision: 0n } },
  ],
};
const compacted: WatchResponse = {
  ...base,
  header: { ...header, revision: 0n },
  canceled: true,
  compact_revision: 7n,
};
const text = (b: string | Uint8Array) => Buffer.from(b as never).toString('latin1');

describe('watch printers', () => {
  it('simple: type line, previous key-value, key-value; a DELETE prints an empty value', () => {
    expect(text(simpleWatch(put, { hex: false }))).toBe('PUT\nwk\nv1\n');
    expect(text(simpleWatch(txn, { hex: false }))).toBe(
      'PUT\na\xff\nold\na\xff\nx\n"y"\nDELETE\nwk\n\n',
    );
    expect(text(simpleWatch(txn, { hex: true }))).toBe(
      'PUT\n\\x61\\xff\n\\x6f\\x6c\\x64\n\\x61\\xff\n\\x78\\x0a\\x22\\x79\\x22\nDELETE\n\\x77\\x6b\n\n',
    );
    expect(text(simpleWatch(compacted, { hex: false }))).toBe('');
  });

  it('json: Go field names outside, proto names inside, Events null when empty', () => {
    expect(text(jsonWatch(put))).toBe(
      '{"Header":{"cluster_id":18446744073709551615,"member_id":9686845212206760991,' +
        '"revision":57,"raft_term":2},"Events":[{"kv":{"key":"d2s=","create_revision":57,' +
        '"mod_revision":57,"version":1,"value":"djE="}}],"CompactRevision":0,"Canceled":false,' +
        '"Created":false,"CancelReason":""}\n',
    );
    expect(text(jsonWatch(txn))).toContain(
      '"Events":[{"kv":{"key":"Yf8=","create_revision":56,"mod_revision":57,"version":2,' +
        '"value":"eAoieSI=","lease":7},"prev_kv":{"key":"Yf8=","create_revision":50,' +
        '"mod_revision":50,"version":1,"value":"b2xk"}},{"type":1,"kv":{"key":"d2s=",' +
        '"mod_revision":57}}]',
    );
    expect(text(jsonWatch(compacted))).toBe(
      '{"Header":{"cluster_id":18446744073709551615,"member_id":9686845212206760991,' +
        '"raft_term":2},"Events":null,"CompactRevision":7,"Canceled":true,"Created":false,' +
        '"CancelReason":""}\n',
    );
    expect(text(jsonWatch({ ...closeResponse(), cancel_reason: 'a<b' }))).toBe(
      '{"Header":{},"Events":null,"CompactRevision":0,"Canceled":true,"Created":false,' +
        '"CancelReason":"a\\u003cb"}\n',
    );
    expect(text(jsonWatch({ ...base, header: undefined }))).toMatch(/^\{"Header":\{\},/);
  });

  it('fields: the header block for every response, Revision only when set', () => {
    expect(fieldsWatch(txn, { hex: false })).toBe(
      '"ClusterID" : 18446744073709551615\n"MemberID" : 9686845212206760991\n' +
        '"Revision" : 57\n"RaftTerm" : 2\n"Type" : PUT\n' +
        '"PrevKey" : "a\\xff"\n"PrevCreateRevision" : 50\n"PrevModRevision" : 50\n' +
        '"PrevVersion" : 1\n"PrevValue" : "old"\n"PrevLease" : 0\n' +
        '"Key" : "a\\xff"\n"CreateRevision" : 56\n"ModRevision" : 57\n"Version" : 2\n' +
        '"Value" : "x\\n\\"y\\""\n"Lease" : 7\n"Type" : DELETE\n' +
        '"Key" : "wk"\n"CreateRevision" : 0\n"ModRevision" : 57\n"Version" : 0\n' +
        '"Value" : ""\n"Lease" : 0\n',
    );
    expect(fieldsWatch(compacted, { hex: true })).toBe(
      '"ClusterID" : ffffffffffffffff\n"MemberID" : 866e9665bbc7041f\n"RaftTerm" : 2\n',
    );
    expect(fieldsWatch(closeResponse(), { hex: false })).toBe(
      '"ClusterID" : 0\n"MemberID" : 0\n"RaftTerm" : 0\n',
    );
  });

  it('protobuf: header (always), created, canceled, compact revision, events; no watch_id', () => {
    const round = decode('WatchResponse', protobufWatch(txn));
    expect(round.watch_id).toBe(0n);
    expect(round.events).toHaveLength(2);
    expect(round.header).toEqual(header);
    expect(Buffer.from(protobufWatch(closeResponse())).toString('hex')).toBe('0a002001');
    expect(Buffer.from(protobufWatch(compacted)).toString('hex')).toMatch(/^0a.*20012807$/);
  });

  it('table fails on the first response, as etcdctl does (exit 4)', () => {
    expect(() => printerOf(watchPrinters, 'table')(put, { hex: false })).toThrow(
      'table not supported as output format',
    );
  });

  it('progress notifications: no events, not created/canceled, a revision', () => {
    expect(isProgressNotify(base)).toBe(true);
    expect(isProgressNotify(put)).toBe(false);
    expect(isProgressNotify({ ...base, created: true })).toBe(false);
    expect(isProgressNotify(compacted)).toBe(false);
    expect(isProgressNotify({ ...base, header: undefined })).toBe(false);
  });
});
