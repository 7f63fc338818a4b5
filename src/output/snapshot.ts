// What `snapshot save` prints: etcdctl main's result lines on stdout, and the progress line ectl
// draws on stderr when stderr is a terminal (etcdctl logs JSON lines there instead).
import { formatDuration, humanizeBytes } from '../go/format.js';

/** etcdctl main's stdout after a save; the version line only from servers that send one (3.6+). */
export function snapshotSaved(path: string, version: string): string {
  return `Snapshot saved at ${path}\n${version ? `Server version ${version}\n` : ''}`;
}

function rate(bytes: number, ms: number): string {
  return `${humanizeBytes(Math.round((bytes * 1000) / Math.max(ms, 1)))}/s`;
}

/** The progress line while downloading: `Fetching snapshot: 12 MB / 25 MB (48%), 3.1 MB/s`. */
export function snapshotProgressLine(received: number, total: number, elapsedMs: number): string {
  const pct = total > 0 ? Math.floor((received * 100) / total) : 0;
  return (
    `Fetching snapshot: ${humanizeBytes(received)} / ${humanizeBytes(total)} (${pct}%), ` +
    rate(received, elapsedMs)
  );
}

/** The line that replaces the progress line at the end: `Fetched snapshot: 25 MB in 1.2s (20 MB/s)`. */
export function snapshotDoneLine(size: number, elapsedMs: number): string {
  const took = formatDuration(BigInt(Math.round(elapsedMs)) * 1_000_000n);
  return `Fetched snapshot: ${humanizeBytes(size)} in ${took} (${rate(size, elapsedMs)})`;
}
