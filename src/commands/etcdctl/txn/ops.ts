// The request lines of `txn` are get, put and del command lines (etcdctl runs its real commands on
// them): the commands are registered here exactly as on the command line, and their request
// builders turn each parsed line into a RequestOp.
import { EctlCommand } from '../../../cli/command.js';
import type { ParsedFlags } from '../../../cli/flagspec.js';
import { prefixRange } from '../../../etcd/keys.js';
import type { OpCommands, ParsedOp } from './grammar.js';
import { delFlags, delRequest, rangeWarning, register as registerDel } from '../del.js';
import { getFlags, getRequest, register as registerGet } from '../get.js';
import { putFlags, putRequest, register as registerPut } from '../put.js';

const zero = Uint8Array.of(0);
const empty = new Uint8Array(0);

/** get, put and del with their real flag definitions, and their builders. */
export function txnOpCommands(): OpCommands {
  const root = new EctlCommand('txn');
  registerGet(root);
  registerPut(root);
  registerDel(root);
  return { root, build };
}

function build(command: string, args: string[], raw: Uint8Array[], flags: ParsedFlags): ParsedOp {
  // The builders read UTF-8 text; `exact` is false when a word held other bytes (only a txn line,
  // read from stdin, can carry them), and the keys and values are then taken from `raw`.
  const exact = raw.every((b, i) => Buffer.from(args[i]!, 'utf8').equals(b));
  switch (command) {
    case 'put': {
      const req = putRequest(args, putFlags.read(flags));
      if (!exact) {
        req.key = raw[0]!;
        if (!req.ignore_value) req.value = raw[1]!;
      }
      return { op: { request_put: req } };
    }
    case 'get': {
      const o = getFlags.read(flags);
      const req = getRequest(args, o);
      if (!exact) Object.assign(req, rawRange(raw, o));
      return { op: { request_range: req } };
    }
    case 'del': {
      const o = delFlags.read(flags);
      const req = delRequest(args, o);
      if (!exact) Object.assign(req, rawRange(raw, o));
      const op = { request_delete_range: req };
      // etcd 3.6 pauses before deleting an explicit range, inside a txn too.
      if (args.length === 2 && !o.range) return { op, warning: rangeWarning(args[0]!, args[1]!) };
      return { op };
    }
    default:
      throw new Error(`not a txn request command: ${command}`);
  }
}

/** keyRange (input/range.ts) over bytes; the builder has already validated the flags. */
function rawRange(
  raw: Uint8Array[],
  o: { prefix: boolean; fromKey: boolean },
): { key: Uint8Array; range_end: Uint8Array } {
  const key = raw[0]!;
  if (o.prefix) return prefixRange(key);
  if (o.fromKey) return { key: key.length === 0 ? zero : key, range_end: zero };
  return { key, range_end: raw[1] ?? empty };
}
