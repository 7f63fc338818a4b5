// Printers of the `role` commands, as etcdctl main's printer_simple.go and printer_fields.go: role
// get lists the read and the write permissions with their ranges (raw bytes, `<open ended>`,
// ` (prefix k)`), and a root role without explicit permissions as the whole keyspace (main; 3.4
// printed the two headings alone); revoke-permission names what it revoked. No table.
import type {
  AuthRoleGetResponse,
  AuthRoleListResponse,
  Permission,
} from '../etcd/proto/gen/messages.js';
import { Permission_Type } from '../etcd/proto/gen/messages.js';
import { encode } from '../etcd/proto/codec.js';
import { prefixEnd } from '../etcd/keys.js';
import { goQuote, goQuoteString } from '../go/format.js';
import { headerOnly, type NamedPrinters } from './auth.js';
import { ByteBuilder } from './bytes.js';
import { fieldsHeader } from './kv.js';
import { toJson } from './json.js';
import { sameBytes } from '../byte-buffer.js';

type Role = { role: string };

/** What `role revoke-permission` echoes: the key as typed and the range end sent. */
export type Revoked = { role: string; key: string; rangeEnd: Uint8Array };

const isOpenEnd = (end: Uint8Array) => end.length === 1 && end[0] === 0;

/** One permission line of `role get`: `\tkey`, `\t[k, end)`, `\t[k, <open ended>`, ` (prefix k)`. */
function permLine(out: ByteBuilder, p: Permission): void {
  if (p.range_end.length === 0) {
    out.text('\t').line(p.key);
    return;
  }
  out.text('\t[').bytes(p.key).text(', ');
  if (isOpenEnd(p.range_end)) out.text('<open ended>');
  else out.bytes(p.range_end).text(')');
  if (p.key.length > 0 && sameBytes(prefixEnd(p.key), p.range_end))
    out.text(' (prefix ').bytes(p.key).text(')');
  out.text('\n');
}

const reads = (t: number) => t === Permission_Type.READ || t === Permission_Type.READWRITE;
const writes = (t: number) => t === Permission_Type.WRITE || t === Permission_Type.READWRITE;

/** `role get` in simple format, as raw bytes (permission keys need not be UTF-8). */
export function simpleRoleGet(resp: AuthRoleGetResponse, role: string): Buffer {
  const out = new ByteBuilder().line(`Role ${role}`);
  // The root role may do anything even with no permission granted: main says so.
  if (role === 'root' && resp.perm.length === 0)
    return out.text('KV Read:\n\t[, <open ended>\nKV Write:\n\t[, <open ended>\n').build();
  out.line('KV Read:');
  for (const p of resp.perm) if (reads(p.permType)) permLine(out, p);
  out.line('KV Write:');
  for (const p of resp.perm) if (writes(p.permType)) permLine(out, p);
  return out.build();
}

const permTypeNames = Object.fromEntries(Object.entries(Permission_Type).map(([k, v]) => [v, k]));

/** Go's String() of an authpb.Permission_Type: its name, or the number when unknown. */
function permTypeName(t: number): string {
  return permTypeNames[t] ?? String(t);
}

/** `role get`: simple, json, fields (header, then PermType/Key/RangeEnd per permission), protobuf. */
export const roleGetPrinters: NamedPrinters<AuthRoleGetResponse, Role> = {
  simple: (r, { role }) => simpleRoleGet(r, role),
  json: (r) => `${toJson('AuthRoleGetResponse', r)}\n`,
  fields: (r, o) => {
    let out = fieldsHeader(r.header, o);
    for (const p of r.perm) {
      // fmt.Println(`"PermType" : `, name) puts a second space before the name.
      out += `"PermType" :  ${permTypeName(p.permType)}\n`;
      out += `"Key" : ${goQuote(p.key)}\n"RangeEnd" : ${goQuote(p.range_end)}\n`;
    }
    return out;
  },
  protobuf: (r) => encode('AuthRoleGetResponse', r),
};

/** `role list`: one role per line; fields adds `"Roles" : "r1" "r2"` after the header. */
export const roleListPrinters: NamedPrinters<AuthRoleListResponse, object> = {
  simple: (r) => r.roles.map((role) => `${role}\n`).join(''),
  json: (r) => `${toJson('AuthRoleListResponse', r)}\n`,
  fields: (r, o) =>
    `${fieldsHeader(r.header, o)}"Roles" :${r.roles.map((x) => ` ${goQuoteString(x)}`).join('')}\n`,
  protobuf: (r) => encode('AuthRoleListResponse', r),
};

/** `role add`: `Role r1 created`. */
export const roleAddPrinters = headerOnly<'AuthRoleAddResponse', Role>(
  'AuthRoleAddResponse',
  ({ role }) => `Role ${role} created\n`,
);

/** `role delete`: `Role r1 deleted`. */
export const roleDeletePrinters = headerOnly<'AuthRoleDeleteResponse', Role>(
  'AuthRoleDeleteResponse',
  ({ role }) => `Role ${role} deleted\n`,
);

/** `role grant-permission`: `Role r1 updated`. */
export const roleGrantPrinters = headerOnly<'AuthRoleGrantPermissionResponse', Role>(
  'AuthRoleGrantPermissionResponse',
  ({ role }) => `Role ${role} updated\n`,
);

/** `role revoke-permission`: which key or range was revoked, the range end as raw bytes. */
export const roleRevokePrinters = headerOnly<'AuthRoleRevokePermissionResponse', Revoked>(
  'AuthRoleRevokePermissionResponse',
  ({ role, key, rangeEnd }) => {
    if (rangeEnd.length === 0) return `Permission of key ${key} is revoked from role ${role}\n`;
    const out = new ByteBuilder().text(`Permission of range [${key}, `);
    if (isOpenEnd(rangeEnd)) out.text('<open ended>');
    else out.bytes(rangeEnd).text(')');
    return out.text(` is revoked from role ${role}\n`).build();
  },
);
