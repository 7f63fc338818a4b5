// One etcd process: its flags, ports, data dir and log, and the stop/kill/restart life cycle.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { etcdBin, MISSING_ETCD, serverEnv } from './bins.js';
import type { CertPaths } from './certs.js';
import { isHealthy, type AuthUsers, type HttpTarget } from './gateway.js';
import { TEMP_PREFIX, trackDir, trackPid, untrackDir, untrackPid } from './pids.js';

export const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;

export interface TlsInfo extends CertPaths {
  clientCertAuth: boolean;
}

/** Everything needed to (re)start one member; fixed at creation so restart() reuses it. */
export interface MemberSpec {
  name: string;
  clientPort: number;
  peerPort: number;
  /** name=peerUrl,... for every member of the cluster. */
  initialCluster: string;
  token: string;
  tls?: TlsInfo | undefined;
  /** The peer URL advertised to the cluster (default: the one listened on, peerUrl). */
  advertisePeerUrl?: string | undefined;
  /** Appended to etcd's command line (e.g. ['--auth-token-ttl', '1']). */
  extraArgs?: string[] | undefined;
  /**
   * Also listen on the unix socket `localhost:<clientPort>` (unixs when TLS) in the node's dir,
   * which becomes etcd's working directory; see EtcdNode.unixSocket.
   */
  unixSocket?: boolean | undefined;
}

/** Finds `n` distinct free ports by holding n listeners on port 0 open at once. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => {
      const srv = net.createServer();
      return new Promise<net.Server>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve(srv));
      });
    }),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export class EtcdNode implements HttpTarget {
  readonly name: string;
  readonly clientUrl: string;
  /** host:port, the form --endpoints takes. */
  readonly endpoint: string;
  readonly peerUrl: string;
  readonly dir: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly tls: TlsInfo | undefined;
  /** Set once auth is enabled (auth: true). */
  authUsers: AuthUsers | undefined;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private running = false;

  constructor(readonly spec: MemberSpec) {
    this.name = spec.name;
    this.tls = spec.tls;
    const scheme = spec.tls ? 'https' : 'http';
    this.endpoint = `127.0.0.1:${spec.clientPort}`;
    this.clientUrl = `${scheme}://${this.endpoint}`;
    this.peerUrl = `http://127.0.0.1:${spec.peerPort}`;
    this.dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${spec.name}-`));
    trackDir(this.dir);
    this.dataDir = join(this.dir, 'data');
    this.logFile = join(this.dir, 'etcd.log');
  }

  /** Absolute path of the client unix socket (only listened on with spec.unixSocket). */
  get unixSocket(): string {
    return join(this.dir, `localhost:${this.spec.clientPort}`);
  }

  get pid(): number {
    return this.child?.pid ?? -1;
  }

  isRunning(): boolean {
    return this.running;
  }

  /** The command line, kept small and fast: quiet logs, quick elections, early snapshots. */
  args(state: 'new' | 'existing'): string[] {
    const { spec } = this;
    const args = [
      ...['--name', spec.name, '--data-dir', this.dataDir],
      ...['--listen-client-urls', this.clientUrl, '--advertise-client-urls', this.clientUrl],
      ...['--listen-peer-urls', this.peerUrl],
      ...['--initial-advertise-peer-urls', spec.advertisePeerUrl ?? this.peerUrl],
      ...['--initial-cluster', spec.initialCluster, '--initial-cluster-state', state],
      ...['--initial-cluster-token', spec.token],
      ...['--logger', 'zap', '--log-level', 'error', '--log-outputs', 'stderr'],
      ...['--heartbeat-interval', '50', '--election-timeout', '500'],
      ...['--snapshot-count', '1000'],
    ];
    if (spec.unixSocket) {
      const unixUrl = `${spec.tls ? 'unixs' : 'unix'}://localhost:${spec.clientPort}`;
      args[args.indexOf('--listen-client-urls') + 1] += `,${unixUrl}`;
    }
    if (spec.tls) {
      args.push('--cert-file', spec.tls.serverCert, '--key-file', spec.tls.serverKey);
      if (spec.tls.clientCertAuth) {
        args.push('--client-cert-auth', '--trusted-ca-file', spec.tls.caFile);
      }
    }
    if (spec.extraArgs) args.push(...spec.extraArgs);
    return args;
  }

  /** Spawns etcd; its stdout/stderr go to the log file, which survives restarts. */
  spawn(state: 'new' | 'existing'): void {
    if (this.running) throw new Error(`etcd ${this.name} is already running`);
    const bin = etcdBin();
    if (!bin) throw new Error(MISSING_ETCD);
    const log = openSync(this.logFile, 'a');
    try {
      const child = spawn(bin, this.args(state), {
        stdio: ['ignore', log, log],
        env: serverEnv(),
        // A unix socket `localhost:PORT` is created relative to etcd's working directory.
        ...(this.spec.unixSocket ? { cwd: this.dir } : {}),
      });
      this.child = child;
      this.running = true;
      this.exited = new Promise((resolve) => {
        child.once('exit', () => {
          this.running = false;
          if (child.pid) untrackPid(child.pid);
          resolve();
        });
      });
      child.once('error', () => (this.running = false));
      if (child.pid) trackPid(child.pid, true);
    } finally {
      closeSync(log);
    }
  }

  /** Polls /health until it answers true; fails early if etcd exits, with the log's tail. */
  async waitHealthy(timeoutMs = START_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw this.failure('exited during start-up');
      if (await isHealthy(this)) return;
      if (Date.now() > deadline) throw this.failure(`not healthy after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  failure(what: string): Error {
    return new Error(`etcd ${this.name} (${this.clientUrl}) ${what}; log tail:\n${this.logTail()}`);
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** SIGTERM, then SIGKILL if etcd has not exited within 5 s; resolves once it is gone. */
  async stop(): Promise<void> {
    if (!this.running) return this.exited;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL, as a crash would; resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.running) this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Starts again with the same data dir, ports and flags, as an existing member. */
  async restart(): Promise<void> {
    await this.stop();
    this.spawn('existing');
    await this.waitHealthy();
  }

  /** Stops the process and removes its directory (data and log). */
  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
    untrackDir(this.dir);
  }
}
