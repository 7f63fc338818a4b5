// Saving one member's backend snapshot (Maintenance.Snapshot) to a file as etcd's
// client/v3/snapshot SaveWithVersion does — `<file>.part` (0600), the size check, fsync, rename —
// and one step further: the sha256 digest etcd appends is verified, so a damaged download never
// gets the final name. The `.part` file is removed on every failure, an interruption included.
import { createHash } from 'node:crypto';
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { EtcdClient } from '../client.js';
import { canceled, deadlineExceeded, EtcdError, GrpcCode, rpcErrorText } from '../errors.js';
import { openServerStream } from '../transport/streams.js';
import { goLinkError, goPathError } from '../../go/errno.js';
import type { SnapshotResponse } from '../proto/gen/messages.js';

/** How far a download got: bytes received and the size the member announced (digest included). */
export interface SnapshotProgress {
  received: number;
  total: number;
}

/** Where the snapshot comes from and how long it may take. */
export interface SaveSnapshotOptions {
  signal: AbortSignal;
  /** Epoch ms by which the member must have connected. */
  connectBy: number;
  /** Epoch ms at which the download is cut (none: as long as the member sends). */
  deadline?: number;
  /** Called after every received message. */
  onProgress?: (p: SnapshotProgress) => void;
  debug?: ((line: string) => void) | undefined;
}

/** A saved snapshot: its size in bytes and the server version (empty before etcd 3.6). */
export interface SavedSnapshot {
  size: number;
  version: string;
}

const digestSize = 32;

/** etcd appends a sha256 digest to a snapshot whose size is a multiple of 512 (a disk sector). */
export function hasChecksum(size: number): boolean {
  return size % 512 === digestSize;
}

/** Hashes a download but for its last 32 bytes, which must be the digest of the rest. */
export class TrailingDigest {
  private readonly hash = createHash('sha256');
  // The last bytes seen: hashed only once more bytes follow them.
  private tail = Buffer.alloc(0);
  /** Bytes pushed so far. */
  size = 0;

  push(blob: Uint8Array): void {
    const joined = Buffer.concat([this.tail, blob]);
    const keep = Math.min(digestSize, joined.length);
    this.hash.update(joined.subarray(0, joined.length - keep));
    this.tail = Buffer.from(joined.subarray(joined.length - keep));
    this.size += blob.length;
  }

  /** Throws etcdctl's error when there is no digest, ectl's when it does not match. */
  check(): void {
    if (!hasChecksum(this.size)) throw new Error(`sha256 checksum not found [bytes: ${this.size}]`);
    const computed = this.hash.digest();
    if (!computed.equals(this.tail)) {
      const [want, got] = [this.tail.toString('hex'), computed.toString('hex')];
      throw new Error(`sha256 checksum mismatch [expected: ${want}, computed: ${got}]`);
    }
  }
}

/** Downloads the snapshot of the client's (one) member into `path`, atomically. */
export async function saveSnapshot(
  client: EtcdClient,
  path: string,
  opts: SaveSnapshotOptions,
): Promise<SavedSnapshot> {
  const part = `${path}.part`;
  let fh: FileHandle;
  try {
    fh = await open(part, 'w', 0o600);
  } catch (err) {
    throw new Error(`could not open ${part} (${goPathError('open', part, err)})`);
  }
  opts.debug?.(`snapshot: created temporary db file ${part}`);
  let saved = false;
  try {
    const started = Date.now();
    const got = await download(client, fh, part, opts);
    try {
      await fh.sync();
    } catch (err) {
      throw new Error(`could not fsync snapshot: ${goPathError('sync', part, err)}`);
    }
    try {
      await fh.close();
    } catch (err) {
      throw new Error(`could not close file descriptor: ${goPathError('close', part, err)}`);
    }
    opts.debug?.(`snapshot: fetched ${got.size} bytes in ${Date.now() - started} ms`);
    try {
      await rename(part, path);
    } catch (err) {
      throw new Error(
        `could not rename ${part} to ${path} (${goLinkError('rename', part, path, err)})`,
      );
    }
    saved = true;
    await syncDir(dirname(path));
    opts.debug?.(`snapshot: saved ${path}`);
    return got;
  } finally {
    if (!saved) {
      await fh.close().catch(() => undefined);
      await rm(part, { force: true }).catch(() => undefined);
    }
  }
}

async function download(
  client: EtcdClient,
  fh: FileHandle,
  part: string,
  opts: SaveSnapshotOptions,
): Promise<SavedSnapshot> {
  const { signal, deadline } = opts;
  const { call, endpoint } = await openServerStream(
    client,
    'Maintenance.Snapshot',
    {},
    { connectBy: opts.connectBy, deadline, signal },
  );
  opts.debug?.(`snapshot: fetching snapshot from ${endpoint}`);
  const digest = new TrailingDigest();
  let total = 0;
  let version = '';
  let first = true;
  const messages = call[Symbol.asyncIterator]() as AsyncIterator<SnapshotResponse>;
  try {
    for (;;) {
      let next: IteratorResult<SnapshotResponse>;
      try {
        next = await messages.next();
      } catch (err) {
        const e = streamError(err, signal, deadline);
        // Go returns the first receive's error as it is, later ones wrapped.
        throw first ? e : new Error(`could not write snapshot: ${e.message}`, { cause: e });
      }
      if (next.done) break;
      const { blob, remaining_bytes } = next.value;
      if (first) {
        first = false;
        version = next.value.version;
        total = blob.length + Number(remaining_bytes) + digestSize;
      }
      if (blob.length > 0) {
        try {
          await fh.write(blob);
        } catch (err) {
          throw new Error(`could not write snapshot: ${goPathError('write', part, err)}`);
        }
        digest.push(blob);
      }
      opts.onProgress?.({ received: digest.size, total: Math.max(total, digest.size) });
    }
  } finally {
    call.cancel();
  }
  // A stream that ends before its first message is io.EOF to the Go client.
  if (first) throw new Error('EOF');
  digest.check();
  return { size: digest.size, version };
}

/** The error a broken stream reports: Go's context errors for our own deadline and signal. */
function streamError(err: unknown, signal: AbortSignal, deadline: number | undefined): Error {
  if (signal.aborted) return canceled();
  const e = err as { code?: number; details?: string; message?: string };
  if (e.code === GrpcCode.DEADLINE_EXCEEDED && deadline !== undefined && Date.now() >= deadline - 5)
    return deadlineExceeded(new Map());
  // The Go client hands a stream's status to etcdctl unconverted: grpc-go's text even for etcd's
  // own errors (`rpc error: code = Unknown desc = auth: permission denied`).
  if (typeof e.code === 'number') {
    const details = e.details ?? e.message ?? '';
    return new EtcdError(rpcErrorText(e.code, details), e.code, details);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Makes the rename durable; a directory that cannot be synced (some filesystems) is no failure. */
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Best effort, as the rename itself already happened.
  }
}
