// `ectl diff KEY --rev A [--rev B]` and `ectl diff --prefix P --rev A [--rev B]`: what changed in a
// key (or under a prefix) between two revisions, as a unified diff; `--exit-code` as git's.
import { rangeRequest } from '../../etcd/range-request.js';
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';
import { BadArgsError, BadFeatureError, SilentExitError } from '../../errors.js';
import type { ClientCallOptions, EtcdClient } from '../../etcd/client.js';
import type { KeyValue } from '../../etcd/proto/gen/messages.js';
import { rangePages } from '../../etcd/recipes/range-pages.js';
import { GoParseError, parseGoInt64 } from '../../go/parse.js';
import { keyRange } from '../../input/range.js';
import { prefixDiff, summaryLines, valueDiff } from '../../output/diff/kv-diff.js';
import { type UnifiedLine, escapeControls, renderUnified } from '../../output/diff/unified.js';
import { colours } from '../../output/human/colour.js';
import { diffStyle } from '../../output/human/diff-colour.js';

/** diff's flags. */
export const diffFlags = defineFlags({
  rev: {
    kind: 'stringSlice',
    default: [],
    usage: 'The revisions to compare: --rev A (with now) or --rev A --rev B',
  },
  prefix: boolFlag('Compare every key under the prefix'),
  'exit-code': boolFlag('Exit with 1 when there are differences, 0 when there are none'),
});

/** The two revisions: A, and B (0n: the current revision). */
export function diffRevisions(revs: readonly string[]): [bigint, bigint] {
  if (revs.length === 0) throw new BadArgsError('--rev is required (--rev A [--rev B])');
  if (revs.length > 2) throw new BadArgsError('--rev may be given at most twice');
  const parsed = revs.map((r) => {
    let n: bigint;
    try {
      n = parseGoInt64(r, 0); // base 0, as pflag reads --rev elsewhere
    } catch (err) {
      if (err instanceof GoParseError) throw new BadArgsError(`invalid --rev "${r}"`);
      throw err;
    }
    if (n <= 0n) throw new BadArgsError(`invalid --rev "${r}": revisions start at 1`);
    return n;
  });
  return [parsed[0]!, parsed[1] ?? 0n];
}

/**
 * Every key-value of the range at `revision` (0: now), and the revision read. Each page is one
 * call with a deadline of its own, as etcdctl's single Range has one.
 */
async function readAt(
  client: EtcdClient,
  range: { key: Uint8Array; rangeEnd: Uint8Array },
  revision: bigint,
  call: () => ClientCallOptions,
): Promise<{ kvs: KeyValue[]; revision: bigint }> {
  const req = rangeRequest({ key: range.key, range_end: range.rangeEnd, revision });
  const kvs: KeyValue[] = [];
  let read = revision;
  for await (const page of rangePages(client, req, call)) {
    if (read === 0n) read = page.header?.revision ?? 0n;
    kvs.push(...page.kvs);
  }
  return { kvs, revision: read };
}

async function diffCommand(ctx: CommandContext): Promise<void> {
  const o = diffFlags.read(ctx.flags);
  if (ctx.args.length !== 1) throw new BadArgsError('diff command needs 1 argument');
  const [revA, revB] = diffRevisions(o.rev);
  // A unified diff has no script format: -o (or -w json) is refused; ECTL_OUTPUT is ignored.
  const refused = (f: string) =>
    new BadFeatureError(`diff prints a unified diff: ${f} is not supported as output format`);
  const human = (f: string) => f === 'human' || f === 'wide';
  if (!human(ctx.ectlFormat())) {
    ctx.declineOutput(refused(ctx.ectlFormat()));
    if (!human(ctx.ectlFormat())) throw refused(ctx.ectlFormat());
  }
  const client = await ctx.client();
  const key = ctx.args[0]!;
  const range = keyRange(key, undefined, { prefix: o.prefix, fromKey: false });
  const call = () => ({ deadline: ctx.commandDeadline(), idempotent: true });
  const a = await readAt(client, range, revA, call);
  const b = await readAt(client, range, revB, call);
  let lines: UnifiedLine[];
  if (!o.prefix) {
    lines = valueDiff(
      { name: `${key}@${a.revision}`, value: a.kvs[0]?.value },
      { name: `${key}@${b.revision}`, value: b.kvs[0]?.value },
    );
  } else {
    const { changes, diffs } = prefixDiff(a.kvs, b.kvs, a.revision, b.revision);
    const summary = summaryLines(changes);
    lines = summary.length > 0 ? [...summary, { kind: 'context', text: '' }, ...diffs] : [];
  }
  const { io } = ctx;
  const chalk = colours({ mode: ctx.config().color, env: io.env, isTTY: io.stdoutIsTTY });
  // On a terminal a value's escape sequences are shown, not obeyed.
  const shown = io.stdoutIsTTY ? lines.map(escapeControls) : lines;
  ctx.write(renderUnified(shown, diffStyle(chalk)));
  if (o.exitCode && lines.length > 0) throw new SilentExitError(1);
}

/** Registers `diff`. */
export function register(program: EctlCommand): void {
  program
    .command('diff')
    .description('Shows what changed in a key (or under a prefix) between two revisions')
    .usage('[options] <key> --rev A [--rev B]')
    .flags(diffFlags)
    .examples([
      'ectl diff config/app --rev 42             # the value at revision 42 against now',
      'ectl diff config/app --rev 42 --rev 57    # between two revisions',
      'ectl diff --prefix config/ --rev 42       # keys added, removed and changed, then diffs',
      'ectl diff config/app --rev 42 --exit-code # exit 1 when it changed (as git diff)',
      'ectl history config/app                   # find the revisions to compare',
    ])
    .handle(diffCommand);
}
