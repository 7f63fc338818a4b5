// The floor under `ectl batch`: the same puts, one after another, over one bare node:http2
// connection, with no CLI at all (no parsing, no printing, no deadlines). No sequential client can
// be faster on this server, since each put waits for etcd's WAL fsync; bench/batch.mjs runs this
// in the same run to tell ectl's own cost from the disk's. Usage: batch-floor.mjs HOST:PORT N PREFIX
import http2 from 'node:http2';

const [endpoint, count, prefix] = process.argv.slice(2);

/** A protobuf varint. */
function varint(n) {
  const out = [];
  for (; n >= 0x80; n >>>= 7) out.push((n & 0x7f) | 0x80);
  out.push(n);
  return Buffer.from(out);
}

/** One gRPC message frame of PutRequest{key: 1, value: 2}. */
function putFrame(key, value) {
  const field = (tag, bytes) => [Buffer.from([tag]), varint(bytes.length), bytes];
  const body = Buffer.concat([
    ...field(0x0a, Buffer.from(key)),
    ...field(0x12, Buffer.from(value)),
  ]);
  const head = Buffer.alloc(5);
  head.writeUInt32BE(body.length, 1);
  return Buffer.concat([head, body]);
}

const session = http2.connect(`http://${endpoint}`);
function put(key, value) {
  return new Promise((resolve, reject) => {
    const req = session.request({
      ':method': 'POST',
      ':path': '/etcdserverpb.KV/Put',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    let status;
    req.on('trailers', (t) => (status = t['grpc-status']));
    req.on('response', (h) => (status ??= h['grpc-status']));
    req.on('data', () => {});
    req.on('end', () => (status === '0' ? resolve() : reject(new Error(`grpc-status ${status}`))));
    req.on('error', reject);
    req.end(putFrame(key, value));
  });
}

for (let i = 0; i < Number(count); i++)
  await put(`${prefix}/key/${String(i).padStart(5, '0')}`, `value-${i}`);
session.close();
