// Printers of `move-leader` (etcdctl main's printer_*.go): one simple line, the response as JSON
// or protobuf; fields and table unsupported.
import type { MoveLeaderResponse } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import type { Part, PrinterSet } from './print.js';
import { hexId } from '../go/format.js';
import { toJson } from './json.js';

/** A leadership transfer: who led, who was asked to lead, and the server's answer. */
export interface MoveLeaderOutput {
  leader: bigint;
  target: bigint;
  resp: MoveLeaderResponse;
}

/** `move-leader` printers. */
export const moveLeaderPrinters: PrinterSet<(o: MoveLeaderOutput) => Part> = {
  simple: (o) => `Leadership transferred from ${hexId(o.leader)} to ${hexId(o.target)}\n`,
  json: (o) => `${toJson('MoveLeaderResponse', o.resp)}\n`,
  protobuf: (o) => encode('MoveLeaderResponse', o.resp),
};
