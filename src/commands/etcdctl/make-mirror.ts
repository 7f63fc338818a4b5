// `make-mirror <destination>`: etcdctl main's make_mirror_command.go — its flags, the destination
// client from the --dest-* flags, the key rewriting rules (--dest-prefix defaults to --prefix only
// when the keys are copied first, not with --rev), the running total printed every 30 s, exit 1
// when anything stops it. The copying and following live in src/etcd/recipes/mirror.ts.
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { promptPassword } from '../../cli/client-hooks.js';
import {
  boolFlag,
  defineFlags,
  intFlag,
  type OptionsOf,
  stringFlag,
} from '../../cli/typed-flags.js';
import { millis, type ClientConfig } from '../../etcd/client-config.js';
import { BadArgsError } from '../../errors.js';
import type { GlobalConfig } from '../../cli/globals.js';
import { watcherSettings } from './watch/print.js';

/** make-mirror's flags, as etcdctl main declares them. */
export const makeMirrorFlags = defineFlags({
  prefix: stringFlag('Key-value prefix to mirror'),
  rev: intFlag('Specify the kv revision to start to mirror'),
  'max-txn-ops': {
    kind: 'uint',
    default: 128n,
    usage: 'Maximum number of operations permitted in a transaction during syncing updates.',
  },
  'dest-prefix': stringFlag(
    'destination prefix to mirror a prefix to a different prefix in the destination cluster',
  ),
  'no-dest-prefix': boolFlag('mirror key-values to the root of the destination cluster'),
  'dest-cert': stringFlag(
    'Identify secure client using this TLS certificate file for the destination cluster',
  ),
  'dest-key': stringFlag('Identify secure client using this TLS key file'),
  'dest-cacert': stringFlag(
    'Verify certificates of TLS enabled secure servers using this CA bundle',
  ),
  'dest-insecure-transport': {
    kind: 'bool',
    default: true,
    usage: 'Disable transport security for client connections',
  },
  'dest-user': stringFlag(
    'Destination username[:password] for authentication (prompt if password is not supplied)',
  ),
  'dest-password': stringFlag(
    "Destination password for authentication (if this option is used, --user option shouldn't include password)",
  ),
});

type MirrorFlags = OptionsOf<typeof makeMirrorFlags>;

/** The destination argument; etcdctl takes exactly one. */
export function destinationOf(args: readonly string[]): string {
  if (args.length !== 1) throw new BadArgsError('make-mirror takes one destination argument');
  return args[0]!;
}

/** The destination's client configuration: one endpoint, the --dest-* flags, the global timeouts. */
export function destinationConfig(
  dest: string,
  o: MirrorFlags,
  global: GlobalConfig,
): ClientConfig {
  return {
    ...global,
    endpoints: [dest],
    insecureTransport: o.destInsecureTransport,
    insecureSkipTlsVerify: false,
    cert: o.destCert,
    key: o.destKey,
    cacert: o.destCacert,
    tlsGiven: { cert: o.destCert !== '', key: o.destKey !== '', cacert: o.destCacert !== '' },
    user: o.destUser,
    password: o.destPassword,
    authJwtToken: '',
    discoverySrv: '',
    discoverySrvName: '',
  };
}

/** What to mirror: etcdctl's --rev, --prefix, --dest-prefix and --no-dest-prefix rules. */
export function mirrorPlan(o: MirrorFlags): {
  prefix: Uint8Array;
  destPrefix: Uint8Array;
  fromRevision: bigint;
  maxTxnOps: number;
} {
  if (o.noDestPrefix && o.destPrefix !== '')
    throw new BadArgsError(
      '`--dest-prefix` and `--no-dest-prefix` cannot be set at the same time, choose one',
    );
  // `--rev N` follows from N without copying; N <= 1 is the same as no --rev (Syncer rev N-1 = 0).
  const copy = o.rev <= 1n;
  // etcdctl defaults the destination prefix to the source prefix only on the copying path: with
  // --rev and no --dest-prefix the prefix is stripped.
  const dest = o.destPrefix !== '' || o.noDestPrefix || !copy ? o.destPrefix : o.prefix;
  return {
    prefix: Buffer.from(o.prefix, 'utf8'),
    destPrefix: Buffer.from(dest, 'utf8'),
    fromRevision: copy ? 0n : o.rev,
    maxTxnOps: Number(o.maxTxnOps),
  };
}

async function makeMirrorCommand(ctx: CommandContext): Promise<void> {
  const dest = destinationOf(ctx.args);
  const o = makeMirrorFlags.read(ctx.flags);
  const config = ctx.config();
  const { io, signal } = ctx;
  const hooks = {
    ...ctx.clientHooks(),
    promptPassword: () => promptPassword(io, 'Destination Password: '),
  };
  const dst = await ctx.connect(destinationConfig(dest, o, config), hooks);
  // The watcher and the recipe are loaded only when a mirror really starts.
  const { mirror } = await import('../../etcd/recipes/mirror.js');
  try {
    const src = await ctx.client();
    const plan = mirrorPlan(o);
    const waitMs = millis(config.dialTimeoutNs + config.commandTimeoutNs);
    // etcdctl would wait silently for a destination that is down; ectl says so within the timeouts.
    await dst.connection.ready(Date.now() + waitMs, signal);
    let total = 0n;
    const ticker = setInterval(() => ctx.write(`${total}\n`), 30_000);
    try {
      await mirror(src, dst, {
        ...plan,
        call: () => ({ deadline: ctx.commandDeadline() }),
        onSynced: (n) => void (total += BigInt(n)),
        watch: watcherSettings(ctx, waitMs),
      });
    } finally {
      clearInterval(ticker);
    }
  } finally {
    dst.close();
  }
}

/** Registers `make-mirror`. */
export function register(program: EctlCommand): void {
  program
    .command('make-mirror')
    .description('Makes a mirror at the destination etcd cluster')
    .usage('[options] <destination>')
    .flags(makeMirrorFlags)
    .examples([
      'ectl make-mirror 10.0.0.9:2379                        # every key, then every change',
      'ectl make-mirror --prefix app/ --dest-prefix bak/ 10.0.0.9:2379',
      'ectl make-mirror --prefix app/ --no-dest-prefix 10.0.0.9:2379   # app/x -> x',
      'ectl make-mirror --rev 1234 --prefix app/ --dest-prefix app/ 10.0.0.9:2379  # resume',
      'ectl make-mirror --dest-cacert ca.pem --dest-user root 10.0.0.9:2379',
    ])
    .writes()
    .handle(makeMirrorCommand);
}
