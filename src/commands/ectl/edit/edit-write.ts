// The write at the end of `ectl edit`: one Txn guarded by the mod_revision the edit started from
// (create_revision == 0 when the key did not exist), whose failure branch reads what is there now,
// so a conflict can be shown and described as put's --if-* describe theirs.
import type { EtcdClient } from '../../../etcd/client.js';
import {
  Compare_CompareResult as Result,
  Compare_CompareTarget as Target,
  type KeyValue,
  type TxnRequest,
} from '../../../etcd/proto/gen/messages.js';
import type { MessageInit } from '../../../etcd/proto/codec.js';
import { goQuoteString } from '../../../go/format.js';

/** The guarded write: put `value` if the key is still at `base` (absent when undefined). */
export function editTxn(
  key: Uint8Array,
  base: KeyValue | undefined,
  value: Uint8Array,
): MessageInit<TxnRequest> {
  const compare = base
    ? { key, target: Target.MOD, result: Result.EQUAL, mod_revision: base.mod_revision }
    : { key, target: Target.CREATE, result: Result.EQUAL, create_revision: 0n };
  // An existing key keeps its lease (ignore_lease): editing a value does not detach it.
  const put = base ? { key, value, ignore_lease: true } : { key, value };
  return {
    compare: [compare],
    success: [{ request_put: put }],
    failure: [{ request_range: { key } }],
  };
}

/** How the write ended: the new revision, or the key as it is now (undefined: absent). */
export type WriteResult = { ok: true; revision: bigint } | { ok: false; now: KeyValue | undefined };

/** Sends the guarded write. */
export async function writeEdit(
  client: EtcdClient,
  key: Uint8Array,
  base: KeyValue | undefined,
  value: Uint8Array,
  deadline: number,
): Promise<WriteResult> {
  const resp = await client.unary('KV.Txn', editTxn(key, base, value), { deadline });
  if (resp.succeeded) return { ok: true, revision: resp.header?.revision ?? 0n };
  return { ok: false, now: resp.responses[0]?.response_range?.kvs[0] };
}

/** What changed meanwhile, in put --if-*'s words: `"k" has mod_revision 12, not 7`. */
export function conflictText(
  key: string,
  base: KeyValue | undefined,
  now: KeyValue | undefined,
): string {
  const k = goQuoteString(key);
  if (!base) return `${k} exists (mod_revision ${now?.mod_revision ?? 0n})`;
  if (!now) return `${k} does not exist`;
  return `${k} has mod_revision ${now.mod_revision}, not ${base.mod_revision}`;
}
