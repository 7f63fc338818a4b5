// txn's printers in every format (bytes as etcdctl prints them, main's JSON keys), the editor's
// summary of a request, and the line reader's Go semantics (a last line without `\n` is no line).
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/etcd/proto/codec.js';
import type { KeyValue, TxnResponse } from '../../src/etcd/proto/gen/messages.js';
import { CliError } from '../../src/errors.js';
import { LineReader } from '../../src/input/lines.js';
import { parseCompare, parseOp } from '../../src/commands/etcdctl/txn/grammar.js';
import { txnOpCommands } from '../../src/commands/etcdctl/txn/ops.js';
import { txnJson, txnPrinters } from '../../src/output/txn.js';
import { print } from '../../src/output/print.js';
import type { OutputFormat } from '../../src/cli/globals.js';
import type { PrintOptions } from '../../src/output/kv.js';

const renderTxn = (format: OutputFormat, resp: TxnResponse, opts: PrintOptions) =>
  print(txnPrinters, format, resp, opts);
import { describeCompare, describeOp, describeTxn } from '../../src/output/txn-summary.js';

const u = (s: string) => Buffer.from(s, 'utf8');
const kv = (key: string, value: string, lease = 0n): KeyValue => ({
  key: u(key),
  value: u(value),
  create_revision: 2n,
  mod_revision: 4n,
  version: 3n,
  lease,
});
const inner = { cluster_id: 0n, member_id: 0n, revision: 5n, raft_term: 0n };
const resp: TxnResponse = {
  header: {
    cluster_id: 14841639068965178418n,
    member_id: 10276657743932975437n,
    revision: 5n,
    raft_term: 2n,
  },
  succeeded: true,
  responses: [
    { response_put: { header: inner, prev_kv: kv('a', 'x') } },
    { response_range: { header: inner, kvs: [kv('a', 'y\n', 0x1fn)], more: false, count: 1n } },
    { response_range: { header: inner, kvs: [], more: false, count: 0n } },
    { response_delete_range: { header: inner, deleted: 1n, prev_kvs: [kv('b', 'z')] } },
  ],
};
const bytes = (parts: (string | Uint8Array)[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe('renderTxn', () => {
  it('simple: SUCCESS, then an empty line and each op as its own command prints it', () => {
    const out = bytes(renderTxn('simple', resp, { hex: false }));
    expect(out.toString()).toBe('SUCCESS\n\nOK\na\nx\n\na\ny\n\n\n\n1\nb\nz\n');
    const failed = bytes(
      renderTxn('simple', { ...resp, succeeded: false, responses: [] }, { hex: false }),
    );
    expect(failed.toString()).toBe('FAILURE\n');
  });

  it('simple --hex: keys and values as \\xNN; --print-value-only has no effect', () => {
    const one = { ...resp, responses: [resp.responses[1]!] };
    expect(bytes(renderTxn('simple', one, { hex: true })).toString()).toBe(
      'SUCCESS\n\n\\x61\n\\x79\\x0a\n',
    );
    expect(bytes(renderTxn('simple', one, { hex: false, valueOnly: true })).toString()).toBe(
      'SUCCESS\n\na\ny\n\n',
    );
  });

  it('json: main’s keys (response_put, …), zero fields omitted, 64-bit IDs exact', () => {
    const [out] = renderTxn('json', resp, { hex: true });
    expect(out).toBe(
      '{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":5,"raft_term":2},' +
        '"succeeded":true,"responses":[' +
        '{"Response":{"response_put":{"header":{"revision":5},"prev_kv":{"key":"YQ==","create_revision":2,"mod_revision":4,"version":3,"value":"eA=="}}}},' +
        '{"Response":{"response_range":{"header":{"revision":5},"kvs":[{"key":"YQ==","create_revision":2,"mod_revision":4,"version":3,"value":"eQo=","lease":31}],"count":1}}},' +
        '{"Response":{"response_range":{"header":{"revision":5}}}},' +
        '{"Response":{"response_delete_range":{"header":{"revision":5},"deleted":1,"prev_kvs":[{"key":"Yg==","create_revision":2,"mod_revision":4,"version":3,"value":"eg=="}]}}}]}\n',
    );
    expect(txnJson({ header: resp.header, succeeded: false, responses: [] })).toBe(
      '{"header":{"cluster_id":14841639068965178418,"member_id":10276657743932975437,"revision":5,"raft_term":2}}',
    );
    expect(txnJson({ succeeded: true, responses: [{}] })).toBe(
      '{"succeeded":true,"responses":[{"Response":{}}]}',
    );
  });

  it('fields: header, Succeeded, then each op’s full fields output with its own header', () => {
    const one = { ...resp, responses: [resp.responses[0]!, resp.responses[3]!] };
    const out = bytes(renderTxn('fields', one, { hex: false })).toString();
    expect(out).toBe(
      '"ClusterID" : 14841639068965178418\n"MemberID" : 10276657743932975437\n"Revision" : 5\n"RaftTerm" : 2\n' +
        '"Succeeded" : true\n' +
        '"ClusterID" : 0\n"MemberID" : 0\n"Revision" : 5\n"RaftTerm" : 0\n' +
        '"PrevKey" : "a"\n"PrevCreateRevision" : 2\n"PrevModRevision" : 4\n"PrevVersion" : 3\n"PrevValue" : "x"\n"PrevLease" : 0\n' +
        '"ClusterID" : 0\n"MemberID" : 0\n"Revision" : 5\n"RaftTerm" : 0\n"Deleted" : 1\n' +
        '"PrevKey" : "b"\n"PrevCreateRevision" : 2\n"PrevModRevision" : 4\n"PrevVersion" : 3\n"PrevValue" : "z"\n"PrevLease" : 0\n',
    );
    const range = { ...resp, responses: [resp.responses[1]!] };
    expect(bytes(renderTxn('fields', range, { hex: true })).toString()).toContain(
      '"ClusterID" : cdf818194e3a8c32\n"MemberID" : 8e9e05c52164694d\n"Revision" : 5\n"RaftTerm" : 2\n"Succeeded" : true\n' +
        '"ClusterID" : 0\n"MemberID" : 0\n"Revision" : 5\n"RaftTerm" : 0\n"Key" : "a"\n',
    );
    expect(bytes(renderTxn('fields', range, { hex: true })).toString()).toContain(
      '"Lease" : 000000000000001f\n"More" : false\n"Count" : 1\n',
    );
  });

  it('protobuf: the TxnResponse message itself', () => {
    const [out] = renderTxn('protobuf', resp, { hex: false });
    const back = decode('TxnResponse', out as Uint8Array);
    expect(back.succeeded).toBe(true);
    expect(back.responses.map((r) => Object.keys(r).filter((k) => r[k as keyof typeof r]))).toEqual(
      [['response_put'], ['response_range'], ['response_range'], ['response_delete_range']],
    );
  });

  it('table: not supported (exit 4)', () => {
    let err: unknown;
    try {
      renderTxn('table', resp, { hex: false });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CliError);
    expect([(err as CliError).message, (err as CliError).exitCode]).toEqual([
      'table not supported as output format',
      4,
    ]);
  });
});

describe('summary', () => {
  const ops = txnOpCommands();
  it.each([
    ['mod("k") > "0"', 'mod("k") > 0'],
    ['c("k") = "3"', 'create("k") = 3'],
    ['ver("k") != "1"', 'ver("k") != 1'],
    ['val("k\\n") = "v\\x00"', 'val("k\\n") = "v\\x00"'],
    ['lease("k") = "1f"', 'lease("k") = 000000000000001f'],
    ['lease("k") < "0"', 'lease("k") < 0 (no lease)'],
  ])('%s → %s', (line, want) => expect(describeCompare(parseCompare(u(line)))).toBe(want));
  it.each([
    [
      'put k v --lease 1f --prev-kv',
      'put "k" = "v" (lease 000000000000001f, returning the previous value)',
    ],
    ['put k --ignore-value --ignore-lease', 'put "k" keeping its value (keeping its lease)'],
    ['get k', 'get "k"'],
    ['get a c --limit 2 --rev 7', 'get keys in ["a", "c") (limit 2, at revision 7)'],
    ['get --prefix app/ --keys-only', 'get every key with prefix "app/" (keys only)'],
    ["get --prefix ''", 'get every key'],
    [
      'get --from-key m --sort-by MODIFY --order DESCEND',
      'get every key from "m" (sorted by mod, descending)',
    ],
    ['del --prefix a --prev-kv', 'del every key with prefix "a" (returning the deleted pairs)'],
    ['del a c --range', 'del keys in ["a", "c")'],
  ])('%s → %s', (line, want) => expect(describeOp(parseOp(u(line), ops).op)).toBe(want));

  it('lays the transaction out as if / then / else', () => {
    const req = {
      compare: [parseCompare(u('mod("k") > "0"'))],
      success: [parseOp(u('put k v'), ops).op],
      failure: [],
    };
    expect(describeTxn(req)).toBe(
      '  if all of:\n    mod("k") > 0\n  then:\n    put "k" = "v"\n  else:\n    (nothing)\n',
    );
  });
});

describe('LineReader', () => {
  const source = (...chunks: string[]) => ({
    isTTY: false,
    async *[Symbol.asyncIterator]() {
      yield* chunks.map((c) => Buffer.from(c));
    },
  });
  it('joins chunks, splits at \\n only, and reports a last line without \\n as no line', async () => {
    const r = new LineReader(source('ab', 'c\r\n\nde', 'f\ng'));
    const lines: (string | undefined)[] = [];
    for (let i = 0; i < 5; i++) lines.push((await r.next())?.toString());
    expect(lines).toEqual(['abc\r', '', 'def', undefined, undefined]);
  });
  it('stops reading when closed', async () => {
    let pulled = 0;
    const src = {
      isTTY: false,
      async *[Symbol.asyncIterator]() {
        for (;;) {
          pulled++;
          yield Buffer.from('x\n');
        }
      },
    };
    const r = new LineReader(src);
    await r.next();
    await r.close();
    expect(pulled).toBe(1);
    expect(await r.next()).toBeUndefined();
  });
});
