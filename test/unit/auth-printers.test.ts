// The printers of auth status, user and role on fixed responses, as etcdctl main's printer_*.go
// write them; what main changed from 3.4 (role get root, fields header with --hex, auth status) is
// kept in goldens. The e2e tests compare the rest byte for byte with etcdctl 3.4.23.
import { describe, expect, it } from 'vitest';
import type { OutputFormat } from '../../src/cli/globals.js';
import { encode } from '../../src/etcd/proto/codec.js';
import type {
  AuthRoleGetResponse,
  Permission,
  ResponseHeader,
} from '../../src/etcd/proto/gen/messages.js';
import {
  authStatusPrinters,
  userAddPrinters,
  userDeletePrinters,
  userGetPrinters,
  userGrantRolePrinters,
  userListPrinters,
  userPasswdPrinters,
  userRevokeRolePrinters,
} from '../../src/output/auth.js';
import { print } from '../../src/output/print.js';
import {
  roleAddPrinters,
  roleDeletePrinters,
  roleGetPrinters,
  roleGrantPrinters,
  roleListPrinters,
  roleRevokePrinters,
} from '../../src/output/role.js';
import { expectGolden } from '../helpers/golden.js';

const header: ResponseHeader = {
  cluster_id: 0xeb6b8f8e1a2d31c7n,
  member_id: 0x1da4ad9b28a6f3abn,
  revision: 7n,
  raft_term: 2n,
};
const b = (s: string) => Buffer.from(s, 'latin1');
const perm = (permType: number, key: string, end = ''): Permission => ({
  permType,
  key: b(key),
  range_end: b(end),
});

// One permission of each shape, sorted by key as etcd returns them.
const r1: AuthRoleGetResponse = {
  header,
  perm: [
    perm(0, '\x00', '\x00'), // --prefix '' : the whole keyspace
    perm(1, 'a', 'z'),
    perm(0, 'fk', '\x00'), // --from-key
    perm(0, 'foo'),
    perm(2, 'pfx/', 'pfx0'), // --prefix
    perm(2, 'y\xff', 'z'), // a prefix end that is not UTF-8 on either side
    perm(1, '\xc3\xbf', '\xc3\xc0'),
  ],
};

const raw = (parts: ReturnType<typeof print>) => Buffer.concat(parts.map((p) => Buffer.from(p)));
// latin1, so that each byte of raw output is one character of the expected strings.
const text = (parts: ReturnType<typeof print>) => raw(parts).toString('latin1');
const render = <R, O>(
  set: Parameters<typeof print<R, O>>[0],
  format: OutputFormat,
  resp: R,
  opts: O,
) => text(print(set, format, resp, opts));

describe('role get', () => {
  it('simple: reads then writes; `key`, `[k, e)`, `<open ended>`, ` (prefix k)`, raw bytes', () => {
    expect(render(roleGetPrinters, 'simple', r1, { hex: false, role: 'r1' })).toBe(
      'Role r1\nKV Read:\n' +
        '\t[\x00, <open ended>\n\t[fk, <open ended>\n\tfoo\n\t[pfx/, pfx0) (prefix pfx/)\n' +
        '\t[y\xff, z) (prefix y\xff)\n' +
        'KV Write:\n' +
        '\t[a, z)\n\t[pfx/, pfx0) (prefix pfx/)\n\t[y\xff, z) (prefix y\xff)\n' +
        '\t[\xc3\xbf, \xc3\xc0) (prefix \xc3\xbf)\n',
    );
  });

  it('simple: no permissions prints the headings; root alone means every key (main)', () => {
    const none = { header, perm: [] };
    expect(render(roleGetPrinters, 'simple', none, { hex: false, role: 'r2' })).toBe(
      'Role r2\nKV Read:\nKV Write:\n',
    );
    const root = render(roleGetPrinters, 'simple', none, { hex: false, role: 'root' });
    expectGolden('auth/role-get-root.simple', root);
    expect(root).toBe('Role root\nKV Read:\n\t[, <open ended>\nKV Write:\n\t[, <open ended>\n');
    // Explicit permissions of root are listed as for any role.
    const granted = { header, perm: [perm(0, 'foo')] };
    expect(render(roleGetPrinters, 'simple', granted, { hex: false, role: 'root' })).toBe(
      'Role root\nKV Read:\n\tfoo\nKV Write:\n',
    );
  });

  it('fields: the header, then PermType (two spaces), Key and RangeEnd quoted as Go does', () => {
    const opts = { hex: false, role: 'r1' };
    expectGolden('auth/role-get.fields', raw(print(roleGetPrinters, 'fields', r1, opts)));
    const hexed = raw(print(roleGetPrinters, 'fields', r1, { ...opts, hex: true }));
    expectGolden('auth/role-get.hex-fields', hexed);
    const out = hexed.toString('latin1');
    expect(out).toMatch(/^"ClusterID" : eb6b8f8e1a2d31c7\n"MemberID" : 1da4ad9b28a6f3ab\n/);
    expect(out).toContain('"PermType" :  READWRITE\n"Key" : "y\\xff"\n"RangeEnd" : "z"\n');
    expect(out).toContain('"PermType" :  READ\n"Key" : "foo"\n"RangeEnd" : ""\n');
    const odd = { header, perm: [perm(7, 'k')] };
    expect(render(roleGetPrinters, 'fields', odd, { hex: false, role: 'r' })).toContain(
      '"PermType" :  7\n',
    );
  });

  it('json and protobuf: the AuthRoleGetResponse', () => {
    const json = render(roleGetPrinters, 'json', r1, { hex: true, role: 'r1' });
    expect(json).toMatch(/^\{"header":\{"cluster_id":16963810261908402631,/);
    expect(json).toContain('"perm":[{"key":"AA==","range_end":"AA=="},{"permType":1,"key":"YQ=="');
    const pb = print(roleGetPrinters, 'protobuf', r1, { hex: false, role: 'r1' });
    expect(Buffer.from(pb[0]!)).toEqual(Buffer.from(encode('AuthRoleGetResponse', r1)));
  });
});

describe('role list', () => {
  const resp = { header, roles: ['r1', 'root', 'q"x'] };
  it('simple, and fields with each role quoted', () => {
    expect(render(roleListPrinters, 'simple', resp, { hex: false })).toBe('r1\nroot\nq"x\n');
    expect(render(roleListPrinters, 'fields', resp, { hex: false })).toBe(
      '"ClusterID" : 16963810261908402631\n"MemberID" : 2136023005194023851\n' +
        '"Revision" : 7\n"RaftTerm" : 2\n"Roles" : "r1" "root" "q\\"x"\n',
    );
    expect(render(roleListPrinters, 'fields', { header, roles: [] }, { hex: false })).toMatch(
      /"RaftTerm" : 2\n"Roles" :\n$/,
    );
  });
});

describe('sentences of the commands whose response is only a header', () => {
  const h = { header };
  const none = new Uint8Array(0);
  it.each([
    [render(userAddPrinters, 'simple', h, { hex: false, user: 'alice' }), 'User alice created\n'],
    [render(userDeletePrinters, 'simple', h, { hex: false, user: 'bob' }), 'User bob deleted\n'],
    [render(userPasswdPrinters, 'simple', h, { hex: false }), 'Password updated\n'],
    [
      render(userGrantRolePrinters, 'simple', h, { hex: false, user: 'u', role: 'r' }),
      'Role r is granted to user u\n',
    ],
    [
      render(userRevokeRolePrinters, 'simple', h, { hex: false, user: 'u', role: 'r' }),
      'Role r is revoked from user u\n',
    ],
    [render(roleAddPrinters, 'simple', h, { hex: false, role: 'r' }), 'Role r created\n'],
    [render(roleDeletePrinters, 'simple', h, { hex: false, role: 'r' }), 'Role r deleted\n'],
    [render(roleGrantPrinters, 'simple', h, { hex: false, role: 'r' }), 'Role r updated\n'],
    [
      render(roleRevokePrinters, 'simple', h, { hex: false, role: 'r', key: 'k', rangeEnd: none }),
      'Permission of key k is revoked from role r\n',
    ],
    [
      render(roleRevokePrinters, 'simple', h, {
        hex: false,
        role: 'r',
        key: 'a',
        rangeEnd: b('z'),
      }),
      'Permission of range [a, z) is revoked from role r\n',
    ],
    [
      render(roleRevokePrinters, 'simple', h, {
        hex: false,
        role: 'r',
        key: '',
        rangeEnd: b('\x00'),
      }),
      'Permission of range [, <open ended> is revoked from role r\n',
    ],
    [
      render(roleRevokePrinters, 'simple', h, {
        hex: false,
        role: 'r',
        key: 'ÿ',
        rangeEnd: b('\xc3\xc0'),
      }),
      'Permission of range [\xc3\xbf, \xc3\xc0) is revoked from role r\n',
    ],
  ])('%j', (got, want) => expect(got).toBe(want));

  it('fields prints the header, json and protobuf the message; no table', () => {
    expect(render(userAddPrinters, 'fields', h, { hex: false, user: 'a' })).toBe(
      '"ClusterID" : 16963810261908402631\n"MemberID" : 2136023005194023851\n"Revision" : 7\n"RaftTerm" : 2\n',
    );
    expect(render(roleAddPrinters, 'json', h, { hex: false, role: 'a' })).toBe(
      '{"header":{"cluster_id":16963810261908402631,"member_id":2136023005194023851,"revision":7,"raft_term":2}}\n',
    );
    expect(
      Buffer.from(print(roleAddPrinters, 'protobuf', h, { hex: false, role: 'a' })[0]!),
    ).toEqual(Buffer.from(encode('AuthRoleAddResponse', h)));
    expect(() => print(userAddPrinters, 'table', h, { hex: false, user: 'a' })).toThrow(
      expect.objectContaining({ message: 'table not supported as output format', exitCode: 4 }),
    );
  });
});

describe('user get, user list, auth status', () => {
  it('user get: `Roles:` then each role after a space', () => {
    const opts = { hex: false, user: 'alice' };
    expect(render(userGetPrinters, 'simple', { header, roles: ['r1', 'r2'] }, opts)).toBe(
      'User: alice\nRoles: r1 r2\n',
    );
    expect(render(userGetPrinters, 'simple', { header, roles: [] }, opts)).toBe(
      'User: alice\nRoles:\n',
    );
    expect(render(userGetPrinters, 'json', { header: undefined, roles: ['r1'] }, opts)).toBe(
      '{"roles":["r1"]}\n',
    );
  });

  it('user list: one per line', () => {
    expect(render(userListPrinters, 'simple', { header, users: ['a', 'b'] }, { hex: false })).toBe(
      'a\nb\n',
    );
  });

  it('user get, user list and auth status have no fields printer (exit 4), no table', () => {
    for (const format of ['fields', 'table'] as const) {
      const message = `${format} not supported as output format`;
      const err = expect.objectContaining({ message, exitCode: 4 });
      expect(() =>
        print(userGetPrinters, format, { header, roles: [] }, { hex: false, user: 'a' }),
      ).toThrow(err);
      expect(() => print(userListPrinters, format, { header, users: [] }, { hex: false })).toThrow(
        err,
      );
      const status = { header, enabled: true, authRevision: 5n };
      expect(() => print(authStatusPrinters, format, status, { hex: false })).toThrow(err);
    }
  });

  it('auth status (main, 3.5+): simple, json and protobuf', () => {
    const on = { header, enabled: true, authRevision: 12n };
    const simple = render(authStatusPrinters, 'simple', on, { hex: false });
    expectGolden('auth/status.simple', simple);
    expect(simple).toBe('Authentication Status: true\nAuthRevision: 12\n');
    const off = { header, enabled: false, authRevision: 0n };
    expect(render(authStatusPrinters, 'simple', off, { hex: false })).toBe(
      'Authentication Status: false\nAuthRevision: 0\n',
    );
    const json = render(authStatusPrinters, 'json', on, { hex: true });
    expectGolden('auth/status.json', json);
    expect(json).toMatch(/,"raft_term":2\},"enabled":true,"authRevision":12\}\n$/);
    expect(render(authStatusPrinters, 'json', off, { hex: false })).toMatch(/"raft_term":2\}\}\n$/);
    expect(Buffer.from(print(authStatusPrinters, 'protobuf', on, { hex: false })[0]!)).toEqual(
      Buffer.from(encode('AuthStatusResponse', on)),
    );
  });
});
