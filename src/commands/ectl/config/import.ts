// `ectl config import NAME`: what the current ETCDCTL_* variables and flags say (endpoints, TLS
// files, user) saved as a context, so a shell set up for etcdctl becomes a context in one step. The
// password is never saved: --password-file on set-context names a file for it.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import { resolveGlobals } from '../../../cli/config.js';
import type { Context } from '../../../cli/contexts/file.js';
import type { GlobalConfig } from '../../../cli/globals.js';
import { currentFile, needArgs, saveFile } from './store.js';

/** The connection part of a context from a resolved configuration; pure. */
export function importedContext(name: string, config: GlobalConfig): Context {
  const user = config.user.includes(':') ? config.user.split(':')[0]! : config.user;
  const c: Context = { name, endpoints: config.endpoints };
  if (config.cacert) c.cacert = config.cacert;
  if (config.cert) c.cert = config.cert;
  if (config.key) c.key = config.key;
  if (config.insecureSkipTlsVerify) c['insecure-skip-tls-verify'] = true;
  if (user) c.user = user;
  if (config.strict) c.strict = true;
  if (config.writeOut !== 'simple') c['write-out'] = config.writeOut;
  return c;
}

async function importCommand(ctx: CommandContext): Promise<void> {
  const [name] = needArgs(ctx, 1, 'one argument: the context name');
  // Only flags and variables: the contexts themselves take no part (no file passed).
  const { config, warnings } = resolveGlobals(ctx.flags, ctx.io.env, ctx.command.ownEnv);
  for (const w of warnings) ctx.io.stderr.write(`${w}\n`);
  const file = currentFile(ctx);
  const existing = file.contexts.find((c) => c.name === name);
  // The guards and namespace of a context imported again stay as they were.
  const guards: Partial<Context> = {};
  if (existing) {
    for (const k of ['namespace', 'read-only', 'confirm-writes', 'password-file'] as const)
      if (existing[k] !== undefined) Object.assign(guards, { [k]: existing[k] });
  }
  const c = { ...importedContext(name!, config), ...guards };
  const contexts = existing
    ? file.contexts.map((x) => (x === existing ? c : x))
    : [...file.contexts, c];
  await saveFile(ctx, { ...file, contexts });
  ctx.write(`Context "${name}" ${existing ? 'updated' : 'created'} from the current settings.\n`);
  if (config.password || config.user.includes(':'))
    ctx.io.stderr.write(
      `The password was not saved: ectl config set-context ${name} --password-file FILE names a file that holds it.\n`,
    );
}

/** Registers `config import`. */
export function registerImport(config: EctlCommand): void {
  config
    .command('import')
    .description('Saves the current ETCDCTL_* variables and flags as a context')
    .usage('<name>')
    .examples([
      'ETCDCTL_ENDPOINTS=https://e1:2379 ETCDCTL_CACERT=ca.pem ectl config import prod',
      'ectl --endpoints localhost:2379 config import dev',
    ])
    .handle(importCommand);
}
