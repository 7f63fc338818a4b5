// Reading back the records `ectl export` writes (src/output/script/dump.ts), for `ectl import`:
// each record checked completely before anything is written, with the line (or list position) in
// every message, and the key rewritten by --prefix-rewrite.
import { CliError } from '../errors.js';

/** One key to import, as read from a dump. */
export interface ImportRecord {
  /** Where it was read: `line 12`, or `kvs[3]` in a JSON or YAML document. */
  where: string;
  key: Buffer;
  value: Buffer;
  /** The source lease (0n: none) and the seconds it had left when exported. */
  lease: bigint;
  leaseTtl: bigint;
}

/** --prefix-rewrite OLD=NEW. */
export interface PrefixRewrite {
  from: Buffer;
  to: Buffer;
}

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const hexLease = /^[0-9a-fA-F]{1,16}$/;

function bad(where: string, why: string): CliError {
  return new CliError(`${where}: ${why}`);
}

/** `name` or `name_base64` of a record as bytes; exactly one of them must be there. */
function bytesOf(rec: Record<string, unknown>, name: string, where: string): Buffer {
  const text = rec[name];
  const b64 = rec[`${name}_base64`];
  if (text !== undefined && b64 !== undefined)
    throw bad(where, `both "${name}" and "${name}_base64" given`);
  if (typeof text === 'string') return Buffer.from(text, 'utf8');
  if (typeof b64 === 'string') {
    if (!base64.test(b64)) throw bad(where, `"${name}_base64" is not valid base64`);
    return Buffer.from(b64, 'base64');
  }
  if (text === undefined && b64 === undefined) throw bad(where, `no "${name}" or "${name}_base64"`);
  throw bad(where, `"${text === undefined ? `${name}_base64` : name}" is not a string`);
}

function integer(v: unknown, name: string, where: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'bigint') return v;
  throw bad(where, `"${name}" is not an integer`);
}

/** Whether a parsed value is a dump's header (it has a revision and no key). */
export function isHeader(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const rec = v as Record<string, unknown>;
  return 'revision' in rec && !('key' in rec) && !('key_base64' in rec);
}

/** Checks a parsed record and returns the key to import. */
export function parseRecord(v: unknown, where: string): ImportRecord {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw bad(where, 'a record must be an object');
  const rec = v as Record<string, unknown>;
  const key = bytesOf(rec, 'key', where);
  if (key.length === 0) throw bad(where, 'the key is empty');
  const value = bytesOf(rec, 'value', where);
  for (const n of ['create_revision', 'mod_revision', 'version'])
    if (rec[n] !== undefined) integer(rec[n], n, where);
  let lease = 0n;
  let leaseTtl = 0n;
  if (rec.lease !== undefined) {
    if (typeof rec.lease !== 'string' || !hexLease.test(rec.lease))
      throw bad(where, '"lease" is not a hexadecimal lease ID');
    lease = BigInt(`0x${rec.lease}`);
    if (rec.lease_ttl === undefined) throw bad(where, '"lease" without "lease_ttl"');
    leaseTtl = integer(rec.lease_ttl, 'lease_ttl', where);
  }
  return { where, key, value, lease, leaseTtl };
}

/** Parses --prefix-rewrite's OLD=NEW (empty: no rewriting). */
export function parsePrefixRewrite(text: string): PrefixRewrite | undefined {
  if (text === '') return undefined;
  const eq = text.indexOf('=');
  if (eq < 0) throw new CliError(`--prefix-rewrite must be OLD=NEW, got "${text}"`, 128);
  return {
    from: Buffer.from(text.slice(0, eq), 'utf8'),
    to: Buffer.from(text.slice(eq + 1), 'utf8'),
  };
}

/** The key under its new prefix; a key outside OLD is an error (the dump is not what was meant). */
export function rewriteKey(rec: ImportRecord, rw: PrefixRewrite | undefined): ImportRecord {
  if (!rw) return rec;
  if (!rec.key.subarray(0, rw.from.length).equals(rw.from))
    throw bad(
      rec.where,
      `key does not start with "${rw.from.toString('utf8')}" (--prefix-rewrite)`,
    );
  return { ...rec, key: Buffer.concat([rw.to, rec.key.subarray(rw.from.length)]) };
}
