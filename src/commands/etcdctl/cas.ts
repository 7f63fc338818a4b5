// ectl's compare-and-swap for put and del: `--if-absent`, `--if-value V`, `--if-mod-rev N`,
// `--if-version N` turn the write into one KV.Txn whose compare is the precondition; its failure
// branch reads the key (or range) so the error can say what was found. Exit 7 when it fails.
import { rangeRequest } from '../../etcd/range-request.js';
import type { Compare, KeyValue, RequestOp, TxnRequest } from '../../etcd/proto/gen/messages.js';
import {
  Compare_CompareResult as Result,
  Compare_CompareTarget as Target,
} from '../../etcd/proto/gen/messages.js';
import type { ParsedFlags } from '../../cli/flagspec.js';
import { boolFlag, defineFlags, intFlag, stringFlag } from '../../cli/typed-flags.js';
import { BadArgsError, CliError, ExitCode } from '../../errors.js';
import { goQuote, goQuoteString } from '../../go/format.js';
import { bytesOf } from '../../input/range.js';
import { type RangeWords, nothingFound } from './strict.js';

const onlyIf = '(ectl) write only if the key';

/** put's compare-and-swap flags (ectl's own, after etcdctl's). */
export const casPutFlags = defineFlags({
  'if-absent': boolFlag(`${onlyIf} does not exist; else exit 7`),
  'if-value': stringFlag(`${onlyIf} has this value; else exit 7`),
  'if-mod-rev': intFlag(`${onlyIf} has this mod revision (0: absent); else exit 7`),
  'if-version': intFlag(`${onlyIf} has this version (0: absent); else exit 7`),
});

const onlyIfDel = '(ectl) delete only if every key of the range';

/** del's compare-and-swap flags (ectl's own, after etcdctl's). */
export const casDelFlags = defineFlags({
  'if-value': stringFlag(`${onlyIfDel} has this value; else exit 7`),
  'if-mod-rev': intFlag(`${onlyIfDel} has this mod revision; else exit 7`),
});

/** One precondition; undefined when no --if-* flag was given. */
export type Precondition =
  | { kind: 'absent' }
  | { kind: 'value'; value: string }
  | { kind: 'mod'; rev: bigint }
  | { kind: 'version'; version: bigint };

type CasSet = typeof casPutFlags | typeof casDelFlags;

/** The precondition the flags ask for; more than one --if-* flag is a BadArgsError (128). */
export function preconditionOf(set: CasSet, flags: ParsedFlags): Precondition | undefined {
  const given = set.specs.map((s) => s.name).filter((n) => flags.changed(n));
  if (given.length > 1)
    throw new BadArgsError(
      `only one of ${given.map((n) => `--${n}`).join(', ')} can be set at the same time`,
    );
  switch (given[0]) {
    case undefined:
      return undefined;
    case 'if-absent':
      return flags.bool('if-absent') ? { kind: 'absent' } : undefined;
    case 'if-value':
      return { kind: 'value', value: flags.string('if-value') };
    case 'if-mod-rev':
      return { kind: 'mod', rev: flags.int('if-mod-rev') };
    default:
      return { kind: 'version', version: flags.int('if-version') };
  }
}

/** The compare that holds when the precondition does, over [key, rangeEnd). */
export function casCompare(pre: Precondition, key: Uint8Array, rangeEnd: Uint8Array): Compare {
  const base = { key, range_end: rangeEnd, result: Result.EQUAL };
  switch (pre.kind) {
    case 'absent':
      return { ...base, target: Target.VERSION, version: 0n };
    case 'value':
      return { ...base, target: Target.VALUE, value: bytesOf(pre.value) };
    case 'mod':
      return { ...base, target: Target.MOD, mod_revision: pre.rev };
    case 'version':
      return { ...base, target: Target.VERSION, version: pre.version };
  }
}

/** The transaction: the write when the precondition holds, else a read of what is there. */
export function casTxn(
  pre: Precondition,
  write: RequestOp,
  key: Uint8Array,
  rangeEnd: Uint8Array,
): TxnRequest {
  return {
    compare: [casCompare(pre, key, rangeEnd)],
    success: [write],
    failure: [
      {
        request_range: rangeRequest({ key, range_end: rangeEnd }),
      },
    ],
  };
}

/** What the failure branch found, in words: `"k" has mod_revision 12, not 7`. */
export function casFailure(
  pre: Precondition,
  args: readonly string[],
  words: RangeWords,
  kvs: readonly KeyValue[],
): string {
  const absent =
    args.length > 1 || words.prefix || words.fromKey
      ? nothingFound(args, words)
      : `${goQuoteString(args[0] ?? '')} does not exist`;
  const say = (s: string) => `precondition failed: ${s}`;
  if (pre.kind === 'absent') {
    const kv = kvs[0];
    return say(kv ? `${goQuote(kv.key)} exists (mod_revision ${kv.mod_revision})` : absent);
  }
  if (kvs.length === 0) return say(absent);
  for (const kv of kvs) {
    const k = goQuote(kv.key);
    if (pre.kind === 'value' && Buffer.compare(Buffer.from(kv.value), bytesOf(pre.value)) !== 0)
      return say(`${k} has value ${goQuote(kv.value)}, not ${goQuoteString(pre.value)}`);
    if (pre.kind === 'mod' && kv.mod_revision !== pre.rev)
      return say(`${k} has mod_revision ${kv.mod_revision}, not ${pre.rev}`);
    if (pre.kind === 'version' && kv.version !== pre.version)
      return say(`${k} has version ${kv.version}, not ${pre.version}`);
  }
  // The read and the compare see the same revision: this is only reached by a server bug.
  return say('the compare did not hold');
}

/** The error of a failed precondition: exit 7. */
export function casFailedError(message: string): CliError {
  return new CliError(message, ExitCode.PreconditionFailed);
}
