// Printers of `member list` in every format, as etcdctl main: the row builder shared by simple and
// table, the fields blocks, and with --hex main's JSON of hex-string IDs (printer_json.go).
import type { Member, MemberListResponse, ResponseHeader } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import type { Part, PrinterSet } from './print.js';
import { goQuoteString, hexId } from '../go/format.js';
import { jsonArray, jsonObject, jsonString, toJson } from './json.js';
import { fieldsHeader, type PrintOptions } from './kv.js';
import { renderTable } from '../go/tablewriter.js';

/** makeMemberListTable: ID, Status, Name, Peer Addrs, Client Addrs, Is Learner. */
export function memberRows(members: readonly Member[]): { header: string[]; rows: string[][] } {
  return {
    header: ['ID', 'Status', 'Name', 'Peer Addrs', 'Client Addrs', 'Is Learner'],
    rows: members.map((m) => [
      hexId(m.ID),
      m.name === '' ? 'unstarted' : 'started',
      m.name,
      m.peerURLs.join(','),
      m.clientURLs.join(','),
      String(m.isLearner),
    ]),
  };
}

const strings = (list: readonly string[]): string => jsonArray(list.map(jsonString));

/** HexResponseHeader: IDs as hex strings, revision and raft_term numbers omitted when 0. */
export function hexHeaderJson(h: ResponseHeader | undefined): string {
  if (!h) return 'null';
  const entries: [string, string][] = [
    ['cluster_id', jsonString(hexId(h.cluster_id))],
    ['member_id', jsonString(hexId(h.member_id))],
  ];
  if (h.revision !== 0n) entries.push(['revision', String(h.revision)]);
  if (h.raft_term !== 0n) entries.push(['raft_term', String(h.raft_term)]);
  return jsonObject(entries);
}

/** HexMember: the ID as a hex string, the other fields omitted when empty. */
export function hexMemberJson(m: Member): string {
  const entries: [string, string][] = [['ID', jsonString(hexId(m.ID))]];
  if (m.name !== '') entries.push(['name', jsonString(m.name)]);
  if (m.peerURLs.length) entries.push(['peerURLs', strings(m.peerURLs)]);
  if (m.clientURLs.length) entries.push(['clientURLs', strings(m.clientURLs)]);
  if (m.isLearner) entries.push(['isLearner', 'true']);
  return jsonObject(entries);
}

function memberFields(resp: MemberListResponse, opts: PrintOptions): string {
  let out = fieldsHeader(resp.header, opts);
  for (const m of resp.members) {
    out += `"ID" : ${opts.hex ? hexId(m.ID) : m.ID}\n"Name" : ${goQuoteString(m.name)}\n`;
    for (const u of m.peerURLs) out += `"PeerURL" : ${goQuoteString(u)}\n`;
    for (const u of m.clientURLs) out += `"ClientURL" : ${goQuoteString(u)}\n`;
    out += `"IsLearner" : ${m.isLearner}\n\n`;
  }
  return out;
}

/** `member list` printers (every format is supported). */
export const memberListPrinters: Required<
  PrinterSet<(resp: MemberListResponse, opts: PrintOptions) => Part>
> = {
  simple: (resp) =>
    memberRows(resp.members)
      .rows.map((r) => `${r.join(', ')}\n`)
      .join(''),
  json: (resp, opts) => {
    if (!opts.hex) return `${toJson('MemberListResponse', resp)}\n`;
    return `${jsonObject([
      ['header', hexHeaderJson(resp.header)],
      ['members', jsonArray(resp.members.map(hexMemberJson))],
    ])}\n`;
  },
  fields: (resp, opts) => memberFields(resp, opts),
  table: (resp) => {
    const { header, rows } = memberRows(resp.members);
    return renderTable(header, rows);
  },
  protobuf: (resp) => encode('MemberListResponse', resp),
};
