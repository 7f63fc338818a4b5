// Helpers of the export/import tests: raw (binary-safe) writes through etcd's JSON gateway, a
// keyspace read with `ectl get --prefix -w json` reduced to what a copy must keep (keys, values,
// whether a lease is attached), and temporary dump files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { gateway, type EtcdNode } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { runEctl, type RunOptions, type RunResult } from '../harness/run.js';

/** A fresh directory for dump files, removed with the run's other temporary directories. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}dump-`));
  trackDir(dir);
  return dir;
}

const raw = (b: Buffer | string) => Buffer.from(b).toString('base64');

/** Puts key=value byte strings (optionally on a lease); returns the revision of the last. */
export async function putRaw(
  node: EtcdNode,
  entries: [Buffer | string, Buffer | string][],
  lease?: string,
): Promise<bigint> {
  let rev = 0n;
  for (const [k, v] of entries) {
    const r = await gateway<{ header: { revision: string } }>(node, '/v3/kv/put', {
      key: raw(k),
      value: raw(v),
      ...(lease ? { lease } : {}),
    });
    rev = BigInt(r.header.revision);
  }
  return rev;
}

/** Grants a lease of `ttl` seconds; returns its decimal ID as the gateway takes it. */
export async function grant(node: EtcdNode, ttl: number): Promise<string> {
  return (await gateway<{ ID: string }>(node, '/v3/lease/grant', { TTL: ttl })).ID;
}

/** Deletes every key. */
export async function wipeAll(node: EtcdNode): Promise<void> {
  await gateway(node, '/v3/kv/deleterange', { key: raw('\0'), range_end: raw('\0') });
}

/** The current revision of a node. */
export async function revisionOf(node: EtcdNode): Promise<bigint> {
  const r = await gateway<{ header: { revision: string } }>(node, '/v3/kv/range', {
    key: raw('x'),
  });
  return BigInt(r.header.revision);
}

/** How many keys there are under `prefix`. */
export async function countOf(node: EtcdNode, prefix: string): Promise<number> {
  const end = Buffer.from(prefix);
  end[end.length - 1]! += 1;
  const body = { key: raw(prefix), range_end: raw(end), count_only: true };
  return Number((await gateway<{ count?: string }>(node, '/v3/kv/range', body)).count ?? 0);
}

/** ectl against one node. */
export function ectlOn(node: EtcdNode, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return runEctl(['--endpoints', node.endpoint, ...args], opts);
}

interface JsonKv {
  key: string;
  value?: string;
  lease?: number;
}

/**
 * `get PREFIX --prefix -w json` of a node as [key, value, leased] triples (base64 as etcdctl
 * prints them): everything a copy must keep, without revisions, versions, lease IDs or header.
 */
export async function keyspace(node: EtcdNode, prefix: string): Promise<string[]> {
  const r = await ectlOn(node, ['get', prefix, '--prefix', '-w', 'json']);
  expect(r.stderr).toBe('');
  const doc = JSON.parse(r.stdout.toString()) as { kvs?: JsonKv[] };
  return (doc.kvs ?? []).map((kv) => `${kv.key} ${kv.value ?? ''} ${kv.lease ? 'leased' : '-'}`);
}

/** The keyspace with `from` rewritten to `to` at the start of each key (base64 in, base64 out). */
export function rewritten(space: string[], from: string, to: string): string[] {
  return space.map((line) => {
    const [k, ...rest] = line.split(' ');
    const key = Buffer.from(k!, 'base64');
    const moved = Buffer.concat([Buffer.from(to), key.subarray(Buffer.from(from).length)]);
    return [moved.toString('base64'), ...rest].join(' ');
  });
}

/** `imported N, skipped M, conflicts K`. */
export function summary(imported: number, skipped: number, conflicts: number): string {
  return `imported ${imported}, skipped ${skipped}, conflicts ${conflicts}`;
}
