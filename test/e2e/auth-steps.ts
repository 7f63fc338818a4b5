// The auth/user/role compatibility table: run in order against twin servers (ectl on A, etcdctl
// on B), from no auth at all to root set up by `auth enable`, a read-only user, every permission
// range form, every output format, and back to auth disabled. `compare: 'none'` rows are main's
// changes from 3.4 (§0.3), checked by their goldens only.
import { inFormats, type Step } from './kv-step-kit.js';

// Credentials through the environment, as scripts should pass them (not in argv).
const root = { env: { ETCDCTL_USER: 'root:rootpw' } };
const reader = { env: { ETCDCTL_USER: 'reader:rpw' } };
const R = (name: string, args: string[], extra: Omit<Step, 'name' | 'args'> = {}): Step => ({
  name,
  args,
  ...root,
  ...extra,
});

const setup: Step[] = [
  { name: 'enable-no-root', args: ['auth', 'enable'] },
  { name: 'enable-args', args: ['auth', 'enable', 'x'] },
  { name: 'disable-args', args: ['auth', 'disable', 'x'] },
  // etcd 3.4 has no AuthStatus RPC; 3.4's etcdctl has no `auth status` (main's error text).
  { name: 'status-on-3.4', args: ['auth', 'status'], compare: 'none' },
  { name: 'status-args', args: ['auth', 'status', 'x'], compare: 'none' },
  { name: 'add-root', args: ['user', 'add', 'root', '--new-user-password', 'rootpw'] },
  { name: 'add-root-again', args: ['user', 'add', 'root:other'] },
  // Creates role root, grants it to root, enables; -w is ignored.
  { name: 'enable', args: ['auth', 'enable', '-w', 'json'] },
  { name: 'list-no-user', args: ['user', 'list'] },
  { name: 'wrong-password', args: ['user', 'list'], env: { ETCDCTL_USER: 'root:nope' } },
  ...inFormats('users-root', ['user', 'list'], { ...root, hex: true }),
  R('user-list-args', ['user', 'list', 'x']),
  R('role-list-args', ['role', 'list', 'x']),
  // main prints root's implicit permission on the whole keyspace.
  R('role-get-root.simple', ['role', 'get', 'root'], { compare: 'none' }),
  ...inFormats('role-get-root', ['role', 'get', 'root'], {
    ...root,
    formats: ['json', 'fields', 'protobuf', 'table'],
  }),
];

const roles: Step[] = [
  R('role-add', ['role', 'add', 'reader']),
  R('role-add-again', ['role', 'add', 'reader']),
  R('role-add-args', ['role', 'add']),
  R('role-add-r2-formats', ['role', 'add', 'r2', '-w', 'fields']),
  R('role-add-r3-json', ['role', 'add', 'r3', '-w', 'json']),
  R('role-add-r4-protobuf', ['role', 'add', 'r4', '-w', 'protobuf']),
  // The role is created, then the format is refused (exit 4), as etcdctl does.
  R('role-add-r5-table', ['role', 'add', 'r5', '-w', 'table']),
  R('grant-prefix', ['role', 'grant-permission', 'reader', 'read', '--prefix', 'ro/']),
  R('grant-range', ['role', 'grant-permission', 'reader', 'READ', 'a', 'c']),
  R('grant-from-key', ['role', 'grant-permission', '--from-key', 'reader', 'Read', 'zz']),
  R('grant-key', ['role', 'grant-permission', 'reader', 'read', 'foo']),
  R('grant-utf8', ['role', 'grant-permission', 'reader', 'read', '--prefix', 'ключ/']),
  R('grant-all-r2', ['role', 'grant-permission', 'r2', 'readwrite', '--prefix', '']),
  R('grant-write-r2', ['role', 'grant-permission', 'r2', 'write', 'a', 'c']),
  R('grant-rw-from-r2', ['role', 'grant-permission', 'r2', 'ReadWrite', '--from-key', 'fk']),
  R('grant-empty-key-r3', ['role', 'grant-permission', 'r3', 'write', '', 'ignored']),
  R('grant-from-empty-r4', ['role', 'grant-permission', 'r4', 'read', '--from-key', '']),
  R('grant-bad-type', ['role', 'grant-permission', 'reader', 'rw', 'k']),
  R('grant-args', ['role', 'grant-permission', 'reader', 'read']),
  R('grant-both-flags', ['role', 'grant-permission', '--prefix', '--from-key', 'r2', 'read', 'k']),
  R('grant-both-empty', ['role', 'grant-permission', '--prefix', '--from-key', 'r2', 'read', '']),
  R('grant-prefix-end', ['role', 'grant-permission', '--prefix', 'r2', 'read', 'k', 'e']),
  R('grant-from-key-end', ['role', 'grant-permission', '--from-key', 'r2', 'read', 'k', 'e']),
  R('grant-no-role', ['role', 'grant-permission', 'nosuch', 'read', 'k']),
  ...inFormats('role-get-reader', ['role', 'get', 'reader'], { ...root, hex: true }),
  ...inFormats('role-get-r2', ['role', 'get', 'r2'], { ...root, hex: true }),
  ...inFormats('role-get-r3', ['role', 'get', 'r3'], { ...root, formats: ['simple', 'fields'] }),
  ...inFormats('role-get-r4', ['role', 'get', 'r4'], { ...root, formats: ['simple', 'json'] }),
  R('role-get-none', ['role', 'get', 'nosuch']),
  R('role-get-args', ['role', 'get']),
  ...inFormats('roles', ['role', 'list'], { ...root, hex: true }),
];

const users: Step[] = [
  // From a pipe: each prompt on stdout, one line each (etcdctl also runs stty, which complains).
  R('add-reader-pipe', ['user', 'add', 'reader'], { stdin: ' rpw\nrpw \n' }),
  R('add-mismatch', ['user', 'add', 'mm'], { stdin: 'a\nb\n' }),
  R('add-empty', ['user', 'add', 'mm'], { stdin: '\n' }),
  R('add-eof', ['user', 'add', 'mm'], { stdin: '' }),
  R('add-word', ['user', 'add', 'w1', '--interactive=false'], { stdin: 'wpw extra\n' }),
  R('add-word-newline', ['user', 'add', 'w2', '--interactive=false'], { stdin: '\nx\n' }),
  R('add-colon', ['user', 'add', 'w3:a:b']),
  R('add-empty-name', ['user', 'add', ':pw']),
  R('add-no-password', ['user', 'add', 'cn:user', '--no-password', '-w', 'fields']),
  R('add-flag-password', ['user', 'add', 'x:y', '--new-user-password', 'z', '-w', 'json']),
  R('add-args', ['user', 'add']),
  R('add-protobuf', ['user', 'add', 'w4:pw', '-w', 'protobuf']),
  R('grant-role', ['user', 'grant-role', 'reader', 'reader']),
  R('grant-role-again', ['user', 'grant-role', 'reader', 'reader']),
  R('grant-role-r3', ['user', 'grant-role', 'reader', 'r3', '-w', 'fields']),
  R('grant-role-no-role', ['user', 'grant-role', 'reader', 'nosuch']),
  R('grant-role-no-user', ['user', 'grant-role', 'nosuch', 'reader']),
  R('grant-role-args', ['user', 'grant-role', 'reader']),
  ...inFormats('user-get-reader', ['user', 'get', 'reader'], { ...root, hex: true }),
  ...inFormats('user-get-detail', ['user', 'get', 'reader', '--detail'], { ...root, hex: true }),
  R('user-get-detail-none', ['user', 'get', 'w1', '--detail', '-w', 'table']),
  R('user-get-none', ['user', 'get', 'nosuch']),
  R('user-get-args', ['user', 'get']),
  ...inFormats('users', ['user', 'list'], { ...root, formats: ['simple', 'json', 'protobuf'] }),
];

// The read-only user (role reader: read permissions only, plus write on the key "\x00" from r3):
// reads where granted, every other read, every write and every admin command refused.
const readOnly: Step[] = [
  R('ro-seed', ['put', 'ro/x', 'orig']),
  R('ro-seed-top', ['put', 'top', 't']),
  { name: 'ro-get', args: ['get', '--prefix', 'ro/'], ...reader },
  { name: 'ro-put', args: ['put', 'ro/x', 'v'], ...reader },
  { name: 'ro-del', args: ['del', 'ro/x'], ...reader },
  { name: 'ro-get-outside', args: ['get', 'top'], ...reader },
  { name: 'ro-user-list', args: ['user', 'list'], ...reader },
  { name: 'ro-role-add', args: ['role', 'add', 'mine'], ...reader },
  { name: 'ro-grant-self', args: ['user', 'grant-role', 'reader', 'root'], ...reader },
  { name: 'ro-disable', args: ['auth', 'disable'], ...reader },
  { name: 'ro-wrong-password', args: ['get', 'ro/x'], env: { ETCDCTL_USER: 'reader:x' } },
  // Nothing the reader tried changed the store.
  R('ro-get-after', ['get', '--prefix', '', '-w', 'json']),
];

const changes: Step[] = [
  R('passwd-pipe', ['user', 'passwd', 'reader'], { stdin: 'npw\nnpw\n' }),
  { name: 'old-password', args: ['get', 'ro/x'], ...reader },
  { name: 'new-password', args: ['get', 'ro/x'], env: { ETCDCTL_USER: 'reader:npw' } },
  R('passwd-word', ['user', 'passwd', 'reader', '--interactive=false', '-w', 'json'], {
    stdin: 'rpw\n',
  }),
  R('passwd-mismatch', ['user', 'passwd', 'reader'], { stdin: 'a\nb\n' }),
  R('passwd-no-user', ['user', 'passwd', 'nosuch', '--interactive=false'], { stdin: 'p\n' }),
  R('passwd-args', ['user', 'passwd']),
  R('revoke-prefix', ['role', 'revoke-permission', 'reader', '--prefix', 'ro/']),
  R('revoke-range', ['role', 'revoke-permission', 'reader', 'a', 'c']),
  R('revoke-from-key', ['role', 'revoke-permission', 'reader', '--from-key', 'zz']),
  R('revoke-key', ['role', 'revoke-permission', 'reader', 'foo', '-w', 'fields']),
  R('revoke-all', ['role', 'revoke-permission', 'r2', '--prefix', '']),
  R('revoke-empty-key', ['role', 'revoke-permission', 'r3', '']),
  R('revoke-from-empty', ['role', 'revoke-permission', 'r4', '--from-key', '', '-w', 'json']),
  R('revoke-not-granted', ['role', 'revoke-permission', 'reader', 'foo']),
  R('revoke-args', ['role', 'revoke-permission', 'reader']),
  R('revoke-prefix-end', ['role', 'revoke-permission', '--prefix', 'reader', 'k', 'e']),
  ...inFormats('role-get-reader-after', ['role', 'get', 'reader'], {
    ...root,
    formats: ['simple', 'json'],
  }),
  R('revoke-role', ['user', 'revoke-role', 'reader', 'reader']),
  R('revoke-role-again', ['user', 'revoke-role', 'reader', 'reader']),
  R('revoke-role-json', ['user', 'revoke-role', 'reader', 'r3', '-w', 'json']),
  R('revoke-role-args', ['user', 'revoke-role', 'reader', 'r3', 'x']),
  R('user-delete', ['user', 'delete', 'w1']),
  R('user-delete-again', ['user', 'delete', 'w1']),
  R('user-delete-fields', ['user', 'delete', 'w2', '-w', 'fields']),
  R('user-delete-args', ['user', 'delete']),
  R('role-delete', ['role', 'delete', 'r5']),
  R('role-delete-again', ['role', 'delete', 'r5']),
  R('role-delete-json', ['role', 'delete', 'r3', '-w', 'json']),
  R('role-delete-args', ['role', 'delete', 'a', 'b']),
  { name: 'disable-no-user', args: ['auth', 'disable'] },
  R('disable', ['auth', 'disable', '-w', 'fields']),
  R('disable-again', ['auth', 'disable']),
  { name: 'list-auth-off', args: ['user', 'list'] },
];

/** Every step, in the order they run. */
export const steps: Step[] = [...setup, ...roles, ...users, ...readOnly, ...changes];
