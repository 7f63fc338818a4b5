// Helpers of the make-mirror tests: writes to the source and reads of a whole keyspace through
// etcd's JSON gateway (no ectl involved), and polling until a mirror has caught up.
import { b64, gateway } from '../harness/etcd.js';
import type { HttpTarget } from '../harness/gateway.js';

/** One key as the gateway reports it, bytes decoded. */
export interface Kv {
  key: string;
  value: string;
  create_revision: string;
  mod_revision: string;
  version: string;
}

/** A keyspace: its revision and every key in order. */
export interface Dump {
  revision: string;
  kvs: Kv[];
}

const text = (b64text: string | undefined) => Buffer.from(b64text ?? '', 'base64').toString();

/** Every key of a cluster (as root when given a token). */
export async function dump(target: HttpTarget, token?: string): Promise<Dump> {
  type Raw = { header: { revision: string }; kvs?: (Omit<Kv, 'key' | 'value'> & Kv)[] };
  const all = { key: b64('\0'), range_end: b64('\0') };
  const r = await gateway<Raw>(target, '/v3/kv/range', all, token);
  const kvs = (r.kvs ?? []).map((kv) => ({
    key: text(kv.key),
    value: text(kv.value),
    create_revision: kv.create_revision,
    mod_revision: kv.mod_revision,
    version: kv.version,
  }));
  return { revision: r.header.revision, kvs };
}

/** key=value pairs of a dump, for readable comparisons. */
export function pairs(d: Dump): string[] {
  return d.kvs.map((kv) => `${kv.key}=${kv.value}`);
}

/** Puts keys through the gateway; returns the revision of the last put. */
export async function put(target: HttpTarget, entries: Record<string, string>): Promise<bigint> {
  let rev = 0n;
  for (const [key, value] of Object.entries(entries)) {
    const r = await gateway<{ header: { revision: string } }>(target, '/v3/kv/put', {
      key: b64(key),
      value: b64(value),
    });
    rev = BigInt(r.header.revision);
  }
  return rev;
}

/** Deletes one key. */
export async function del(target: HttpTarget, key: string): Promise<void> {
  await gateway(target, '/v3/kv/deleterange', { key: b64(key) });
}

/** Puts several keys in one transaction (one revision). */
export async function txnPut(target: HttpTarget, entries: Record<string, string>): Promise<void> {
  const success = Object.entries(entries).map(([k, v]) => ({
    request_put: { key: b64(k), value: b64(v) },
  }));
  await gateway(target, '/v3/kv/txn', { success });
}

/** Deletes every key. */
export async function wipe(target: HttpTarget): Promise<void> {
  await gateway(target, '/v3/kv/deleterange', { key: b64('\0'), range_end: b64('\0') });
}

/** Polls `read` until `done` holds for its result (or throws with the last one after `ms`). */
export async function until<T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`not reached in ${ms} ms: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
