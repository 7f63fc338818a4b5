// Printers of `endpoint health | status | hashkv` in every format, as etcdctl main's printer.go,
// printer_{simple,json,fields,table}.go: one row builder per command shared by simple and table.
import type { HashKVResponse, StatusResponse } from '../etcd/proto/gen/messages.js';
import { type PrinterSet, printerOf } from './print.js';
import type { OutputFormat } from '../cli/globals.js';
import { goPrintlnStrings, goQuoteString, hexId, humanizeBytes } from '../go/format.js';
import { jsonArray, jsonObject, jsonString, toJson } from './json.js';
import { fieldsHeader, type PrintOptions } from './kv.js';
import { renderTable } from '../go/tablewriter.js';

/** One endpoint's health check (etcdctl's epHealth). */
export interface EpHealth {
  ep: string;
  health: boolean;
  /** Go duration text; empty when no client could be made. */
  took: string;
  /** Empty when healthy. */
  error: string;
  /** Why the endpoint could not be reached (`connection refused`): ectl names it in the table. */
  cause?: string;
}

/** One endpoint's status (etcdctl's epStatus). */
export interface EpStatus {
  ep: string;
  resp: StatusResponse;
}

/** One endpoint's KV hash (etcdctl's epHashKV). */
export interface EpHashKV {
  ep: string;
  resp: HashKVResponse;
}

/** What a printer writes to each stream. */
export interface Rendered {
  stdout: string;
  stderr: string;
}

type Rows = { header: string[]; rows: string[][] };

/** makeEndpointHealthTable, the error followed by its cause when one is known. */
export function healthRows(list: readonly EpHealth[]): Rows {
  const error = (h: EpHealth) => (h.cause ? `${h.error} (${h.cause})` : h.error);
  return {
    header: ['endpoint', 'health', 'took', 'error'],
    rows: list.map((h) => [h.ep, String(h.health), h.took, error(h)]),
  };
}

// 100 - in-use*100/size with int64 division; etcdctl divides by zero and panics on a 0 size.
function percentNotInUse(r: StatusResponse): string {
  return r.dbSize === 0n ? '0%' : `${100n - (r.dbSizeInUse * 100n) / r.dbSize}%`;
}

/** makeEndpointStatusTable, with main's 16 columns (a 3.4 server leaves the newer ones zero). */
export function statusRows(list: readonly EpStatus[]): Rows {
  const header = [
    'endpoint',
    'ID',
    'version',
    'storage version',
    'db size',
    'in use',
    'percentage not in use',
    'quota',
    'is leader',
    'is learner',
    'raft term',
    'raft index',
    'raft applied index',
    'errors',
    'downgrade target version',
    'downgrade enabled',
  ];
  const rows = list.map(({ ep, resp: r }) => {
    const member = r.header?.member_id ?? 0n;
    return [
      ep,
      hexId(member),
      r.version,
      r.storageVersion,
      humanizeBytes(r.dbSize),
      humanizeBytes(r.dbSizeInUse),
      percentNotInUse(r),
      humanizeBytes(r.dbSizeQuota),
      String(r.leader === member),
      String(r.isLearner),
      String(r.raftTerm),
      String(r.raftIndex),
      String(r.raftAppliedIndex),
      r.errors.join(', '),
      r.downgradeInfo?.targetVersion ?? '',
      String(r.downgradeInfo?.enabled ?? false),
    ];
  });
  return { header, rows };
}

/** makeEndpointHashKVTable (main adds hash_revision). */
export function hashKVRows(list: readonly EpHashKV[]): Rows {
  return {
    header: ['endpoint', 'hash', 'hash_revision'],
    rows: list.map(({ ep, resp }) => [ep, String(resp.hash), String(resp.hash_revision)]),
  };
}

const simpleRows = ({ rows }: Rows): string => rows.map((r) => `${r.join(', ')}\n`).join('');
const table = ({ header, rows }: Rows): string => renderTable(header, rows);
// Go marshals a nil slice as null: etcdctl's lists stay nil when no endpoint answered.
const jsonList = (items: string[]): string => `${items.length ? jsonArray(items) : 'null'}\n`;

/** Rows on stdout, unhealthy ones on stderr (simple format). */
type HealthPrinter = (list: readonly EpHealth[]) => Rendered;

/** `endpoint health` printers; unhealthy endpoints go to stderr in simple format. */
const healthPrinters: PrinterSet<HealthPrinter> = {
  simple: (list) => {
    let stdout = '';
    let stderr = '';
    for (const h of list) {
      if (h.error === '')
        stdout += `${h.ep} is healthy: successfully committed proposal: took = ${h.took}\n`;
      else stderr += `${h.ep} is unhealthy: failed to commit proposal: ${h.error}\n`;
    }
    return { stdout, stderr };
  },
  json: (list) => ({
    stdout: jsonList(
      list.map((h) => {
        const entries: [string, string][] = [
          ['endpoint', jsonString(h.ep)],
          ['health', String(h.health)],
          ['took', jsonString(h.took)],
        ];
        if (h.error !== '') entries.push(['error', jsonString(h.error)]);
        return jsonObject(entries);
      }),
    ),
    stderr: '',
  }),
  fields: (list) => ({
    stdout: list
      .map(
        (h) =>
          `"Endpoint" : ${goQuoteString(h.ep)}\n"Health" : ${h.health}\n` +
          `"Took" : ${h.took}\n"Error" : ${h.error}\n\n`,
      )
      .join(''),
    stderr: '',
  }),
  table: (list) => ({ stdout: table(healthRows(list)), stderr: '' }),
};

/** `endpoint health` output in a format (protobuf: etcdctl's "not supported", exit 4). */
export function renderHealth(format: OutputFormat, list: readonly EpHealth[]): Rendered {
  return printerOf(healthPrinters, format)(list);
}

/** What tells status and hashkv apart; every format is otherwise printed alike (printer.go). */
interface EndpointPrinter<R> {
  rows(list: readonly { ep: string; resp: R }[]): Rows;
  /** The JSON key of the response next to "Endpoint", and its message type. */
  jsonKey: string;
  jsonType: string;
  fields(ep: string, resp: R, opts: PrintOptions): string;
}

type ListPrinter<R> = (list: readonly { ep: string; resp: R }[], opts: PrintOptions) => string;

/** The printer set of status or hashkv: simple and table share the row builder. */
function endpointPrinters<R>(p: EndpointPrinter<R>): PrinterSet<ListPrinter<R>> {
  return {
    simple: (list) => simpleRows(p.rows(list)),
    json: (list) =>
      jsonList(
        list.map(({ ep, resp }) =>
          jsonObject([
            ['Endpoint', jsonString(ep)],
            [p.jsonKey, toJson(p.jsonType, resp)],
          ]),
        ),
      ),
    fields: (list, opts) => list.map(({ ep, resp }) => p.fields(ep, resp, opts)).join(''),
    table: (list) => table(p.rows(list)),
  };
}

function renderEndpoints<R>(
  p: EndpointPrinter<R>,
  format: OutputFormat,
  list: readonly { ep: string; resp: R }[],
  opts: PrintOptions,
): string {
  return printerOf(endpointPrinters(p), format)(list, opts);
}

function statusFields(ep: string, r: StatusResponse, opts: PrintOptions): string {
  return (
    fieldsHeader(r.header, opts) +
    `"Version" : ${goQuoteString(r.version)}\n` +
    `"StorageVersion" : ${goQuoteString(r.storageVersion)}\n` +
    `"DBSize" : ${r.dbSize}\n"DBSizeInUse" : ${r.dbSizeInUse}\n"DBSizeQuota" : ${r.dbSizeQuota}\n` +
    `"Leader" : ${r.leader}\n"IsLearner" : ${r.isLearner}\n` +
    `"RaftIndex" : ${r.raftIndex}\n"RaftAppliedIndex" : ${r.raftAppliedIndex}\n` +
    `"Errors" : ${goPrintlnStrings(r.errors)}\n"Endpoint" : ${goQuoteString(ep)}\n` +
    `"DowngradeTargetVersion" : ${goQuoteString(r.downgradeInfo?.targetVersion ?? '')}\n` +
    `"DowngradeEnabled" : ${r.downgradeInfo?.enabled ?? false}\n\n`
  );
}

function hashKVFields(ep: string, r: HashKVResponse, opts: PrintOptions): string {
  return (
    `${fieldsHeader(r.header, opts)}"Endpoint" : ${goQuoteString(ep)}\n` +
    `"Hash" : ${r.hash}\n"HashRevision" : ${r.hash_revision}\n\n`
  );
}

/** `endpoint status` output. */
export function renderStatus(
  format: OutputFormat,
  list: readonly EpStatus[],
  opts: PrintOptions,
): string {
  const printer = {
    rows: statusRows,
    jsonKey: 'Status',
    jsonType: 'StatusResponse',
    fields: statusFields,
  };
  return renderEndpoints(printer, format, list, opts);
}

/** `endpoint hashkv` output. */
export function renderHashKV(
  format: OutputFormat,
  list: readonly EpHashKV[],
  opts: PrintOptions,
): string {
  const printer = {
    rows: hashKVRows,
    jsonKey: 'HashKV',
    jsonType: 'HashKVResponse',
    fields: hashKVFields,
  };
  return renderEndpoints(printer, format, list, opts);
}
