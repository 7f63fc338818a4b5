// Events kept in wire form print exactly as the same events decoded into objects, in every format:
// the fast paths (watch-wire.ts) against the generic printers, over awkward values.
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/etcd/proto/codec.js';
import type { Event, KeyValue, WatchResponse } from '../../src/etcd/proto/gen/messages.js';
import { WireEvent, decodeWatchResponse, modRevision } from '../../src/etcd/watch/decode.js';
import { fieldsWatch, jsonWatch, protobufWatch, simpleWatch } from '../../src/output/watch.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const kv = (k: string, v: string, mod: bigint, extra: Partial<KeyValue> = {}): KeyValue => ({
  key: bytes(k),
  value: bytes(v),
  create_revision: 2n,
  mod_revision: mod,
  version: 1n,
  lease: 0n,
  ...extra,
});
const events: Event[] = [
  { type: 0, kv: kv('a', 'v1', 5n) },
  { type: 1, kv: kv('a', '', 6n, { create_revision: 0n, version: 0n }) },
  {
    type: 0,
    kv: kv('b\xff\n', 'x"<>&\u0001', 7n, { lease: -1n }),
    prev_kv: kv('b\xff\n', 'o', 3n),
  },
  { type: 0, kv: kv('', 'y'.repeat(100), 9007199254740993n, { version: 2n ** 62n }) },
  { type: 0, kv: kv('long'.repeat(20), '', 10n, { lease: 7587862078012345678n }) },
  { type: 0 },
  { type: 5, kv: kv('odd', 'type', 11n), prev_kv: kv('odd', '', 0n) },
];
const response: WatchResponse = {
  header: { cluster_id: 1n << 63n, member_id: 42n, revision: 12n, raft_term: 3n },
  watch_id: 1n,
  created: false,
  canceled: false,
  compact_revision: 0n,
  cancel_reason: '',
  fragment: false,
  events,
};
const wire = decodeWatchResponse(encode('WatchResponse', response));
const plain = decode('WatchResponse', encode('WatchResponse', response));
const text = (b: string | Uint8Array) => Buffer.from(b as never).toString('latin1');

describe('watch events in wire form', () => {
  it('are decoded lazily, with the same fields', () => {
    expect(wire.events.every((e) => e instanceof WireEvent)).toBe(true);
    expect(wire.header).toEqual(response.header);
    expect(wire.events.map((e) => e.kv?.mod_revision)).toEqual(
      events.map((e) => e.kv?.mod_revision),
    );
    expect(wire.events.map(modRevision)).toEqual(events.map((e) => e.kv?.mod_revision ?? 0n));
    expect(text(wire.events[2]!.prev_kv!.key)).toBe('b\xff\n');
  });

  it.each([false, true])('print the same bytes in every format (hex %s)', (hex) => {
    const opts = { hex };
    expect(text(simpleWatch(wire, opts))).toBe(text(simpleWatch(plain, opts)));
    expect(text(jsonWatch(wire))).toBe(text(jsonWatch(plain)));
    expect(fieldsWatch(wire, opts)).toBe(fieldsWatch(plain, opts));
    expect(text(protobufWatch(wire))).toBe(text(protobufWatch(plain)));
  });

  it('keep other fields of the response', () => {
    const r = { ...response, created: true, canceled: true, fragment: true, events: [] };
    const d = decodeWatchResponse(
      encode('WatchResponse', { ...r, watch_id: -1n, compact_revision: 9n, cancel_reason: 'é' }),
    );
    expect(d).toMatchObject({ created: true, canceled: true, fragment: true, watch_id: -1n });
    expect(d).toMatchObject({ compact_revision: 9n, cancel_reason: 'é' });
  });
});
