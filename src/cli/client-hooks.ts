// What the CLI gives the client while it connects: etcdctl's password prompt (hidden on a terminal,
// one line read from a pipe), warnings and `--debug` lines on stderr, ECTL_DNS_SERVERS. And the
// default way to connect, which loads the gRPC layer only when a command really needs a client.
import type { ClientHooks, Connect } from '../etcd/client-config.js';
import { type Io, readLine } from '../io.js';

/** The hooks of one invocation. */
export function clientHooks(io: Io, signal: AbortSignal, debug: boolean): ClientHooks {
  return {
    signal,
    promptPassword: () => promptPassword(io),
    warn: (line) => io.stderr.write(`${line}\n`),
    debug: debug ? (line) => io.stderr.write(`[ectl] ${line}\n`) : undefined,
    dnsServers: io.env.ECTL_DNS_SERVERS,
    proxied: Boolean(io.env.grpc_proxy || io.env.https_proxy || io.env.http_proxy),
  };
}

/** etcdctl's password prompt (`question` is `Destination Password: ` for make-mirror's --dest-user). */
export async function promptPassword(io: Io, question = 'Password: '): Promise<string> {
  if (io.stdin.isTTY) return io.promptHidden(question);
  // etcdctl prompts on stdout and reads one line even when stdin is not a terminal.
  io.stdout.write(question);
  const password = await readLine(io.stdin);
  io.stdout.write('\n');
  return password;
}

/** The real client; tests pass their own Connect to run(). */
export const connectEtcd: Connect = async (config, hooks) => {
  const { createClient } = await import('../etcd/client.js');
  return createClient(config, hooks);
};
