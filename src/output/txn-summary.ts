// A human summary of a TxnRequest, shown by the interactive editor before it commits: every compare
// and request as it was understood (quoted keys, ranges spelled out, options named).
import type {
  Compare,
  DeleteRangeRequest,
  RangeRequest,
  RequestOp,
  TxnRequest,
} from '../etcd/proto/gen/messages.js';
import { goQuote, hexLease } from '../go/format.js';

const targetNames = ['ver', 'create', 'mod', 'val', 'lease'];
const resultNames = ['=', '>', '<', '!='];

/** One compare, e.g. `mod("k") > 0`, `val("k") = "v"`, `lease("k") = 694d7a1b2c3d4e5f`. */
export function describeCompare(c: Compare): string {
  let value: string;
  if (c.target === 3) value = goQuote(c.value ?? new Uint8Array(0));
  else if (c.target === 4) value = (c.lease ?? 0n) === 0n ? '0 (no lease)' : hexLease(c.lease!);
  else value = String([c.version, c.create_revision, c.mod_revision][c.target] ?? 0n);
  return `${targetNames[c.target] ?? c.target}(${goQuote(c.key)}) ${resultNames[c.result] ?? c.result} ${value}`;
}

function isZeroByte(b: Uint8Array): boolean {
  return b.length === 1 && b[0] === 0;
}

function isPrefixEnd(key: Uint8Array, end: Uint8Array): boolean {
  let i = key.length - 1;
  while (i >= 0 && key[i] === 0xff) i--;
  if (i < 0 || end.length !== i + 1) return false;
  for (let j = 0; j < i; j++) if (end[j] !== key[j]) return false;
  return end[i] === key[i]! + 1;
}

/** The keys a range addresses, in words. */
export function describeRange(key: Uint8Array, end: Uint8Array): string {
  if (end.length === 0) return goQuote(key);
  if (isZeroByte(end)) return isZeroByte(key) ? 'every key' : `every key from ${goQuote(key)}`;
  if (isPrefixEnd(key, end)) return `every key with prefix ${goQuote(key)}`;
  return `keys in [${goQuote(key)}, ${goQuote(end)})`;
}

function rangeOptions(r: RangeRequest): string[] {
  const o: string[] = [];
  if (r.keys_only) o.push('keys only');
  if (r.count_only) o.push('count only');
  if (r.limit > 0n) o.push(`limit ${r.limit}`);
  if (r.revision > 0n) o.push(`at revision ${r.revision}`);
  if (r.sort_order !== 0 || r.sort_target !== 0) {
    const by = ['key', 'version', 'create', 'mod', 'value'][r.sort_target] ?? r.sort_target;
    o.push(`sorted by ${by}${r.sort_order === 2 ? ', descending' : ''}`);
  }
  if (r.serializable) o.push('serializable');
  return o;
}

function withOptions(text: string, options: string[]): string {
  return options.length ? `${text} (${options.join(', ')})` : text;
}

/** One request, e.g. `put "k" = "v" (lease 694d7a1b2c3d4e5f)`, `del keys in ["a", "c")`. */
export function describeOp(op: RequestOp): string {
  if (op.request_put) {
    const p = op.request_put;
    const o: string[] = [];
    if (p.lease !== 0n) o.push(`lease ${hexLease(p.lease)}`);
    if (p.ignore_lease) o.push('keeping its lease');
    if (p.prev_kv) o.push('returning the previous value');
    const value = p.ignore_value ? 'keeping its value' : `= ${goQuote(p.value)}`;
    return withOptions(`put ${goQuote(p.key)} ${value}`, o);
  }
  if (op.request_range) {
    const r = op.request_range;
    return withOptions(`get ${describeRange(r.key, r.range_end)}`, rangeOptions(r));
  }
  if (op.request_delete_range) {
    const d: DeleteRangeRequest = op.request_delete_range;
    const o = d.prev_kv ? ['returning the deleted pairs'] : [];
    return withOptions(`del ${describeRange(d.key, d.range_end)}`, o);
  }
  return 'nested transaction';
}

/** The whole transaction, indented, one line per compare and request. */
export function describeTxn(req: TxnRequest): string {
  const block = (title: string, lines: string[]) =>
    `  ${title}\n${lines.length ? lines.map((l) => `    ${l}\n`).join('') : '    (nothing)\n'}`;
  return (
    block(
      req.compare.length ? 'if all of:' : 'if (no compares: always true)',
      req.compare.map(describeCompare),
    ) +
    block('then:', req.success.map(describeOp)) +
    block('else:', req.failure.map(describeOp))
  );
}
