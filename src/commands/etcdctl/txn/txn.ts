// `txn`: etcdctl's txn_command.go — compares, success and failure requests read from stdin (with
// `-i`, prompts before each section; on a terminal, an editor that checks every line), one KV.Txn.
import { setTimeout as delay } from 'node:timers/promises';
import type { EctlCommand } from '../../../cli/command.js';
import { boolFlag, defineFlags } from '../../../cli/typed-flags.js';
import type { CommandContext } from '../../../cli/context.js';
import type { TxnRequest } from '../../../etcd/proto/gen/messages.js';
import { BadArgsError, InvalidInputError } from '../../../errors.js';
import { stdinLines } from '../../../io.js';
import {
  type OpCommands,
  TxnSyntaxError,
  WordError,
  parseCompare,
  parseOp,
  sectionPrompts,
  sections,
  trimSpace,
} from './grammar.js';
import { txnPrinters } from '../../../output/txn.js';
import { txnView } from '../../../output/script/kv.js';
import { grammarHelp } from './grammar-help.js';
import { txnOpCommands } from './ops.js';
import { txnFailedError } from '../strict.js';

/** Why input ended too early, per section (etcdctl only says `EOF`); said after `EOF`. */
const unfinished: Record<string, string> = {
  compares: 'the compares',
  success: 'the success requests',
  failure: 'the failure requests',
};

/**
 * Reads a transaction from stdin line by line, as etcdctl does: prompts with `-i`, the 3.6 pause
 * before a `del` of an explicit range, the first bad line ends everything (nothing is sent).
 */
export async function readTxn(
  ctx: CommandContext,
  ops: OpCommands,
  prompts: boolean,
  /** Leave stdin's reader open: a confirm-writes context reads its answer from it next. */
  keepOpen = false,
): Promise<TxnRequest> {
  const reader = stdinLines(ctx.io.stdin);
  const req: TxnRequest = { compare: [], success: [], failure: [] };
  let lineNo = 0;
  try {
    for (const section of sections) {
      if (prompts) ctx.write(`${sectionPrompts[section]}\n`);
      for (;;) {
        const raw = await reader.next(ctx.signal);
        lineNo++;
        if (raw === undefined)
          throw new InvalidInputError(
            `EOF (line ${lineNo}: input ended before the empty line that ends ${unfinished[section]}; a transaction ends with its third empty line)`,
          );
        const line = trimSpace(raw);
        if (line.length === 0) break;
        if (section === 'compares') {
          req.compare.push(parseCompare(line));
          continue;
        }
        const { op, warning } = parseOp(line, ops);
        if (warning) {
          ctx.io.stderr.write(warning);
          await delay(2000, undefined, { signal: ctx.signal });
        }
        (section === 'success' ? req.success : req.failure).push(op);
      }
    }
    return req;
  } catch (err) {
    // One error line: etcdctl's message first (scripts match it), ectl's explanation after it.
    if ((err instanceof TxnSyntaxError || err instanceof WordError) && err.detail)
      throw new InvalidInputError(`${err.message} (line ${lineNo}: ${err.detail})`);
    throw err;
  } finally {
    if (!keepOpen) await reader.close();
  }
}

/** txn's flags. */
const txnFlags = defineFlags({
  interactive: { ...boolFlag('Input transaction in interactive mode'), short: 'i' },
});

async function txnCommand(ctx: CommandContext): Promise<void> {
  if (ctx.args.length > 0) throw new BadArgsError('txn command does not accept argument');
  const { hex, strict, context } = ctx.config();
  // As etcdctl: the client first (configuration errors and password prompts), then stdin. A
  // context's guards need the ops first: a read-only one refuses writes before connecting.
  const guarded = context?.readOnly || context?.confirmWrites;
  let client = guarded ? undefined : await ctx.client();
  const ops = txnOpCommands();
  const { interactive } = txnFlags.read(ctx.flags);
  // The editor redraws lines: a terminal that cannot move the cursor (TERM=dumb) gets the prompts.
  const editor = ctx.io.stdin.isTTY && ctx.io.stdoutIsTTY && ctx.io.env.TERM !== 'dumb';
  const req =
    interactive && editor
      ? await (await import('./interactive.js')).editTxn(ctx, ops)
      : await readTxn(ctx, ops, interactive, ctx.confirming());
  const writes = txnWriteOps(req);
  if (writes > 0) {
    ctx.guardWrite();
    await ctx.confirmWrite(`Run a txn with ${writes} write op${writes === 1 ? '' : 's'}`);
  }
  client ??= await ctx.client();
  // No deadline, as etcdctl; connecting is still bounded by --dial-timeout.
  const resp = await client.unary('KV.Txn', req);
  ctx.print({ ...txnPrinters, script: txnView }, resp, { hex });
  if (strict && !resp.succeeded) throw txnFailedError();
}

/** How many puts and deletes a txn may run, in either branch and nested txns. */
export function txnWriteOps(req: Pick<TxnRequest, 'success' | 'failure'>): number {
  let n = 0;
  for (const op of [...req.success, ...req.failure]) {
    if (op.request_put || op.request_delete_range) n++;
    else if (op.request_txn) n += txnWriteOps(op.request_txn);
  }
  return n;
}

/** Registers `txn`. */
export function register(program: EctlCommand): void {
  program
    .command('txn')
    .description('Txn processes all the requests in one transaction')
    .usage('[options]')
    .flags(txnFlags)
    .scriptOutput(['json', 'ndjson', 'yaml'])
    .addHelpText(
      'after',
      `
Txn reads a transaction from standard input and applies it atomically.

${grammarHelp}
With -i, a prompt is printed before each section; when both stdin and stdout are terminals, -i
opens an editor instead: each line is checked as it is typed, "?" shows this grammar, and the
whole transaction is shown for confirmation before it is sent.
`,
    )
    .examples([
      `printf 'mod("key1") > "0"\\n\\nput key1 "overwrote-key1"\\n\\nput key1 "created-key1"\\n\\n' | ectl txn`,
      `ectl txn -w json < txn.txt`,
      `ectl txn -o json < txn.txt | jq .succeeded`,
      `ectl txn -i                       # the interactive editor`,
    ])
    .writes({ when: 'handler', confirm: 'handler' })
    .handle(txnCommand);
}
