// Decoding WatchResponses for a watch that may receive hundreds of thousands of events: the events
// stay as their wire bytes (WireEvent) and are decoded into objects only when a field is read;
// the simple and json printers read them straight from the bytes (scanKv), so draining a backlog
// allocates almost nothing per event.
import { decode } from '../proto/codec.js';
import type { Event, KeyValue, ResponseHeader, WatchResponse } from '../proto/gen/messages.js';
import { Reader } from '../proto/wire.js';

/** One event of a WatchResponse, kept as its bytes; reading `type`, `kv` or `prev_kv` decodes it. */
export class WireEvent implements Event {
  private full: Event | undefined;

  constructor(
    readonly buf: Uint8Array,
    readonly start: number,
    readonly end: number,
  ) {}

  private get decoded(): Event {
    return (this.full ??= decode('Event', this.buf.subarray(this.start, this.end)));
  }

  get type(): number {
    return this.decoded.type;
  }

  get kv(): KeyValue | undefined {
    return this.decoded.kv;
  }

  get prev_kv(): KeyValue | undefined {
    return this.decoded.prev_kv;
  }
}

/** Where an event's parts lie: its type and the byte ranges of kv and prev_kv (-1: absent). */
export interface EventSpan {
  type: number;
  kv0: number;
  kv1: number;
  prev0: number;
  prev1: number;
}

/** Where a KeyValue's parts lie: key and value byte ranges, the integers (exact). */
export interface KvSpan {
  key0: number;
  key1: number;
  value0: number;
  value1: number;
  create: number | bigint;
  mod: number | bigint;
  version: number | bigint;
  lease: number | bigint;
}

function int64(r: Reader): number | bigint {
  const lo = r.varint64();
  const hi = r.hi;
  // Below 2^53 a Number is exact; above, or negative, a BigInt.
  if (hi < 0x200000) return hi * 4294967296 + lo;
  return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
}

/** Reads an event's field positions into `into` (no allocation). */
export function scanEvent(ev: WireEvent, into: EventSpan): void {
  into.type = 0;
  into.kv0 = into.kv1 = into.prev0 = into.prev1 = -1;
  const r = new Reader(ev.buf, ev.end);
  r.pos = ev.start;
  while (r.pos < ev.end) {
    const tag = r.uint32();
    if (tag === 0x08) into.type = r.uint32() | 0;
    else if (tag === 0x12 || tag === 0x1a) {
      const end = r.delimitedEnd();
      if (tag === 0x12) [into.kv0, into.kv1] = [r.pos, end];
      else [into.prev0, into.prev1] = [r.pos, end];
      r.pos = end;
    } else r.skip(tag & 7);
  }
}

/** Reads a KeyValue's field positions (bytes [start, end) of buf) into `into`. */
export function scanKv(buf: Uint8Array, start: number, end: number, into: KvSpan): void {
  into.key0 = into.key1 = into.value0 = into.value1 = start;
  into.create = into.mod = into.version = into.lease = 0;
  const r = new Reader(buf, end);
  r.pos = start;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case 0x0a:
      case 0x2a: {
        const e = r.delimitedEnd();
        if (tag === 0x0a) [into.key0, into.key1] = [r.pos, e];
        else [into.value0, into.value1] = [r.pos, e];
        r.pos = e;
        break;
      }
      case 0x10:
        into.create = int64(r);
        break;
      case 0x18:
        into.mod = int64(r);
        break;
      case 0x20:
        into.version = int64(r);
        break;
      case 0x30:
        into.lease = int64(r);
        break;
      default:
        r.skip(tag & 7);
    }
  }
}

/** The mod_revision of an event (its kv), read from the bytes when it is a WireEvent. */
export function modRevision(ev: Event): bigint {
  if (!(ev instanceof WireEvent)) return ev.kv?.mod_revision ?? 0n;
  const span: EventSpan = { type: 0, kv0: -1, kv1: -1, prev0: -1, prev1: -1 };
  scanEvent(ev, span);
  if (span.kv0 < 0) return 0n;
  const kv = { key0: 0, key1: 0, value0: 0, value1: 0, create: 0, mod: 0, version: 0, lease: 0 };
  scanKv(ev.buf, span.kv0, span.kv1, kv);
  return BigInt(kv.mod);
}

/** Decodes a WatchResponse; its events are WireEvents (the stream's deserializer). */
export function decodeWatchResponse(buf: Uint8Array): WatchResponse {
  const out: WatchResponse = {
    header: undefined,
    watch_id: 0n,
    created: false,
    canceled: false,
    compact_revision: 0n,
    cancel_reason: '',
    fragment: false,
    events: [],
  };
  const r = new Reader(buf);
  while (r.pos < buf.length) {
    const tag = r.uint32();
    switch (tag) {
      case 0x0a: {
        const e = r.delimitedEnd();
        out.header = decode('ResponseHeader', buf.subarray(r.pos, e)) as ResponseHeader;
        r.pos = e;
        break;
      }
      case 0x10:
        out.watch_id = BigInt(int64(r));
        break;
      case 0x18:
      case 0x20:
      case 0x38: {
        const v = r.varint64() !== 0 || r.hi !== 0;
        if (tag === 0x18) out.created = v;
        else if (tag === 0x20) out.canceled = v;
        else out.fragment = v;
        break;
      }
      case 0x28:
        out.compact_revision = BigInt(int64(r));
        break;
      case 0x32:
        out.cancel_reason = r.string();
        break;
      case 0x5a: {
        const e = r.delimitedEnd();
        out.events.push(new WireEvent(buf, r.pos, e));
        r.pos = e;
        break;
      }
      default:
        r.skip(tag & 7);
    }
  }
  return out;
}
