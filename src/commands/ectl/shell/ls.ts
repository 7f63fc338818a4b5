// The shell's `ls [PREFIX]`: the next level of the key tree under a prefix, split at `/`, with the
// number of keys under each entry. Read in pages of keys only (bounded memory, no values), at one
// revision, so the counts add up to the keys under the prefix at that revision.
import { rangeRequest } from '../../../etcd/range-request.js';
import type { ClientCallOptions, EtcdClient } from '../../../etcd/client.js';
import { rangePages } from '../../../etcd/recipes/range-pages.js';
import { prefixEnd } from '../../../input/range.js';

/** One entry of a level: a key itself (`key`), or a prefix with keys under it (`dir`). */
export interface LevelEntry {
  name: string;
  dir: boolean;
  keys: number;
}

/** Counts the next level of keys under `prefix` as they come, in key order. */
export class LevelCounter {
  private readonly entries: LevelEntry[] = [];
  private readonly byName = new Map<string, LevelEntry>();

  constructor(private readonly prefix: Buffer) {}

  /** Adds one key (it starts with the prefix). */
  add(key: Uint8Array): void {
    const rest = Buffer.from(key).subarray(this.prefix.length);
    const slash = rest.indexOf(0x2f);
    const dir = slash >= 0;
    const name = rest.subarray(0, dir ? slash + 1 : rest.length).toString('utf8');
    const id = `${dir ? 'd' : 'k'}${name}`;
    let entry = this.byName.get(id);
    if (!entry) {
      entry = { name, dir, keys: 0 };
      this.byName.set(id, entry);
      this.entries.push(entry);
    }
    entry.keys++;
  }

  /** The entries, in key order. */
  result(): LevelEntry[] {
    return this.entries;
  }
}

/** Reads the level under `prefix` ('' : every key) in pages of keys only. */
export async function readLevel(
  client: EtcdClient,
  prefix: string,
  call: ClientCallOptions,
): Promise<LevelEntry[]> {
  const typed = Buffer.from(prefix, 'utf8');
  const counter = new LevelCounter(typed);
  const req = rangeRequest({
    key: typed.length === 0 ? Uint8Array.of(0) : typed,
    range_end: prefixEnd(typed),
    keys_only: true,
  });
  for await (const page of rangePages(client, req, { ...call, idempotent: true }))
    for (const kv of page.kvs) counter.add(kv.key);
  return counter.result();
}

/** The listing: one entry a line, directories with their key counts, aligned. */
export function formatLevel(entries: readonly LevelEntry[]): string {
  if (entries.length === 0) return '';
  const width = Math.max(...entries.map((e) => e.name.length));
  return entries
    .map((e) => {
      const shown = JSON.stringify(e.name) === `"${e.name}"` ? e.name : JSON.stringify(e.name);
      if (!e.dir) return `${shown}\n`;
      return `${shown.padEnd(width)}  ${e.keys} key${e.keys === 1 ? '' : 's'}\n`;
    })
    .join('');
}
