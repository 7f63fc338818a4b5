// Compiles the generated schema descriptors into the lookup tables the codec runs on: each message
// once, on first use, into a field array indexed by field number (decode) and one sorted by it
// (encode), plus a template object of zero values cloned for every decoded message.
import { schema } from './gen/schema.js';
import type { FieldKind } from './schema-types.js';

/** A decoded or to-be-encoded message, seen generically. */
export type Obj = Record<string, unknown>;

// Numeric kind codes keep the per-field switch on small integers; 64-bit kinds come first so
// `kind <= SFIXED64` means "a bigint".
export const INT64 = 0;
export const UINT64 = 1;
export const SINT64 = 2;
export const FIXED64 = 3;
export const SFIXED64 = 4;
export const INT32 = 5;
export const UINT32 = 6;
export const SINT32 = 7;
export const FIXED32 = 8;
export const SFIXED32 = 9;
export const BOOL = 10;
export const STRING = 11;
export const BYTES = 12;
export const ENUM = 13;
export const MESSAGE = 14;
export const DOUBLE = 15;
export const FLOAT = 16;

const KIND_CODE: Record<FieldKind, number> = {
  int64: INT64,
  uint64: UINT64,
  sint64: SINT64,
  fixed64: FIXED64,
  sfixed64: SFIXED64,
  int32: INT32,
  uint32: UINT32,
  sint32: SINT32,
  fixed32: FIXED32,
  sfixed32: SFIXED32,
  bool: BOOL,
  string: STRING,
  bytes: BYTES,
  enum: ENUM,
  message: MESSAGE,
  double: DOUBLE,
  float: FLOAT,
};
// Wire type per kind code: 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32.
const WIRE = [0, 0, 0, 1, 1, 0, 0, 0, 5, 5, 0, 2, 2, 0, 2, 1, 5];
const EMPTY_BYTES = new Uint8Array(0);

/** One field, compiled. */
export interface Field {
  name: string;
  number: number;
  kind: number;
  wire: number;
  /** Precomputed key (number << 3 | wire type) for encoding. */
  key: number;
  repeated: boolean;
  /** Repeated numeric field: written packed, read packed or not. */
  packed: boolean;
  oneof: boolean;
  /** Other members of the same oneof, cleared when this one is decoded. */
  siblings: string[];
  msg: Compiled | undefined;
}

/** One message, compiled. */
export interface Compiled {
  name: string;
  /** Fields sorted by number: the encoding order. */
  fields: Field[];
  /** Fields indexed by number. */
  byNumber: (Field | undefined)[];
  /** Zero values in declaration order; cloned for every decoded message. */
  template: Obj;
  repeated: string[];
}

const compiled = new Map<string, Compiled>();

/** Returns the compiled table of a message type, building it on first use. */
export function compile(name: string): Compiled {
  const known = compiled.get(name);
  if (known) return known;
  const desc = schema[name];
  if (!desc) throw new Error(`unknown protobuf message type ${name}`);
  const c: Compiled = { name, fields: [], byNumber: [], template: {}, repeated: [] };
  // Registered before its fields so recursive types (RequestOp -> TxnRequest) terminate.
  compiled.set(name, c);
  for (const d of desc.fields) {
    const kind = KIND_CODE[d.kind];
    const wire = WIRE[kind]!;
    const f: Field = {
      name: d.name,
      number: d.number,
      kind,
      wire,
      key: ((d.number << 3) | wire) >>> 0,
      repeated: d.repeated,
      packed: d.repeated && wire !== 2,
      oneof: d.oneof !== undefined,
      siblings: desc.fields
        .filter((o) => d.oneof && o.oneof === d.oneof && o !== d)
        .map((o) => o.name),
      msg: kind === MESSAGE ? compile(d.type!) : undefined,
    };
    c.fields.push(f);
    c.byNumber[d.number] = f;
    if (d.repeated) c.repeated.push(d.name);
    // Every property exists from the start so all messages of a type share one object shape.
    c.template[d.name] = d.repeated || f.oneof ? undefined : zeroValue(kind);
  }
  c.fields.sort((a, b) => a.number - b.number);
  return c;
}

function zeroValue(kind: number): unknown {
  if (kind <= SFIXED64) return 0n;
  if (kind === BOOL) return false;
  if (kind === STRING) return '';
  // Shared safely: a zero-length view has nothing to mutate.
  if (kind === BYTES) return EMPTY_BYTES;
  if (kind === MESSAGE) return undefined;
  return 0;
}

/** Creates an empty decoded message: zero scalars, fresh empty arrays, absent messages. */
export function create(c: Compiled): Obj {
  const o = { ...c.template };
  const rep = c.repeated;
  for (let i = 0; i < rep.length; i++) o[rep[i]!] = [];
  return o;
}
