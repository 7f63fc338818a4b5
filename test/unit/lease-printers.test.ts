// The lease printers in every format against etcdctl's texts (reference §6.8, §5.5), lease ID and
// TTL arguments with strconv's error texts, and the request builders of the lock/elect recipes.
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/etcd/proto/codec.js';
import { acquireTxn, firstCreated } from '../../src/etcd/concurrency/mutex.js';
import { isTransient } from '../../src/etcd/concurrency/calls.js';
import { EtcdError, canceled, deadlineExceeded } from '../../src/etcd/errors.js';
import { BadArgsError } from '../../src/errors.js';
import { oneArg, parseLeaseArg, parseTtlArg } from '../../src/input/lease-args.js';
import { leasePrinters, revokeMarshalError, type LeaseOutput } from '../../src/output/lease.js';
import { printerOf } from '../../src/output/print.js';
import type { OutputFormat } from '../../src/cli/globals.js';
import type { PrintOptions } from '../../src/output/kv.js';

const renderLease = (format: OutputFormat, out: LeaseOutput, opts: PrintOptions) =>
  printerOf(leasePrinters, format)(out, opts);
import { lookPath } from '../../src/exec/exec-command.js';

const header = {
  cluster_id: 14533936743398388135n,
  member_id: 4162057646453616151n,
  revision: 7n,
  raft_term: 2n,
};
const ID = 0x041fa20adb90a4b3n;
const plain = { hex: false };
const text = (out: string | Uint8Array) => Buffer.from(out).toString('latin1');
const render = (f: Parameters<typeof renderLease>[0], o: LeaseOutput, hex = false) =>
  text(renderLease(f, o, { hex }));
const H = `"ClusterID" : 14533936743398388135\n"MemberID" : 4162057646453616151\n"Revision" : 7\n"RaftTerm" : 2\n`;
const HJ =
  '"cluster_id":14533936743398388135,"member_id":4162057646453616151,"revision":7,"raft_term":2';

describe('lease printers', () => {
  const grant: LeaseOutput = { kind: 'grant', resp: { header, ID, TTL: 10n, error: '' } };
  const ka: LeaseOutput = { kind: 'keepalive', resp: { header, ID, TTL: 100n } };
  const ttl = (keys: Uint8Array[], asked: boolean): LeaseOutput => ({
    kind: 'timetolive',
    resp: { header, ID, TTL: 499n, grantedTTL: 500n, keys },
    keys: asked,
  });
  const k = (s: string | number[]) => Uint8Array.from(typeof s === 'string' ? Buffer.from(s) : s);

  it('grant', () => {
    expect(render('simple', grant)).toBe('lease 041fa20adb90a4b3 granted with TTL(10s)\n');
    expect(render('json', grant)).toBe(`{${HJ},"ID":297134267946804403,"TTL":10,"Error":""}\n`);
    expect(render('fields', grant)).toBe(`${H}"ID" : 297134267946804403\n"TTL" : 10\n`);
    expect(render('fields', grant, true)).toMatch(
      /"ClusterID" : c9b2ea76ca4231a7\n[^]*"ID" : 041fa20adb90a4b3\n"TTL" : 10\n$/,
    );
  });

  it('protobuf is the header alone; table is refused (exit 4)', () => {
    expect(Buffer.from(renderLease('protobuf', grant, plain))).toEqual(
      Buffer.from(encode('ResponseHeader', header)),
    );
    expect(decode('ResponseHeader', renderLease('protobuf', ka, plain) as Uint8Array)).toEqual(
      header,
    );
    expect(() => renderLease('table', grant, plain)).toThrow(
      'table not supported as output format',
    );
  });

  it('keep-alive: TTL without a unit, header flattened in JSON', () => {
    expect(render('simple', ka)).toBe('lease 041fa20adb90a4b3 keepalived with TTL(100)\n');
    expect(render('json', ka)).toBe(`{${HJ},"ID":297134267946804403,"TTL":100}\n`);
    expect(render('fields', ka)).toBe(`${H}"ID" : 297134267946804403\n"TTL" : 100\n`);
  });

  it('timetolive: keys raw in simple, base64 or null in JSON, %q in fields', () => {
    const keys = [k('lk1'), k([0x6b, 0xff, 0x0a])];
    expect(render('simple', ttl(keys, true))).toBe(
      'lease 041fa20adb90a4b3 granted with TTL(500s), remaining(499s), attached keys([lk1 k\xff\n])\n',
    );
    expect(render('simple', ttl([], true))).toMatch(/, attached keys\(\[\]\)\n$/);
    expect(render('simple', ttl([], false))).toBe(
      'lease 041fa20adb90a4b3 granted with TTL(500s), remaining(499s)\n',
    );
    expect(render('json', ttl(keys, true))).toBe(
      `{${HJ},"id":297134267946804403,"ttl":499,"granted-ttl":500,"keys":["bGsx","a/8K"]}\n`,
    );
    expect(render('json', ttl([], false))).toMatch(/"granted-ttl":500,"keys":null\}\n$/);
    expect(render('fields', ttl(keys, true))).toBe(
      `${H}"ID" : 297134267946804403\n"TTL" : 499\n"GrantedTTL" : 500\n"Key" : "lk1"\n"Key" : "k\\xff\\n"\n`,
    );
  });

  it('timetolive of an expired or unknown lease', () => {
    const o: LeaseOutput = {
      kind: 'timetolive',
      resp: { header, ID: 0x1234n, TTL: -1n, grantedTTL: 0n, keys: [] },
      keys: false,
    };
    expect(render('simple', o)).toBe('lease 0000000000001234 already expired\n');
    expect(render('json', o)).toBe(`{${HJ},"id":4660,"ttl":-1,"granted-ttl":0,"keys":null}\n`);
  });

  it('list: count then %016x IDs; `[]` when there are none', () => {
    const o: LeaseOutput = {
      kind: 'leases',
      resp: { header, leases: [{ ID: 0x1c0ffeen }, { ID }] },
    };
    expect(render('simple', o)).toBe('found 2 leases\n0000000001c0ffee\n041fa20adb90a4b3\n');
    expect(render('json', o)).toBe(
      `{${HJ},"leases":[{"id":29425646},{"id":297134267946804403}]}\n`,
    );
    expect(render('fields', o, true)).toMatch(
      /"ID" : 0000000001c0ffee\n"ID" : 041fa20adb90a4b3\n$/,
    );
    const none: LeaseOutput = { kind: 'leases', resp: { header, leases: [] } };
    expect(render('simple', none)).toBe('found 0 leases\n');
    expect(render('json', none)).toBe(`{${HJ},"leases":[]}\n`);
  });

  it('revoke: the proto message in JSON, header in fields, 3.4’s marshal error in protobuf', () => {
    const o: LeaseOutput = { kind: 'revoke', id: ID, resp: { header } };
    expect(render('simple', o)).toBe('lease 041fa20adb90a4b3 revoked\n');
    expect(render('json', o)).toBe(`{"header":{${HJ}}}\n`);
    expect(render('fields', o)).toBe(H);
    expect(() => renderLease('protobuf', o, plain)).toThrow(
      'marshal unsupported for type clientv3.LeaseRevokeResponse ({cluster_id:14533936743398388135 member_id:4162057646453616151 revision:7 raft_term:2 })',
    );
    expect(revokeMarshalError({ header: { ...header, revision: 0n } })).toMatch(
      /member_id:\d+ raft_term:2 \}\)$/,
    );
  });

  it('a response without header prints no header keys, zeros in fields', () => {
    const o: LeaseOutput = { kind: 'keepalive', resp: { ID: 1n, TTL: 5n } };
    expect(render('json', o)).toBe('{"ID":1,"TTL":5}\n');
    expect(render('fields', o)).toBe(
      '"ClusterID" : 0\n"MemberID" : 0\n"RaftTerm" : 0\n"ID" : 1\n"TTL" : 5\n',
    );
  });
});

describe('lease arguments', () => {
  it.each([
    ['694d7a1b2c3d4e5f', 0x694d7a1b2c3d4e5fn],
    ['1234', 0x1234n],
    ['-1', -1n],
    ['7FFFFFFFFFFFFFFF', (1n << 63n) - 1n],
  ])('lease ID %s', (arg, want) => expect(parseLeaseArg(arg)).toBe(want));

  it.each([
    [
      'zz',
      'bad lease ID arg (strconv.ParseInt: parsing "zz": invalid syntax), expecting ID in Hex',
    ],
    [
      '0x10',
      'bad lease ID arg (strconv.ParseInt: parsing "0x10": invalid syntax), expecting ID in Hex',
    ],
    [
      '8000000000000000',
      'bad lease ID arg (strconv.ParseInt: parsing "8000000000000000": value out of range), expecting ID in Hex',
    ],
  ])('bad lease ID %s', (arg, message) => {
    expect(() => parseLeaseArg(arg)).toThrow(new BadArgsError(message));
  });

  it('TTLs are decimal; one argument exactly', () => {
    expect(parseTtlArg('100')).toBe(100n);
    expect(parseTtlArg('-5')).toBe(-5n);
    expect(() => parseTtlArg('0x10')).toThrow(
      'bad TTL (strconv.ParseInt: parsing "0x10": invalid syntax)',
    );
    expect(oneArg(['a'], 'x')).toBe('a');
    expect(() => oneArg([], 'lease grant command needs TTL argument')).toThrow(BadArgsError);
    expect(() => oneArg(['a', 'b'], 'x')).toThrow('x');
  });
});

describe('recipe requests and policies', () => {
  it('the acquire transaction: create-revision 0 compared (encoded although zero), owner read both ways', () => {
    const txn = acquireTxn(Buffer.from('L/'), Buffer.from('L/41fa'), 0x41fan);
    const bytes = encode('TxnRequest', txn);
    const back = decode('TxnRequest', bytes);
    expect(back.compare[0]).toMatchObject({ result: 0, target: 1, create_revision: 0n });
    expect(back.success[0]?.request_put?.lease).toBe(0x41fan);
    expect(back.success[1]?.request_range).toMatchObject({
      sort_target: 2,
      sort_order: 1,
      limit: 1n,
    });
    expect(Buffer.from(back.failure[0]!.request_range!.key).toString()).toBe('L/41fa');
    expect(Buffer.from(firstCreated(Buffer.from('L/')).range_end!).toString()).toBe('L0');
  });

  it('transient failures are retried, others are not', () => {
    expect(
      isTransient(new EtcdError('etcdserver: leader changed', 14, 'etcdserver: leader changed')),
    ).toBe(true);
    expect(isTransient(deadlineExceeded(new Map()))).toBe(true);
    expect(
      isTransient(
        new EtcdError('etcdserver: permission denied', 7, 'etcdserver: permission denied'),
      ),
    ).toBe(false);
    expect(isTransient(canceled())).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
  });

  it('the command is looked up in PATH unless its name has a slash', () => {
    expect(lookPath('sh', '/nonexistent:/bin:/usr/bin')).toEqual({
      path: expect.stringMatching(/\/sh$/),
    });
    expect(lookPath('no-such-program-xyz', '/bin:/usr/bin')).toHaveProperty('error');
    expect(lookPath('./x', '')).toEqual({ path: './x' });
  });
});
