// Table-driven proto3 codec over the generated schema: no protobuf library at run time. The byte
// layout matches Go's gogoproto marshaller (ascending field numbers, zero scalars omitted, packed
// repeated numbers), so `-w protobuf` prints the same bytes as etcdctl.
import type { MessageTypes } from './gen/messages.js';
import { readScalar, isZero, writeScalar } from './codec-scalar.js';
import { MESSAGE, compile, create } from './codec-table.js';
import type { Compiled, Field, Obj } from './codec-table.js';
import { Reader, WireError } from './wire.js';
import { Writer } from './wire-writer.js';

/** A message to encode: every field optional, nested messages too. */
export type MessageInit<T> = T extends Uint8Array | bigint | number | string | boolean
  ? T
  : T extends (infer E)[]
    ? MessageInit<E>[]
    : T extends object
      ? { [P in keyof T]?: MessageInit<T[P]> }
      : T;

/** Decodes a protobuf message; absent scalars get their zero value, bytes are views of `buf`. */
export function decode<K extends keyof MessageTypes>(type: K, buf: Uint8Array): MessageTypes[K] {
  const c = compile(type);
  const r = new Reader(buf);
  const o = create(c);
  decodeInto(r, c, buf.length, o);
  return o as unknown as MessageTypes[K];
}

function decodeInto(r: Reader, c: Compiled, end: number, o: Obj): void {
  const byNumber = c.byNumber;
  while (r.pos < end) {
    const key = r.uint32();
    const f = byNumber[key >>> 3];
    const wire = key & 7;
    if (f === undefined || wire !== f.wire) {
      if (key >>> 3 === 0) throw new WireError(`${c.name}: invalid field number 0`);
      if (f !== undefined && wire === 2 && f.packed) readPacked(r, f, o[f.name] as unknown[]);
      // A known field with the wrong wire type is treated as unknown, as protobuf-go does.
      else r.skip(wire);
      continue;
    }
    if (f.kind === MESSAGE) {
      const subEnd = r.delimitedEnd();
      const sub = f.msg!;
      // A repeated singular message merges into the first one, per the protobuf spec.
      const existing = f.repeated ? undefined : (o[f.name] as Obj | undefined);
      const target = existing ?? create(sub);
      decodeInto(r, sub, subEnd, target);
      if (f.repeated) (o[f.name] as unknown[]).push(target);
      else setSingular(o, f, target);
    } else if (f.repeated) {
      (o[f.name] as unknown[]).push(readScalar(r, f.kind));
    } else {
      setSingular(o, f, readScalar(r, f.kind));
    }
  }
  if (r.pos !== end) throw new WireError(`${c.name}: truncated message`);
}

function setSingular(o: Obj, f: Field, v: unknown): void {
  const siblings = f.siblings;
  for (let i = 0; i < siblings.length; i++) o[siblings[i]!] = undefined;
  o[f.name] = v;
}

function readPacked(r: Reader, f: Field, out: unknown[]): void {
  const end = r.delimitedEnd();
  while (r.pos < end) out.push(readScalar(r, f.kind));
  if (r.pos !== end) throw new WireError(`packed field ${f.name}: truncated`);
}

/** Encodes a message: fields in ascending number order, zero scalars omitted except oneof members. */
export function encode<K extends keyof MessageTypes>(
  type: K,
  msg: MessageInit<MessageTypes[K]>,
): Uint8Array {
  const w = new Writer();
  encodeInto(w, compile(type), msg as Obj);
  return w.finish();
}

function encodeInto(w: Writer, c: Compiled, o: Obj): void {
  const fields = c.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const v = o[f.name];
    if (v === undefined || v === null) continue;
    if (f.repeated) {
      const list = v as unknown[];
      if (list.length === 0) continue;
      if (f.packed) {
        w.varint(((f.number << 3) | 2) >>> 0);
        const mark = w.fork();
        for (let j = 0; j < list.length; j++) writeScalar(w, f.kind, list[j]);
        w.join(mark);
      } else {
        for (let j = 0; j < list.length; j++) writeValue(w, f, list[j]);
      }
    } else if (f.oneof || f.kind === MESSAGE || !isZero(f.kind, v)) {
      // proto3: a set oneof member or message is written even when it holds only zeros.
      writeValue(w, f, v);
    }
  }
}

function writeValue(w: Writer, f: Field, v: unknown): void {
  w.varint(f.key);
  if (f.kind === MESSAGE) {
    const mark = w.fork();
    encodeInto(w, f.msg!, v as Obj);
    w.join(mark);
  } else {
    writeScalar(w, f.kind, v);
  }
}
