// `ectl config set-context NAME [flags]`: creates a context or changes the keys given (only those;
// `--read-only=false` clears a guard, `--namespace ""` a value). Passwords are never stored.
import type { EctlCommand } from '../../../cli/command.js';
import type { CommandContext } from '../../../cli/context.js';
import type { ParsedFlags } from '../../../cli/flagspec.js';
import type { ConfigFile, Context } from '../../../cli/contexts/file.js';
import { boolFlag, defineFlags, stringFlag } from '../../../cli/typed-flags.js';
import { BadArgsError } from '../../../errors.js';
import { outputFormats } from '../../../cli/globals.js';
import { liveContexts } from '../../../cli/completion/types.js';
import { currentFile, needArgs, saveFile } from './store.js';

/** set-context's flags: one per key of a context. */
export const setContextFlags = defineFlags({
  endpoints: { kind: 'stringSlice', default: [], usage: 'gRPC endpoints of the cluster' },
  cacert: stringFlag('CA bundle to verify the servers with'),
  cert: stringFlag('client TLS certificate file'),
  key: stringFlag('client TLS key file'),
  'insecure-skip-tls-verify': boolFlag('skip server certificate verification'),
  user: stringFlag('user name for authentication (no password: it is never stored)'),
  'password-file': stringFlag('file whose first line is the password of --user'),
  namespace: stringFlag('key prefix every command of the context is confined to'),
  'read-only': boolFlag('refuse every command that would write'),
  'confirm-writes': boolFlag('ask [y/N] before destructive commands (--yes without a terminal)'),
  strict: boolFlag("ectl's --strict for every command of the context"),
  'write-out': stringFlag('default output format (-w) of the context'),
});

/** The context `name` with the keys given as flags applied; pure. */
export function applySetContext(
  file: ConfigFile,
  name: string,
  flags: ParsedFlags,
): { file: ConfigFile; created: boolean } {
  const o = setContextFlags.read(flags);
  if (flags.changed('user') && o.user.includes(':'))
    throw new BadArgsError('--user must not hold a password: use --password-file');
  if (
    flags.changed('write-out') &&
    o.writeOut &&
    !(outputFormats as readonly string[]).includes(o.writeOut)
  )
    throw new BadArgsError(`--write-out must be one of ${outputFormats.join(', ')}`);
  const existing = file.contexts.find((c) => c.name === name);
  const c: Context = { ...(existing ?? { name }) };
  const set = <K extends keyof Context>(key: K & string, value: Context[K]) => {
    if (!flags.changed(key)) return;
    const emptyish = value === '' || value === false || (Array.isArray(value) && !value.length);
    if (emptyish) delete c[key];
    else c[key] = value;
  };
  set('endpoints', o.endpoints.map((e) => e.trim()).filter(Boolean));
  set('cacert', o.cacert);
  set('cert', o.cert);
  set('key', o.key);
  set('insecure-skip-tls-verify', o.insecureSkipTlsVerify);
  set('user', o.user);
  set('password-file', o.passwordFile);
  set('namespace', o.namespace);
  set('read-only', o.readOnly);
  set('confirm-writes', o.confirmWrites);
  set('strict', o.strict);
  set('write-out', o.writeOut);
  const contexts = existing
    ? file.contexts.map((x) => (x === existing ? c : x))
    : [...file.contexts, c];
  return { file: { ...file, contexts }, created: !existing };
}

async function setContextCommand(ctx: CommandContext): Promise<void> {
  const [name] = needArgs(ctx, 1, 'one argument: the context name');
  const { file, created } = applySetContext(currentFile(ctx), name!, ctx.flags);
  await saveFile(ctx, file);
  ctx.write(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
}

/** Registers `config set-context`. */
export function registerSetContext(config: EctlCommand): void {
  config
    .command('set-context')
    .description('Creates a context or changes its keys')
    .usage('<name> [options]')
    .flags(setContextFlags)
    .completeArgs(liveContexts, { kind: 'none' })
    .examples([
      'ectl config set-context dev --endpoints localhost:2379',
      'ectl config set-context prod --endpoints https://e1:2379,https://e2:2379 --cacert ca.pem \\',
      '    --user root --password-file ~/.etcd-prod-pass --confirm-writes',
      'ectl config set-context prod-ro --endpoints https://e1:2379 --read-only',
      'ectl config set-context team-a --namespace /team-a/   # confined to keys under /team-a/',
      'ectl config set-context prod --read-only=false        # clears a guard',
    ])
    .handle(setContextCommand);
}
