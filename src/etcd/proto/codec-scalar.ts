// Reading and writing single scalar values by kind code, for the table-driven codec. 64-bit values
// stay in two 32-bit halves until the end; a BigInt is built from a Number whenever the value is
// below 2^53 (the common case: revisions, IDs of small clusters, counts).
import {
  BOOL,
  BYTES,
  DOUBLE,
  ENUM,
  FIXED32,
  FIXED64,
  FLOAT,
  INT32,
  INT64,
  SFIXED32,
  SFIXED64,
  SINT32,
  SINT64,
  STRING,
  UINT32,
  UINT64,
} from './codec-table.js';
import { WireError } from './wire.js';
import type { Reader } from './wire.js';
import type { Writer } from './wire-writer.js';

const TWO_32 = 4294967296;
// A high half below 2^21 means the value is below 2^53: exact as a Number.
const SAFE_HI = 0x200000;
const MASK_32 = 0xffffffffn;

/** Reads one non-message value of the given kind. */
export function readScalar(r: Reader, kind: number): unknown {
  switch (kind) {
    case INT64:
      return toBigInt(r.varint64(), r.hi, true);
    case UINT64:
      return toBigInt(r.varint64(), r.hi, false);
    case SINT64: {
      const lo = r.varint64();
      const hi = r.hi;
      if (hi < SAFE_HI) {
        const n = hi * TWO_32 + lo;
        return BigInt(lo & 1 ? -(n + 1) / 2 : n / 2);
      }
      const u = (BigInt(hi) << 32n) | BigInt(lo);
      return (u >> 1n) ^ -(u & 1n);
    }
    case FIXED64:
      return toBigInt(r.fixed64(), r.hi, false);
    case SFIXED64:
      return toBigInt(r.fixed64(), r.hi, true);
    case INT32:
    case ENUM:
      return r.uint32() | 0;
    case UINT32:
      return r.uint32();
    case SINT32: {
      const n = r.uint32();
      return (n >>> 1) ^ -(n & 1);
    }
    case FIXED32:
      return r.fixed32();
    case SFIXED32:
      return r.fixed32() | 0;
    case BOOL:
      return r.varint64() !== 0 || r.hi !== 0;
    case STRING:
      return r.string();
    case BYTES:
      return r.bytes();
    case DOUBLE:
      return r.double();
    case FLOAT:
      return r.float();
    default:
      throw new WireError(`unexpected field kind ${kind}`);
  }
}

// Versions, counts and small revisions repeat across a large response: share their BigInts.
const SMALL = Array.from({ length: 1024 }, (_, i) => BigInt(i));

function toBigInt(lo: number, hi: number, signed: boolean): bigint {
  if (hi === 0 && lo < 1024) return SMALL[lo]!;
  if (hi < SAFE_HI) return BigInt(hi * TWO_32 + lo);
  const u = (BigInt(hi) << 32n) | BigInt(lo);
  return signed ? BigInt.asIntN(64, u) : u;
}

/** Tells whether a singular proto3 scalar holds its zero value (and so is not written). */
export function isZero(kind: number, v: unknown): boolean {
  switch (kind) {
    case STRING:
      return (v as string).length === 0;
    case BYTES:
      return (v as Uint8Array).length === 0;
    case BOOL:
      return v === false;
    default:
      // Numbers and bigints; `==` so that 0n and 0 both count.
      return v == 0;
  }
}

/** Writes one non-message value of the given kind, without its key. */
export function writeScalar(w: Writer, kind: number, v: unknown): void {
  switch (kind) {
    case INT64:
    case UINT64:
      return writeVarint64(w, v as bigint);
    case SINT64: {
      const n = BigInt(v as bigint);
      return writeVarint64(w, n >= 0n ? n << 1n : (-n << 1n) - 1n);
    }
    case FIXED64:
    case SFIXED64: {
      const u = BigInt.asUintN(64, BigInt(v as bigint));
      w.fixed32(Number(u & MASK_32));
      return w.fixed32(Number(u >> 32n));
    }
    case INT32:
    case ENUM:
      return w.int32((v as number) | 0);
    case UINT32:
      return w.varint((v as number) >>> 0);
    case SINT32: {
      const n = (v as number) | 0;
      return w.varint(((n << 1) ^ (n >> 31)) >>> 0);
    }
    case FIXED32:
    case SFIXED32:
      return w.fixed32(v as number);
    case BOOL:
      return w.varint(v ? 1 : 0);
    case STRING:
      return w.string(v as string);
    case BYTES:
      return w.bytes(v as Uint8Array);
    case DOUBLE:
      return w.double(v as number);
    case FLOAT:
      return w.float(v as number);
    default:
      throw new WireError(`unexpected field kind ${kind}`);
  }
}

// Accepts a Number too, for callers that build requests from small literals.
function writeVarint64(w: Writer, v: bigint | number): void {
  if (typeof v === 'number' && v >= 0 && Number.isSafeInteger(v)) return w.varint(v);
  const u = BigInt.asUintN(64, BigInt(v));
  if (u < 0x20000000000000n) return w.varint(Number(u));
  w.varint64(Number(u & MASK_32), Number(u >> 32n));
}
