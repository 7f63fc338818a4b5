// The pure request builders of user and role: the new user from argument and flags, permission
// types and key ranges, with etcdctl's texts and exit codes in etcdctl's order.
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/commands/index.js';
import { parseArgv } from '../../src/cli/argv.js';
import { globalFlags } from '../../src/cli/globals.js';
import { userAddFlags, newUser, userAddRequest } from '../../src/commands/etcdctl/auth/user-add.js';
import {
  grantFlags,
  grantRequest,
  permRange,
  permType,
  revokeFlags,
  revokeRequest,
} from '../../src/commands/etcdctl/auth/role.js';
import { bufferIo } from '../helpers/io.js';
import { failure } from '../helpers/failure.js';

const b = (s: string) => Buffer.from(s, 'latin1');
const program = await buildProgram(bufferIo().io);
const parsed = (argv: string[]) => parseArgv(argv, program, globalFlags);

function userAdd(...argv: string[]) {
  const p = parsed(['user', 'add', ...argv]);
  return newUser(p.args, userAddFlags.read(p.flags));
}

describe('user add: name and password from the argument and flags', () => {
  it.each([
    [['alice'], { name: 'alice', password: undefined, noPassword: false }],
    [['alice:pw'], { name: 'alice', password: 'pw', noPassword: false }],
    [['alice:a:b'], { name: 'alice', password: 'a:b', noPassword: false }],
    [['alice:'], { name: 'alice', password: '', noPassword: false }],
    [['alice', '--new-user-password', 'pw'], { name: 'alice', password: 'pw', noPassword: false }],
    [['a:b', '--new-user-password', 'pw'], { name: 'a:b', password: 'pw', noPassword: false }],
    [['a:b', '--no-password'], { name: 'a:b', password: '', noPassword: true }],
    [
      ['a', '--no-password', '--new-user-password', 'x'],
      { name: 'a', password: '', noPassword: true },
    ],
    [['alice', '--interactive=false'], { name: 'alice', password: undefined, noPassword: false }],
  ])('%j', (argv, want) => expect(userAdd(...argv)).toEqual(want));

  it('argument errors (128)', () => {
    const missing = 'user add command requires user name as its argument';
    expect(failure(() => userAdd())).toEqual([missing, 128, undefined]);
    expect(failure(() => userAdd('a', 'b'))).toEqual([missing, 128, undefined]);
    expect(failure(() => userAdd(':pw'))).toEqual([
      'empty user name is not allowed',
      128,
      undefined,
    ]);
  });

  it('always sends the options message', () => {
    expect(userAddRequest('a', 'p', false)).toEqual({
      name: 'a',
      password: 'p',
      options: { no_password: false },
    });
  });
});

describe('permissions', () => {
  it('types in any case; anything else is exit 128', () => {
    expect(['read', 'WRITE', 'ReadWrite'].map(permType)).toEqual([0, 1, 2]);
    expect(failure(() => permType('rw'))).toEqual(['invalid permission type: rw', 128, undefined]);
    expect(failure(() => permType('constructor'))[0]).toBe('invalid permission type: constructor');
  });

  const f = (prefix: boolean, fromKey: boolean) => ({ prefix, fromKey });
  it.each([
    [['foo'], f(false, false), 'foo', ''],
    [['a', 'z'], f(false, false), 'a', 'z'],
    [['a', 'z', 'extra'], f(false, false), 'a', 'z'],
    [['pfx/'], f(true, false), 'pfx/', 'pfx0'],
    [['aÿ'], f(true, false), 'a\xc3\xbf', 'a\xc3\xc0'], // argv arrives as UTF-8
    [['fk'], f(false, true), 'fk', '\x00'],
    [[''], f(false, false), '\x00', ''],
    [[''], f(true, false), '\x00', '\x00'],
    [[''], f(false, true), '\x00', '\x00'],
    [['', 'ignored'], f(false, false), '\x00', ''],
    [['', 'ignored'], f(true, false), '\x00', '\x00'],
  ])('%j %j → [%j, %j)', (args, flags, key, end) => {
    const r = permRange(args, flags);
    expect([Buffer.from(r.key), Buffer.from(r.rangeEnd)]).toEqual([b(key), b(end)]);
  });

  it('flag errors (128)', () => {
    const excl = '--from-key and --prefix flags are mutually exclusive';
    expect(failure(() => permRange(['k'], f(true, true)))[0]).toBe(excl);
    expect(failure(() => permRange([''], f(true, true)))[0]).toBe(excl);
    expect(failure(() => permRange(['k', 'e'], f(true, false)))).toEqual([
      'unexpected endkey argument with --prefix flag',
      128,
      undefined,
    ]);
    expect(failure(() => permRange(['k', 'e'], f(false, true)))[0]).toBe(
      'unexpected endkey argument with --from-key flag',
    );
    // With both flags and an endkey, the --prefix text wins, as in etcdctl.
    expect(failure(() => permRange(['k', 'e'], f(true, true)))[0]).toBe(
      'unexpected endkey argument with --prefix flag',
    );
  });

  it('grant and revoke requests, and their argument errors in etcdctl’s order', () => {
    const grant = (...argv: string[]) => {
      const p = parsed(['role', 'grant-permission', ...argv]);
      return grantRequest(p.args, grantFlags.read(p.flags));
    };
    const revoke = (...argv: string[]) => {
      const p = parsed(['role', 'revoke-permission', ...argv]);
      return revokeRequest(p.args, revokeFlags.read(p.flags));
    };
    const g = grant('r', 'readwrite', '--prefix', 'p/');
    expect([
      g.name,
      g.perm.permType,
      Buffer.from(g.perm.key),
      Buffer.from(g.perm.range_end),
    ]).toEqual(['r', 2, b('p/'), b('p0')]);
    const r = revoke('r', 'a', 'z');
    expect([r.role, Buffer.from(r.key), Buffer.from(r.range_end)]).toEqual(['r', b('a'), b('z')]);
    const grantMissing =
      'role grant command requires role name, permission type, and key [endkey] as its argument';
    expect(failure(() => grant('r', 'read'))).toEqual([grantMissing, 128, undefined]);
    // The type is checked before the range flags.
    expect(failure(() => grant('r', 'bad', 'k', 'e', '--prefix'))[0]).toBe(
      'invalid permission type: bad',
    );
    expect(failure(() => revoke('r'))).toEqual([
      'role revoke-permission command requires role name and key [endkey] as its argument',
      128,
      undefined,
    ]);
  });
});
