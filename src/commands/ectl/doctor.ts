// `ectl doctor`: why ectl cannot reach (or trust, or use) the configured endpoints, and the fix.
// ectl's own command: etcdctl has none; its only answer is "context deadline exceeded".
import type { EctlCommand } from '../../cli/command.js';
import type { CommandContext } from '../../cli/context.js';
import { BadFeatureError, SilentExitError } from '../../errors.js';

async function doctorCommand(ctx: CommandContext): Promise<void> {
  const format = ctx.ectlFormat();
  // Key and value lists are for key-value commands: a report has neither.
  if (format === 'key' || format === 'value')
    throw new BadFeatureError(`-o ${format} is not supported by this command`);
  const config = ctx.config();
  const hooks = ctx.clientHooks();
  // The engine (node:tls, the gRPC client) is loaded only when doctor runs.
  const [{ diagnose }, { anyFailed }, { credentialsOf }] = await Promise.all([
    import('../../diagnose/doctor.js'),
    import('../../diagnose/check.js'),
    import('../../etcd/client.js'),
  ]);
  const credentials = config.authJwtToken
    ? undefined
    : await credentialsOf(config, hooks.promptPassword);
  const reports = await diagnose({
    config,
    connect: ctx.connect,
    hooks,
    ...(credentials ? { credentials } : {}),
    ...(config.authJwtToken ? { jwtToken: config.authJwtToken } : {}),
  });
  ctx.signal.throwIfAborted();
  if (format === 'human' || format === 'wide') {
    const [{ renderDoctor }, { colours }] = await Promise.all([
      import('../../output/human/doctor.js'),
      import('../../output/human/colour.js'),
    ]);
    const c = colours({ mode: config.color, env: ctx.io.env, isTTY: ctx.io.stdoutIsTTY });
    ctx.write(renderDoctor(reports, c));
  } else {
    const doc = reports.map((r) => ({
      endpoint: r.endpoint,
      checks: r.checks.map((k) => ({ ...k })),
    }));
    ctx.printScript({ doc, rows: doc });
  }
  if (anyFailed(reports)) throw new SilentExitError();
}

/** Registers `doctor`. */
export function register(program: EctlCommand): void {
  program
    .command('doctor')
    .summary('Diagnoses why the endpoints cannot be reached, trusted or used, with fixes')
    .description(
      'Diagnoses every endpoint of the configuration, in parallel and within --dial-timeout + ' +
        '1s: DNS, TCP (refused, timed out), the protocol (TLS spoken to a plaintext port or the ' +
        'other way), the TLS handshake (unknown authority, host name not in the certificate, ' +
        'expired or expiring certificate, client certificate required or rejected), the peer port ' +
        'by mistake, gRPC and the server version, leader, raft index lag between members, alarms, ' +
        'the database size against its quota, and authentication. Prints a table per endpoint (✓ ' +
        'passed, ✗ failed, ! warning, - not run), then one line per problem with its fix. Exit 0 ' +
        'when nothing failed, 1 otherwise.',
    )
    .examples([
      'ectl doctor',
      'ectl --endpoints https://10.0.0.1:2379 --cacert ca.pem doctor',
      'ectl --user root doctor -w json       # [{endpoint, checks: [{name, status, detail, hint}]}]',
    ])
    .handle(doctorCommand);
}
