// Printers of `alarm list | disarm` (etcdctl main's printer_*.go Alarm): one text line per alarm,
// the AlarmResponse as JSON and protobuf, a fields block per alarm; no table.
import type { AlarmMember, AlarmResponse } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import type { Part, PrinterSet } from './print.js';
import { hexId } from '../go/format.js';
import { toJson } from './json.js';
import { fieldsHeader, type PrintOptions } from './kv.js';
import { raisedAlarmName } from '../etcd/health.js';

/** An AlarmType's name as Go's String() gives it (the number for a value it does not know). */
export function alarmName(alarm: number): string {
  return alarm === 0 ? 'NONE' : (raisedAlarmName(alarm) ?? String(alarm));
}

/**
 * The text form of one alarm, as main prints it (`%+v` of the message, protobuf's text format on
 * one line): `memberID:14490753584591010766 alarm:NOSPACE`, zero fields left out.
 */
export function alarmText(a: AlarmMember): string {
  const parts: string[] = [];
  if (a.memberID !== 0n) parts.push(`memberID:${a.memberID}`);
  if (a.alarm !== 0) parts.push(`alarm:${alarmName(a.alarm)}`);
  return parts.join(' ');
}

function fields(resp: AlarmResponse, opts: PrintOptions): string {
  // A 3.4 server sends no header with the alarm list: main prints zeros (3.4's etcdctl crashed).
  let out = fieldsHeader(resp.header, opts);
  for (const a of resp.alarms) {
    out += `"MemberID" : ${opts.hex ? hexId(a.memberID) : a.memberID}\n`;
    out += `"AlarmType" : ${alarmName(a.alarm)}\n\n`;
  }
  return out;
}

/** `alarm list | disarm` printers. */
export const alarmPrinters: PrinterSet<(resp: AlarmResponse, opts: PrintOptions) => Part> = {
  simple: (resp) => resp.alarms.map((a) => `${alarmText(a)}\n`).join(''),
  json: (resp) => `${toJson('AlarmResponse', resp)}\n`,
  fields,
  protobuf: (resp) => encode('AlarmResponse', resp),
};
