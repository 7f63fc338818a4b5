// A tiny DNS server on 127.0.0.1 answering SRV queries from a table, so `--discovery-srv` can be
// tested without touching the machine's resolver. Everything else gets NXDOMAIN.
import { createSocket, type Socket } from 'node:dgram';

export interface SrvRecord {
  target: string;
  port: number;
}

function encodeName(name: string): Buffer {
  const parts = name.replace(/\.$/, '').split('.');
  return Buffer.concat([
    ...parts.map((p) => Buffer.concat([Buffer.of(p.length), Buffer.from(p)])),
    Buffer.of(0),
  ]);
}

function readQuestion(msg: Buffer): { name: string; end: number; type: number } {
  const labels: string[] = [];
  let p = 12;
  while (msg[p]! > 0) {
    labels.push(msg.subarray(p + 1, p + 1 + msg[p]!).toString());
    p += msg[p]! + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: p + 5, type: msg.readUInt16BE(p + 1) };
}

function answer(query: Buffer, records: readonly SrvRecord[] | undefined, type: number): Buffer {
  const q = readQuestion(query);
  const found = type === 33 ? (records ?? []) : [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2);
  header.writeUInt16BE(0x8180 | (records ? 0 : 3), 2); // response, recursion available; NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(found.length, 6);
  const rrs = found.map((r) => {
    const target = encodeName(r.target);
    const rdata = Buffer.alloc(6);
    rdata.writeUInt16BE(10, 0);
    rdata.writeUInt16BE(10, 2);
    rdata.writeUInt16BE(r.port, 4);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0);
    fixed.writeUInt16BE(33, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(rdata.length + target.length, 10);
    return Buffer.concat([fixed, rdata, target]);
  });
  return Buffer.concat([header, query.subarray(12, q.end), ...rrs]);
}

/** Starts the server; `records` maps a full SRV name (e.g. `_etcd-client._tcp.example.test`). */
export async function startSrvDns(
  records: Record<string, SrvRecord[]>,
): Promise<{ server: string; close(): void }> {
  const socket: Socket = createSocket('udp4');
  socket.on('message', (msg, rinfo) => {
    const q = readQuestion(msg);
    socket.send(answer(msg, records[q.name], q.type), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { server: `127.0.0.1:${socket.address().port}`, close: () => socket.close() };
}
