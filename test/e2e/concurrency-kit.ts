// Helpers of the lease, lock and elect suites: leases and keys read through etcd's gateway (never
// through the code under test), polling, and timing of what long-running CLIs print.
import { expect } from 'vitest';
import { b64, gateway, type EtcdNode } from '../harness/etcd.js';
import { spawnEctl, spawnEtcdctl, type Spawned } from '../harness/run.js';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Grants a lease through the gateway; returns its ID in hex (as the CLIs take it). */
export async function grantLease(node: EtcdNode, ttl: number, id?: bigint): Promise<string> {
  const body: Record<string, string> = { TTL: String(ttl) };
  if (id !== undefined) body.ID = id.toString();
  const r = await gateway<{ ID: string }>(node, '/v3/lease/grant', body);
  return BigInt(r.ID).toString(16);
}

/** The remaining TTL of a lease (hex ID) as the server reports it; -1 when it is gone. */
export async function leaseTtl(node: EtcdNode, hexId: string): Promise<number> {
  const r = await gateway<{ TTL?: string }>(node, '/v3/lease/timetolive', {
    ID: BigInt(`0x${hexId}`).toString(),
  });
  return Number(r.TTL ?? 0);
}

/** Revokes a lease (hex ID) through the gateway. */
export async function revokeLease(node: EtcdNode, hexId: string): Promise<void> {
  await gateway(node, '/v3/lease/revoke', { ID: BigInt(`0x${hexId}`).toString() });
}

/** The keys under `prefix`, in create-revision order (the lock queue), with their leases in hex. */
export async function keysUnder(
  node: EtcdNode,
  prefix: string,
): Promise<{ key: string; value: string; lease: string }[]> {
  const end = Buffer.from(prefix);
  end[end.length - 1]! += 1;
  const r = await gateway<{ kvs?: { key: string; value?: string; lease?: string }[] }>(
    node,
    '/v3/kv/range',
    { key: b64(prefix), range_end: end.toString('base64'), sort_target: 'CREATE' },
  );
  return (r.kvs ?? []).map((kv) => ({
    key: Buffer.from(kv.key, 'base64').toString(),
    value: Buffer.from(kv.value ?? '', 'base64').toString(),
    lease: BigInt(kv.lease ?? 0).toString(16),
  }));
}

/** Polls `check` every 50 ms until it returns true; fails after `timeoutMs`. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  what: string,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await sleep(50);
  }
}

/** Milliseconds until `re` appears on the process's stdout (fails after `timeoutMs`). */
export async function msUntil(p: Spawned, re: RegExp, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await p.waitFor(re, { timeoutMs });
  return Date.now() - started;
}

/** The process is still running: it did not exit (or was not killed) yet. */
export function expectRunning(p: Spawned): void {
  expect(p.child.exitCode, `exited early; stderr: ${p.stderr()}`).toBeNull();
  expect(p.child.signalCode).toBeNull();
}

/** Kills every process still running (tests' finally blocks). */
export async function killAll(...ps: (Spawned | undefined)[]): Promise<void> {
  await Promise.all(ps.map((p) => p?.kill('SIGKILL')));
}

function varint(n: bigint): Buffer {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? b | 0x80 : b);
  } while (v > 0n);
  return Buffer.from(out);
}

/**
 * Output with every rendering of one lease replaced (lease IDs differ between twin servers): the
 * key `<prefix><hex>` in base64, the ID as unpadded and %016x hex, decimal and protobuf varint.
 * Returned as a latin1 string, so protobuf bytes compare exactly.
 */
export function normaliseLease(out: Buffer, leaseHex: string, keyPrefix = ''): string {
  const id = BigInt(`0x${leaseHex}`);
  let s = out.toString('latin1');
  const reps: [string, string][] = [
    [Buffer.from(`${keyPrefix}${leaseHex}`).toString('base64'), '<KEY64>'],
    [varint(id).toString('latin1'), '<VARINT>'],
    [leaseHex.padStart(16, '0'), '<LEASE>'],
    [leaseHex, '<LEASE>'],
    [id.toString(), '<LEASEDEC>'],
  ];
  for (const [from, to] of reps) s = s.split(from).join(to);
  return s;
}

/** `lock ARGS` run by ectl or etcdctl, once the held key is printed (or the process ended). */
export async function hold(
  tool: 'ectl' | 'etcdctl',
  node: EtcdNode,
  args: string[],
): Promise<Spawned> {
  const argv = ['--endpoints', node.endpoint, 'lock', ...args];
  const p = tool === 'ectl' ? spawnEctl(argv) : spawnEtcdctl(argv);
  await eventually(() => p.stdout().length > 0 || p.child.exitCode !== null, 5000, 'lock held');
  await sleep(100); // the whole output, not its first chunk
  return p;
}
