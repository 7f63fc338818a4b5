// ectl's --strict (ECTL_STRICT=1): where etcdctl exits 0 although nothing was found, nothing was
// deleted or a transaction's compares failed, strict mode adds one `Error:` line and a non-zero
// exit status after the usual output, so a script can test `$?` instead of parsing stdout.
import { CliError, ExitCode } from '../../errors.js';
import { goQuoteString } from '../../go/format.js';

/** The shape of a get/del range on the command line. */
export interface RangeWords {
  prefix: boolean;
  fromKey: boolean;
}

/**
 * What an empty range is called: `key "k" not found`, `no keys under "p"` (--prefix),
 * `no keys from "k"` (--from-key), `no keys in ["a", "c")` (explicit range_end).
 */
export function nothingFound(args: readonly string[], o: RangeWords): string {
  const key = goQuoteString(args[0] ?? '');
  if (o.prefix) return `no keys under ${key}`;
  if (o.fromKey) return `no keys from ${key}`;
  if (args.length > 1) return `no keys in [${key}, ${goQuoteString(args[1]!)})`;
  return `key ${key} not found`;
}

/** get/del under --strict when the range was empty: exit 1. */
export function nothingFoundError(args: readonly string[], o: RangeWords): CliError {
  return new CliError(nothingFound(args, o), ExitCode.Error);
}

/** txn under --strict when the compares failed and the failure requests ran: exit 7. */
export function txnFailedError(): CliError {
  return new CliError(
    'transaction failed: the compares did not hold, the failure requests ran',
    ExitCode.PreconditionFailed,
  );
}
