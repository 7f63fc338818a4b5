// What an endpoint's first bytes say about it: an HTTP/2 server (etcd's gRPC), an HTTP/1 server, a
// TLS record (a handshake or an alert), nothing at all; and etcd's peer port, recognised by the
// /members list only the peer listener serves.

/** HTTP/2's client connection preface followed by an empty SETTINGS frame, as gRPC clients open. */
export const H2_PREFACE = Buffer.concat([
  Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'),
  Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]),
]);

/** What kind of server sent `bytes` first. */
export type Speaker = 'http2' | 'http1' | 'tls' | 'silent' | 'other';

/** Classifies a server's first bytes. */
export function speakerOf(bytes: Buffer): Speaker {
  if (bytes.length === 0) return 'silent';
  // An HTTP/2 server's first frame is SETTINGS (type 4) on stream 0.
  if (bytes.length >= 9 && bytes[3] === 4 && bytes.readUInt32BE(5) === 0) return 'http2';
  if (bytes.subarray(0, 7).toString('latin1') === 'HTTP/1.') return 'http1';
  // A TLS record: handshake (22) or alert (21), protocol version 3.x.
  if ((bytes[0] === 21 || bytes[0] === 22) && bytes[1] === 3) return 'tls';
  return 'other';
}

/** Whether enough of a first answer arrived to classify it (and quote an HTTP/1 status line). */
export function classifiable(bytes: Buffer): boolean {
  const speaker = speakerOf(bytes);
  if (speaker === 'http1') return bytes.includes('\r\n');
  if (speaker === 'http2' || speaker === 'tls') return true;
  return bytes.length >= 64;
}

/** The first line of an HTTP/1 answer ("HTTP/1.1 400 Bad Request"), for details. */
export function statusLine(bytes: Buffer): string {
  return bytes.toString('latin1').split('\r\n')[0]!.slice(0, 80);
}

/** The request that tells etcd's peer port (it lists the members) from its client port (404). */
export function membersRequest(host: string): string {
  return `GET /members HTTP/1.1\r\nHost: ${host}\r\nAccept: application/json\r\nConnection: close\r\n\r\n`;
}

/**
 * The client URLs of the members when `bytes` is the peer port's answer to membersRequest
 * (200 and a JSON list of members with peerURLs); undefined when it is anything else.
 */
export function peerMembers(bytes: Buffer): string[] | undefined {
  const text = bytes.toString('utf8');
  if (!/^HTTP\/1\.[01] 200 /.test(text)) return undefined;
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  // The body may be chunked; the JSON list is what lies between the first '[' and the last ']'.
  const json = body.slice(body.indexOf('['), body.lastIndexOf(']') + 1);
  try {
    const list = JSON.parse(json) as { peerURLs?: unknown; clientURLs?: unknown }[];
    if (!Array.isArray(list) || !list.every((m) => Array.isArray(m?.peerURLs))) return undefined;
    return list.flatMap((m) => (Array.isArray(m.clientURLs) ? (m.clientURLs as string[]) : []));
  } catch {
    return undefined;
  }
}

/**
 * Whether an HTTP/1 answer is complete: its headers and a Content-Length body, or a chunked body's
 * last chunk (etcd's peer port keeps the connection open for seconds despite Connection: close).
 */
export function httpComplete(bytes: Buffer): boolean {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return bytes.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head))
    return bytes.subarray(-5).toString() === '0\r\n\r\n';
  return false;
}
