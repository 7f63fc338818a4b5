// `ectl config`: the contexts of ectl's config file (kubectl's `config` commands, for etcd): list,
// choose, rename, delete, show them; set-context and import create them.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { liveContexts } from '../../../cli/completion/types.js';
import { CliError } from '../../../errors.js';
// The printers (cli-table3, chalk) load when a listing is printed, not when the tree is built.
const printers = () => import('../../../output/contexts.js');
import { registerImport } from './import.js';
import { registerSetContext } from './set-context.js';
import { currentFile, mustFind, needArgs, saveFile } from './store.js';

async function useContext(ctx: CommandContext): Promise<void> {
  const [name] = needArgs(ctx, 1, 'one argument: the context name');
  const file = currentFile(ctx);
  mustFind(file, name!);
  await saveFile(ctx, { ...file, 'current-context': name });
  ctx.write(`Switched to context "${name}".\n`);
}

async function currentContext(ctx: CommandContext): Promise<void> {
  needArgs(ctx, 0, 'no arguments');
  const name = currentFile(ctx)['current-context'];
  if (!name)
    throw new CliError('current-context is not set (ectl config use-context NAME sets it)');
  ctx.write(`${name}\n`);
}

async function getContexts(ctx: CommandContext): Promise<void> {
  needArgs(ctx, 0, 'no arguments');
  const file = currentFile(ctx);
  const { contextsTable, contextsView } = await printers();
  const format = ctx.ectlFormat();
  if (format !== 'human' && format !== 'wide') return ctx.printScript(contextsView(file));
  const { colours } = await import('../../../output/human/colour.js');
  const bold = colours({ mode: 'auto', env: ctx.io.env, isTTY: ctx.io.stdoutIsTTY }).bold;
  ctx.write(contextsTable(file, (s) => bold(s)));
}

async function renameContext(ctx: CommandContext): Promise<void> {
  const [from, to] = needArgs(ctx, 2, 'two arguments: the old and the new name');
  const file = currentFile(ctx);
  const c = mustFind(file, from!);
  if (file.contexts.some((x) => x.name === to))
    throw new CliError(`context "${to}" already exists`);
  const contexts = file.contexts.map((x) => (x === c ? { ...x, name: to! } : x));
  const current = file['current-context'] === from ? to : file['current-context'];
  await saveFile(ctx, { ...(current ? { 'current-context': current } : {}), contexts });
  ctx.write(`Context "${from}" renamed to "${to}".\n`);
}

async function deleteContext(ctx: CommandContext): Promise<void> {
  const [name] = needArgs(ctx, 1, 'one argument: the context name');
  const file = currentFile(ctx);
  const c = mustFind(file, name!);
  const contexts = file.contexts.filter((x) => x !== c);
  const current = file['current-context'] === name ? undefined : file['current-context'];
  await saveFile(ctx, { ...(current ? { 'current-context': current } : {}), contexts });
  ctx.write(`Deleted context "${name}".\n`);
}

async function view(ctx: CommandContext): Promise<void> {
  needArgs(ctx, 0, 'no arguments');
  const file = currentFile(ctx);
  const { contextsView, redactUser } = await printers();
  const shown = {
    ...file,
    contexts: file.contexts.map((c) => ({ ...c, user: redactUser(c.user) })),
  };
  const format = ctx.ectlFormat();
  if (format !== 'human' && format !== 'wide') return ctx.printScript(contextsView(shown));
  const { configText } = await import('../../../cli/contexts/file.js');
  ctx.write(await configText(shown));
}

/** Registers `config` and its sub-commands. */
export function register(program: EctlCommand): void {
  const config = program
    .command('config')
    .summary('Contexts: saved connections with guard rails')
    .description(
      "Manages the contexts of ectl's config file ($ECTL_CONFIG, else $XDG_CONFIG_HOME/ectl/config.yaml, else ~/.config/ectl/config.yaml)",
    )
    .usage('<subcommand> [options]')
    .addHelpCommand(false)
    .examples([
      'ectl config set-context prod --endpoints https://e1:2379 --cacert ca.pem --read-only',
      'ectl config use-context prod',
      'ectl config get-contexts',
      'ectl --context dev put foo bar   # one command in another context',
    ]);
  registerSetContext(config);
  config
    .command('use-context')
    .description('Makes a context the current one')
    .usage('<name>')
    .completeArgs(liveContexts)
    .examples(['ectl config use-context prod'])
    .handle(useContext);
  config
    .command('current-context')
    .description('Prints the name of the current context')
    .examples(['ectl config current-context'])
    .handle(currentContext);
  config
    .command('get-contexts')
    .description('Lists the contexts')
    .examples([
      'ectl config get-contexts',
      'ectl config get-contexts -o json',
      'ectl config get-contexts -o key   # names only',
    ])
    .handle(getContexts);
  config
    .command('rename-context')
    .description('Renames a context')
    .usage('<old-name> <new-name>')
    .completeArgs(liveContexts, { kind: 'none' })
    .examples(['ectl config rename-context prod prod-eu'])
    .handle(renameContext);
  config
    .command('delete-context')
    .description('Deletes a context')
    .usage('<name>')
    .completeArgs(liveContexts)
    .examples(['ectl config delete-context old-lab'])
    .handle(deleteContext);
  config
    .command('view')
    .description('Shows the config file (without secrets)')
    .examples(['ectl config view', 'ectl config view -o json'])
    .handle(view);
  registerImport(config);
}
