// Printers of `move-leader` and `downgrade validate | enable | cancel` (etcdctl main's
// printer_*.go): one simple line, the response as JSON or protobuf; fields and table unsupported.
import type { DowngradeResponse, MoveLeaderResponse } from '../etcd/proto/gen/messages.js';
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

/** The downgrade actions, as the command names and the simple line word them. */
export type DowngradeActionName = 'validate' | 'enable' | 'cancel';

/** A downgrade answer and the action that was asked for. */
export interface DowngradeOutput {
  action: DowngradeActionName;
  resp: DowngradeResponse;
}

/** `downgrade validate | enable | cancel` printers. */
export const downgradePrinters: PrinterSet<(o: DowngradeOutput) => Part> = {
  simple: (o) => `Downgrade ${o.action} success, cluster version ${o.resp.version}\n`,
  json: (o) => `${toJson('DowngradeResponse', o.resp)}\n`,
  protobuf: (o) => encode('DowngradeResponse', o.resp),
};
