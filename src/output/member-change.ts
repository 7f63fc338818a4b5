// Printers of `member add | remove | update | promote`, as etcdctl main: one simple line with the
// IDs as `%16x`, for add also the ETCD_* lines a new member is started with; JSON (with --hex,
// printer_json.go's hex-string IDs) and protobuf; fields and table are not supported.
import type {
  Member,
  MemberAddResponse,
  MemberPromoteResponse,
  MemberRemoveResponse,
  MemberUpdateResponse,
  ResponseHeader,
} from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import type { Part, PrinterSet } from './print.js';
import { goQuoteString, hexIdPadded } from '../go/format.js';
import { jsonArray, jsonObject, toJson } from './json.js';
import type { PrintOptions } from './kv.js';
import { hexHeaderJson, hexMemberJson } from './member.js';

/** What a member change printed: the response and what the command line gave. */
export type MemberChange =
  | {
      kind: 'add';
      resp: MemberAddResponse;
      /** The new member's name and --peer-urls as typed, for the ETCD_* lines. */
      name: string;
      peerUrls: string;
    }
  | { kind: 'remove'; id: bigint; resp: MemberRemoveResponse }
  | { kind: 'update'; id: bigint; resp: MemberUpdateResponse }
  | { kind: 'promote'; id: bigint; resp: MemberPromoteResponse };

const clusterOf = (h: ResponseHeader | undefined): string => hexIdPadded(h?.cluster_id ?? 0n);

/**
 * The lines to start the new member with: every peer URL of every member as `name=url`, the new
 * member under the name given (members that have not started yet have no name: `=url`).
 */
export function memberAddEnv(resp: MemberAddResponse, name: string, peerUrls: string): string {
  const newId = resp.member?.ID ?? 0n;
  const conf = resp.members.flatMap((m) =>
    m.peerURLs.map((u) => `${m.ID === newId ? name : m.name}=${u}`),
  );
  return (
    `ETCD_NAME=${goQuoteString(name)}\n` +
    `ETCD_INITIAL_CLUSTER=${goQuoteString(conf.join(','))}\n` +
    `ETCD_INITIAL_ADVERTISE_PEER_URLS=${goQuoteString(peerUrls)}\n` +
    'ETCD_INITIAL_CLUSTER_STATE="existing"\n'
  );
}

function simple(c: MemberChange): string {
  switch (c.kind) {
    case 'add': {
      const { member, header } = c.resp;
      const as = member?.isLearner ? ' as learner ' : ' ';
      return (
        `Member ${hexIdPadded(member?.ID ?? 0n)} added${as}to cluster ${clusterOf(header)}\n\n` +
        memberAddEnv(c.resp, c.name, c.peerUrls)
      );
    }
    case 'remove':
      return `Member ${hexIdPadded(c.id)} removed from cluster ${clusterOf(c.resp.header)}\n`;
    case 'update':
      return `Member ${hexIdPadded(c.id)} updated in cluster ${clusterOf(c.resp.header)}\n`;
    case 'promote':
      return `Member ${hexIdPadded(c.id)} promoted in cluster ${clusterOf(c.resp.header)}\n`;
  }
}

const typeNames = {
  add: 'MemberAddResponse',
  remove: 'MemberRemoveResponse',
  update: 'MemberUpdateResponse',
  promote: 'MemberPromoteResponse',
} as const;

// With --hex: the header and every member with hex-string IDs; `members` (and add's `member`)
// always present, `null` for a missing member.
function hexJson(c: MemberChange): string {
  const entries: [string, string][] = [['header', hexHeaderJson(c.resp.header)]];
  if (c.kind === 'add') {
    const m: Member | undefined = c.resp.member;
    entries.push(['member', m ? hexMemberJson(m) : 'null']);
  }
  entries.push(['members', jsonArray(c.resp.members.map(hexMemberJson))]);
  return jsonObject(entries);
}

/** The printers of the member changes (simple, json, protobuf). */
export const memberChangePrinters: PrinterSet<(c: MemberChange, opts: PrintOptions) => Part> = {
  simple,
  json: (c, opts) => `${opts.hex ? hexJson(c) : toJson(typeNames[c.kind], c.resp)}\n`,
  protobuf: (c) => encode(typeNames[c.kind], c.resp),
};
