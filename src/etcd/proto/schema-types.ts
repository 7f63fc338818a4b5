// Shapes of the descriptors that scripts/gen-proto.mjs writes to src/etcd/proto/gen/schema.ts. They live
// here, outside the generated folder, so hand-written code (codec, JSON printer, tests) can name
// them without depending on a file that only exists after `npm run gen`.

/** Protobuf scalar kinds by wire meaning, plus `enum` and `message` for named types. */
export type FieldKind =
  | 'int64'
  | 'uint64'
  | 'sint64'
  | 'fixed64'
  | 'sfixed64'
  | 'int32'
  | 'uint32'
  | 'sint32'
  | 'fixed32'
  | 'sfixed32'
  | 'bool'
  | 'string'
  | 'bytes'
  | 'enum'
  | 'message'
  | 'double'
  | 'float';

/** One field of a message, as declared in proto/. */
export interface FieldDescriptor {
  /** The field name exactly as written in the .proto file (also the JSON key and TS property). */
  name: string;
  number: number;
  kind: FieldKind;
  repeated: boolean;
  /** Simple name of the message, or generated name of the enum (e.g. `Event_EventType`). */
  type?: string;
  /** Name of the oneof this field belongs to. */
  oneof?: string;
}

/** One message; `fields` are in declaration order, which is the JSON key order. */
export interface MessageDescriptor {
  name: string;
  fields: FieldDescriptor[];
}

/** One RPC, keyed `<Service>.<Method>` in the generated `methods` table. */
export interface MethodDescriptor {
  /** gRPC path, e.g. `/etcdserverpb.KV/Range`. */
  path: string;
  requestType: string;
  responseType: string;
  requestStream: boolean;
  responseStream: boolean;
}
