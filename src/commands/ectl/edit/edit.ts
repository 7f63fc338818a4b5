// `ectl edit KEY [--create] [--hex]`: opens the value in $VISUAL/$EDITOR/vi on a private temporary
// file (0600, removed afterwards whatever happens), checks that JSON or YAML still parses, and
// writes it back in one Txn guarded by the mod_revision it started from. On a terminal, errors and
// conflicts open the editor again; elsewhere they end with exit 3 (invalid) or 7 (conflict).
import { loadYaml } from '../../../output/script/yaml-lib.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { boolFlag, defineFlags } from '../../../cli/typed-flags.js';
import {
  BadArgsError,
  CliError,
  ExitCode,
  InterruptedError,
  InvalidInputError,
} from '../../../errors.js';
import type { KeyValue } from '../../../etcd/proto/gen/messages.js';
import { editorCommand, runEditor } from '../../../exec/editor.js';
import { goQuoteString } from '../../../go/format.js';
import { bytesOf } from '../../../input/range.js';
import { stdinLines } from '../../../io.js';
import { valueDiff } from '../../../output/diff/kv-diff.js';
import { escapeControls, renderUnified } from '../../../output/diff/unified.js';
import { colours } from '../../../output/human/colour.js';
import { diffStyle } from '../../../output/human/diff-colour.js';
import { bytesField } from '../../../output/script/records.js';
import * as t from './edit-text.js';
import { conflictText, writeEdit } from './edit-write.js';
import { sameBytes } from '../../../byte-buffer.js';

/** edit's flags. */
export const editFlags = defineFlags({
  create: boolFlag(
    'Create the key when it does not exist (the write fails if it appears meanwhile)',
  ),
  hex: boolFlag('Edit the value as hex digits (needed for values that are not UTF-8)'),
});

/** A file name that says which key it holds, safe in any directory. */
export function tempName(key: string, kind: t.ValueKind): string {
  const last = key.split('/').filter(Boolean).pop() ?? 'value';
  return `${last.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40) || 'value'}${t.extensionOf(kind)}`;
}

/** Reads one answer on the terminal; a signal ends the wait. */
async function ask(ctx: CommandContext, question: string): Promise<string> {
  ctx.io.stderr.write(question);
  const aborted = new Promise<never>((_, reject) =>
    ctx.signal.addEventListener('abort', () => reject(interrupted(ctx)), { once: true }),
  );
  aborted.catch(() => undefined);
  const line = await Promise.race([stdinLines(ctx.io.stdin).next(), aborted]);
  return line?.toString('utf8').trim() ?? '';
}

const interrupted = (ctx: CommandContext) => new InterruptedError(String(ctx.signal.reason));

async function editCommand(ctx: CommandContext): Promise<void> {
  await loadYaml(); // edit-text tells YAML values apart and checks them with it
  const o = editFlags.read(ctx.flags);
  if (ctx.args.length !== 1) throw new BadArgsError('edit command needs 1 argument');
  const keyText = ctx.args[0]!;
  const format = ctx.ectlFormat();
  const { io } = ctx;
  const tty = io.stdin.isTTY;
  const client = await ctx.client();
  const key = bytesOf(keyText);
  const read = await client.unary('KV.Range', { key }, { deadline: ctx.commandDeadline() });
  let base: KeyValue | undefined = read.kvs[0];
  const quoted = goQuoteString(keyText);
  if (!base && !o.create) throw new CliError(`${quoted} not found (use --create to create it)`);
  const value = base?.value ?? new Uint8Array(0);
  let text = o.hex ? t.toHex(value) : t.utf8Text(value);
  if (text === undefined)
    throw new CliError(`${quoted} holds a binary value (not UTF-8): edit it as hex with --hex`);
  const kind: t.ValueKind = o.hex ? 'hex' : t.kindOf(text);
  const original = text;
  const dir = mkdtempSync(join(tmpdir(), 'ectl-edit-'));
  const file = join(dir, tempName(keyText, kind));
  const editor = editorCommand(io.env);
  try {
    let lastInvalid: string | undefined;
    let afterConflict = false;
    for (;;) {
      writeFileSync(file, text, { mode: 0o600 });
      const failure = await runEditor(editor, file, io);
      if (ctx.signal.aborted) throw interrupted(ctx);
      // Ctrl-C reaches the editor and ectl together, and the editor's end may be seen before
      // ectl's own SIGINT: an editor ended by SIGINT ends ectl by it too, as Git re-raises it.
      if (failure?.signal === 'SIGINT') throw new InterruptedError('SIGINT');
      if (failure) throw new CliError(`${failure.text}; nothing written`);
      const edited = t.editorNewline(original, t.stripHeader(readFileSync(file, 'utf8')));
      const bad = t.invalidBecause(kind, edited);
      if (bad) {
        if (!tty) throw new InvalidInputError(`the edited value is ${bad}; nothing written`);
        if (edited === lastInvalid)
          throw new InvalidInputError(`the edited value is still ${bad}; nothing written`);
        lastInvalid = edited;
        text = t.withHeader(
          [
            `Error: the edited value is ${bad}`,
            'Fix it and save, or quit without saving to give up.',
          ],
          edited,
        );
        continue;
      }
      const next = kind === 'hex' ? t.fromHex(edited) : new TextEncoder().encode(edited);
      const gaveUp = afterConflict && edited.trim() === '';
      if (gaveUp || (base ? sameBytes(next, base.value) : edited === '')) {
        io.stderr.write('Edit cancelled, no changes made.\n');
        return;
      }
      const res = await writeEdit(client, key, base, next, ctx.commandDeadline());
      if (res.ok) {
        if (format !== 'human' && format !== 'wide')
          ctx.printScript({
            doc: {
              ...bytesField('key', key),
              ...bytesField('value', next),
              revision: res.revision,
            },
            kvs: [{ key, value: next }],
          });
        return;
      }
      const why = `precondition failed: ${conflictText(keyText, base, res.now)}`;
      if (!tty) throw new CliError(`${why}; nothing written`, ExitCode.PreconditionFailed);
      // On a terminal: what the other writer changed, then the choice to edit again on top of it.
      const chalk = colours({
        mode: ctx.config().color,
        env: io.env,
        isTTY: io.stderrIsTTY === true,
      });
      const theirs = valueDiff(
        { name: `${keyText}@${base?.mod_revision ?? 0n} (yours started here)`, value: base?.value },
        { name: `${keyText}@${res.now?.mod_revision ?? 0n} (stored now)`, value: res.now?.value },
      );
      // Not an `Error:` yet: the answer decides whether it becomes one (the one line of a no).
      const changed = `Changed while you edited it: ${conflictText(keyText, base, res.now)}`;
      io.stderr.write(
        `${chalk.yellow(changed)}\n${renderUnified(theirs.map(escapeControls), diffStyle(chalk))}`,
      );
      const answer = await ask(ctx, 'Edit again on top of the stored value? [y/N] ');
      if (!/^y(es)?$/i.test(answer))
        throw new CliError(`${why}; nothing written`, ExitCode.PreconditionFailed);
      base = res.now;
      text = t.withHeader(
        [
          `${why}: someone else changed it meanwhile:`,
          ...renderUnified(theirs).trimEnd().split('\n'),
          'Your edit is below: it is written over the stored value when the editor ends',
          '(delete everything to give up).',
        ],
        edited,
      );
      lastInvalid = undefined;
      afterConflict = true;
    }
  } catch (err) {
    if (ctx.signal.aborted && !(err instanceof InterruptedError)) throw interrupted(ctx);
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Registers `edit`. */
export function register(program: EctlCommand): void {
  program
    .command('edit')
    .description('Edits a value in $VISUAL/$EDITOR and writes it back unless it changed meanwhile')
    .usage('[options] <key>')
    .flags(editFlags)
    .writes()
    .catchSignals()
    .examples([
      'ectl edit config/app                  # opens the value in $VISUAL, $EDITOR or vi',
      'EDITOR="code --wait" ectl edit config/app   # editor commands may have arguments',
      'ectl edit config/new --create         # a key that does not exist yet',
      'ectl edit blobs/icon --hex            # a binary value, as hex digits',
      'ectl edit config/app -o json          # print the key, value and revision written',
    ])
    .handle(editCommand);
}
