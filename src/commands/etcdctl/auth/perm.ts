// The permission arguments of `role grant-permission` and `role revoke-permission`, as etcdctl
// main's role_command.go reads them: the type in any case, and the key range of
// `[--prefix|--from-key] <key> [endkey]`, including its quirks (an empty key means the whole
// keyspace with either flag and ignores an endkey).
import { Permission_Type } from '../../../etcd/proto/gen/messages.js';
import { prefixEnd } from '../../../etcd/keys.js';
import { BadArgsError } from '../../../errors.js';
import { bytesOf } from '../../../input/range.js';

/** clientv3.StrToPermissionType: `read`, `write` or `readwrite`, any case. */
export function permType(word: string): Permission_Type {
  const name = word.toUpperCase();
  if (!Object.hasOwn(Permission_Type, name))
    throw new BadArgsError(`invalid permission type: ${word}`);
  return Permission_Type[name as keyof typeof Permission_Type];
}

/** A permission's key range as sent: an empty rangeEnd is the single key. */
export interface PermRange {
  key: Uint8Array;
  rangeEnd: Uint8Array;
}

const zero = Uint8Array.of(0);
const none = new Uint8Array(0);

/**
 * permRange: `args` are `<key> [endkey]` (anything after endkey is ignored, as etcdctl does).
 * An empty key becomes `\x00` (etcd's ranges cannot start at ""), open-ended with either flag.
 */
export function permRange(
  args: readonly string[],
  flags: { prefix: boolean; fromKey: boolean },
): PermRange {
  const { prefix, fromKey } = flags;
  const key = bytesOf(args[0]!);
  if (key.length === 0) {
    if (prefix && fromKey)
      throw new BadArgsError('--from-key and --prefix flags are mutually exclusive');
    return { key: zero, rangeEnd: prefix || fromKey ? zero : none };
  }
  if (args.length === 1) {
    if (prefix) {
      if (fromKey) throw new BadArgsError('--from-key and --prefix flags are mutually exclusive');
      return { key, rangeEnd: prefixEnd(key) };
    }
    return { key, rangeEnd: fromKey ? zero : none };
  }
  if (prefix) throw new BadArgsError('unexpected endkey argument with --prefix flag');
  if (fromKey) throw new BadArgsError('unexpected endkey argument with --from-key flag');
  return { key, rangeEnd: bytesOf(args[1]!) };
}
