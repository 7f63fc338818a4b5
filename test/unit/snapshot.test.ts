// snapshot save's pure parts: the trailing sha256 check over any chunking (etcd's size rule and
// texts), the stdout lines of etcdctl main, ectl's terminal progress lines, Go's file error texts.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TrailingDigest, hasChecksum } from '../../src/etcd/recipes/snapshot.js';
import { goLinkError, goPathError } from '../../src/go/errno.js';
import {
  snapshotDoneLine,
  snapshotProgressLine,
  snapshotSaved,
} from '../../src/output/snapshot.js';

/** A fake backend of `n` bytes with etcd's digest appended. */
function snapshotBytes(n: number): Buffer {
  const db = Buffer.alloc(n);
  for (let i = 0; i < n; i++) db[i] = (i * 7 + 3) & 0xff;
  return Buffer.concat([db, createHash('sha256').update(db).digest()]);
}

function pushIn(bytes: Buffer, chunk: number): TrailingDigest {
  const d = new TrailingDigest();
  for (let i = 0; i < bytes.length; i += chunk) d.push(bytes.subarray(i, i + chunk));
  return d;
}

describe('TrailingDigest', () => {
  it('accepts etcd’s digest however the stream is cut', () => {
    const bytes = snapshotBytes(4096);
    for (const chunk of [1, 7, 31, 32, 33, 1000, 4096, 5000]) {
      const d = pushIn(bytes, chunk);
      expect(d.size).toBe(4128);
      expect(() => d.check()).not.toThrow();
    }
  });

  it('a size that leaves no digest is etcdctl’s error', () => {
    expect(hasChecksum(4128)).toBe(true);
    expect(hasChecksum(4096)).toBe(false);
    const d = pushIn(Buffer.alloc(4096), 512);
    expect(() => d.check()).toThrow(/^sha256 checksum not found \[bytes: 4096\]$/);
  });

  it('a damaged byte anywhere is a mismatch naming both digests', () => {
    for (const at of [0, 2000, 4095, 4100]) {
      const bytes = snapshotBytes(4096);
      bytes[at]! ^= 1;
      expect(() => pushIn(bytes, 100).check()).toThrow(
        /^sha256 checksum mismatch \[expected: [0-9a-f]{64}, computed: [0-9a-f]{64}\]$/,
      );
    }
  });
});

describe('snapshot output', () => {
  it('stdout: main’s lines, the version only when the server sent one', () => {
    expect(snapshotSaved('snap.db', '')).toBe('Snapshot saved at snap.db\n');
    expect(snapshotSaved('/b/s.db', '3.6.0')).toBe(
      'Snapshot saved at /b/s.db\nServer version 3.6.0\n',
    );
  });

  it('progress and result lines: humanized sizes, percentage, rate', () => {
    expect(snapshotProgressLine(12_300_000, 25_000_032, 4000)).toBe(
      'Fetching snapshot: 12 MB / 25 MB (49%), 3.1 MB/s',
    );
    expect(snapshotProgressLine(0, 0, 0)).toBe('Fetching snapshot: 0 B / 0 B (0%), 0 B/s');
    expect(snapshotDoneLine(25_000_032, 1250)).toBe('Fetched snapshot: 25 MB in 1.25s (20 MB/s)');
    expect(snapshotDoneLine(24_608, 3)).toBe('Fetched snapshot: 25 kB in 3ms (8.2 MB/s)');
  });
});

describe('Go file error texts', () => {
  it('words Node’s errno codes as Go’s os.PathError and LinkError', () => {
    const err = (code: string) => Object.assign(new Error(`${code}: whatever`), { code });
    expect(goPathError('open', '/x/s.db.part', err('ENOENT'))).toBe(
      'open /x/s.db.part: no such file or directory',
    );
    expect(goPathError('write', 's.db.part', err('ENOSPC'))).toBe(
      'write s.db.part: no space left on device',
    );
    expect(goLinkError('rename', 'a.part', 'a', err('EXDEV'))).toBe(
      'rename a.part a: invalid cross-device link',
    );
    expect(goPathError('open', 'p', err('EWHAT'))).toBe('open p: EWHAT: whatever');
  });
});
