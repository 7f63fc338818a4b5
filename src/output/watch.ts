// watch's printers (etcdctl's printer_*.go Watch methods). What they print is the Go client's
// WatchResponse, not the proto: JSON has Go field names outside (`Header`, `Events`, ...) and proto
// names inside the events; protobuf re-encodes only header, created, canceled, compact revision
// and events; simple and fields print the events one after another.
import type { Event, KeyValue, WatchResponse } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import type { Part, PrinterSet } from './print.js';
import { jsonString, toJsonItems } from './json.js';
import { ByteBuilder, fieldsHeader, fieldsKv, type PrintOptions, simpleKv } from './kv.js';
import { JsonOut } from './json-out.js';
import { allWire, eventsJson, eventsSimple } from './watch-wire.js';

const eventTypes = ['PUT', 'DELETE'];
const emptyKv: KeyValue = {
  key: new Uint8Array(0),
  create_revision: 0n,
  mod_revision: 0n,
  version: 0n,
  value: new Uint8Array(0),
  lease: 0n,
};

/** Go's String() of mvccpb.Event_EventType: the name, or the number when it has none. */
export function eventTypeName(type: number): string {
  return eventTypes[type] ?? String(type);
}

/** The Go client's IsProgressNotify: no events, not created/canceled/compacted, a revision. */
export function isProgressNotify(r: WatchResponse): boolean {
  return (
    r.events.length === 0 &&
    !r.canceled &&
    !r.created &&
    r.compact_revision === 0n &&
    (r.header?.revision ?? 0n) !== 0n
  );
}

/** simple: per event its type, the previous key-value when present, then the key-value. */
export function simpleWatch(r: WatchResponse, opts: PrintOptions): Uint8Array {
  if (allWire(r.events)) return eventsSimple(r.events, opts.hex);
  const out = new ByteBuilder();
  const kvOpts = { hex: opts.hex, valueOnly: false };
  for (const ev of r.events) {
    out.line(eventTypeName(ev.type));
    if (ev.prev_kv) simpleKv(out, ev.prev_kv, kvOpts);
    simpleKv(out, ev.kv ?? emptyKv, kvOpts);
  }
  return out.build();
}

/** fields: the header block of every response, then `"Type"`, `Prev…` and the key-value. */
export function fieldsWatch(r: WatchResponse, opts: PrintOptions): string {
  let out = fieldsHeader(r.header, opts);
  for (const ev of r.events) {
    out += `"Type" : ${eventTypeName(ev.type)}\n`;
    if (ev.prev_kv) out += fieldsKv(ev.prev_kv, 'Prev', opts);
    out += fieldsKv(ev.kv ?? emptyKv, '', opts);
  }
  return out;
}

/**
 * json: Go's encoding of clientv3.WatchResponse (main): Header always (`{}` when absent), Events
 * `null` when empty, then CompactRevision, Canceled, Created and CancelReason, always present.
 */
export function jsonWatch(r: WatchResponse): Uint8Array {
  const out = new JsonOut(160 * r.events.length + 256);
  out.text('{"Header":');
  // toJsonItems with a small size hint: toJson's 64 KiB buffer per response would be garbage at
  // every one of thousands of responses a second.
  if (r.header) out.raw(toJsonItems('ResponseHeader', [r.header], 128));
  else out.text('{}');
  out.text(',"Events":');
  if (r.events.length === 0) out.text('null');
  else if (allWire(r.events)) eventsJson(out, r.events);
  else {
    out.byte(0x5b);
    out.raw(toJsonItems('Event', r.events as Event[], 160 * r.events.length + 64));
    out.byte(0x5d);
  }
  out.text(
    `,"CompactRevision":${r.compact_revision},"Canceled":${r.canceled},"Created":${r.created},` +
      `"CancelReason":${jsonString(r.cancel_reason)}}\n`,
  );
  return out.buf.subarray(0, out.pos);
}

/** protobuf: a WatchResponse holding only header (always), created, canceled, compact revision and events. */
export function protobufWatch(r: WatchResponse): Uint8Array {
  return encode('WatchResponse', {
    header: r.header ?? {},
    created: r.created,
    canceled: r.canceled,
    compact_revision: r.compact_revision,
    events: r.events,
  });
}

/** watch's printers; `table` is missing (etcdctl fails when the first response arrives). */
export const watchPrinters: PrinterSet<(r: WatchResponse, opts: PrintOptions) => Part> = {
  simple: simpleWatch,
  fields: fieldsWatch,
  json: jsonWatch,
  protobuf: protobufWatch,
};
