// `ectl register KEY [VALUE]`: service registration as one command. The key is put with a lease
// kept alive until SIGINT/SIGTERM, which revoke it (the key disappears at once); a lost lease is
// replaced as soon as the cluster answers again (or ends the command with --exit-on-loss).
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { boolFlag, defineFlags } from '../../cli/typed-flags.js';
import { keepRegistered, type Registered } from '../../etcd/recipes/registration.js';
import { BadArgsError, CliError } from '../../errors.js';
import { readAll } from '../../io.js';
import { ndjsonLine, scriptJson, scriptYaml } from '../../output/script/encode.js';
import { bytesField } from '../../output/script/records.js';
import { hexUint64 } from '../../units.js';
import type { EctlFormat } from '../../output/script/format.js';
import { timingOf } from '../etcdctl/concurrency-common.js';

/** register's flags. */
export const registerFlags = defineFlags({
  ttl: { kind: 'duration', default: 10_000_000_000n, usage: 'lease TTL of the registration' },
  'exit-on-loss': boolFlag('exit 1 when the lease is lost instead of registering again'),
});

/** The lease TTL in whole seconds (rounded up); at least one second. */
export function ttlSeconds(ns: bigint): bigint {
  if (ns < 1_000_000_000n) throw new BadArgsError(`--ttl must be at least 1s`);
  return (ns + 999_999_999n) / 1_000_000_000n;
}

/** What -w/-o print for one registration (nothing for the default human format). */
export function registeredText(
  format: EctlFormat,
  writeOutGiven: boolean,
  key: Uint8Array,
  r: Registered,
): string {
  const rec = {
    ...bytesField('key', key),
    lease: hexUint64(r.lease),
    ttl: r.ttl,
    revision: r.revision,
    ...(r.replaces !== undefined ? { replaces: hexUint64(r.replaces) } : {}),
  };
  switch (format) {
    case 'human':
    case 'wide':
    case 'value':
      return format === 'value' || writeOutGiven ? `${hexUint64(r.lease)}\n` : '';
    case 'key':
      return `${Buffer.from(key).toString()}\n`;
    default:
      return renderRecord(format, rec);
  }
}

async function registerCommand(ctx: CommandContext): Promise<void> {
  const n = ctx.args.length;
  if (n !== 1 && n !== 2)
    throw new BadArgsError('register takes a key and an optional value (else read from stdin)');
  const opts = registerFlags.read(ctx.flags);
  const ttl = ttlSeconds(opts.ttl);
  const key = Buffer.from(ctx.args[0]!, 'utf8');
  if (key.length === 0) throw new BadArgsError('register needs a non-empty key');
  const value =
    n === 2 ? Buffer.from(ctx.args[1]!, 'utf8') : await readAll(ctx.io.stdin, ctx.signal);
  const format = ctx.ectlFormat();
  const writeOutGiven =
    ctx.flags.changed('write-out') || ctx.io.env.ETCDCTL_WRITE_OUT !== undefined;
  const client = await ctx.client();
  const timing = timingOf(ctx);
  const end = await keepRegistered(
    client,
    {
      key,
      value,
      ttl,
      signal: ctx.signal,
      exitOnLoss: opts.exitOnLoss,
      onRegistered: (r) => {
        if (r.replaces !== undefined)
          ctx.io.stderr.write(
            `register: lease ${hexUint64(r.replaces)} was lost; ${ctx.args[0]} registered again ` +
              `with lease ${hexUint64(r.lease)}\n`,
          );
        ctx.write(registeredText(format, writeOutGiven, key, r));
      },
    },
    timing,
  );
  if (end.kind === 'lost')
    throw new CliError(
      `lease ${hexUint64(end.lease)} lost (${end.reason}); ${ctx.args[0]} is unregistered`,
    );
  if (end.revokeError)
    ctx.io.stderr.write(
      `Warning: could not revoke the lease (${end.revokeError.message}); the key goes when its TTL runs out\n`,
    );
}

function renderRecord(format: 'json' | 'ndjson' | 'yaml', rec: Record<string, string | bigint>) {
  // One document per registration (a new one follows each re-registration).
  if (format === 'json') return `${scriptJson(rec, true)}\n`;
  return format === 'yaml' ? `---\n${scriptYaml(rec)}` : ndjsonLine(rec);
}

/** Registers `register`. */
export function register(program: EctlCommand): void {
  program
    .command('register')
    .summary('Registers a key under a lease kept alive until interrupted')
    .description(
      'Registers a key (a service instance) under a lease and keeps the lease alive.\n\n' +
        'VALUE is read from stdin when omitted. On SIGINT or SIGTERM the lease is revoked, so ' +
        'the key disappears at once, and ectl exits 0. If the lease is lost (the cluster was ' +
        'unreachable for longer than --ttl), the key is registered again with a new lease as ' +
        'soon as the cluster answers, and one line on stderr says so; with --exit-on-loss ectl ' +
        'exits 1 instead. Nothing is printed on stdout unless -w or -o asks: the lease ID (-w ' +
        'simple, -o value) or a record per registration (-o json|ndjson|yaml).',
    )
    .usage('[options] <key> [value]')
    .flags(registerFlags)
    .examples([
      'ectl register workers/$(hostname) "$(hostname):8080"     # until Ctrl-C',
      'ectl register --ttl 5s workers/w1 < endpoint.json         # value from stdin',
      'ectl register --exit-on-loss workers/w1 up || systemctl restart w1',
      'ectl register -o ndjson workers/w1 up                     # {"key":...,"lease":...}',
    ])
    .catchSignals()
    .writes()
    .handle(registerCommand);
}
