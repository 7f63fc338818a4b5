// The records ectl's script formats share (README "Output for scripts"): keys and values as UTF-8
// strings when they are valid UTF-8, else `<name>_base64`; lease, member and cluster IDs as 16-digit
// hex strings (64-bit IDs as JSON numbers get rounded by jq, etcd #14294); revisions as numbers.
import { isUtf8 } from 'node:buffer';
import type { KeyValue } from '../../etcd/proto/gen/messages.js';
import { hexUint64 } from '../../units.js';

/**
 * The bytes as text when they are valid UTF-8, else undefined. A leading BOM is kept (a
 * TextDecoder would drop it: the value would not round-trip), and no exception is thrown per
 * binary value: big ranges go through here once per key and value.
 */
export function utf8Text(bytes: Uint8Array): string | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return isUtf8(buf) ? buf.toString('utf8') : undefined;
}

/** `{name: text}` when the bytes are valid UTF-8, else `{name_base64: ...}`. */
export function bytesField(name: string, bytes: Uint8Array): Record<string, string> {
  const text = utf8Text(bytes);
  if (text !== undefined) return { [name]: text };
  return {
    [`${name}_base64`]: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(
      'base64',
    ),
  };
}

/** One key-value as a script record; `lease` only when one is attached. */
export function kvRecord(kv: KeyValue): Record<string, string | bigint> {
  return {
    ...bytesField('key', kv.key),
    ...bytesField('value', kv.value),
    create_revision: kv.create_revision,
    mod_revision: kv.mod_revision,
    version: kv.version,
    ...(kv.lease !== 0n ? { lease: hexUint64(kv.lease) } : {}),
  };
}
