// Shell completion end to end: the checked-in scripts load in bash, zsh and fish and complete a
// command, a flag, a flag value and live keys from a real etcd; live lookups of every kind; and a
// dead or silent endpoint costs no more than the budget and prints nothing.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { liveBudgetMs, liveCandidates } from '../../src/cli/completion/live.js';
import { candidatesFor } from '../../src/cli/completion/run.js';
import { gateway, useEtcd } from '../harness/etcd.js';
import { freePorts } from '../harness/node.js';
import { runEctl } from '../harness/run.js';
import { bufferIo } from '../helpers/io.js';
import { fishComplete, loadScript, missing, scratch, tabComplete } from './shells.js';
import { parseArgv } from '../../src/cli/argv.js';
import { buildProgram } from '../../src/commands/index.js';
import { globalFlags } from '../../src/cli/globals.js';

const etcd = useEtcd();
const program = await buildProgram(bufferIo().io);
const home = scratch();
afterAll(() => home.dispose());

const keys = [
  'compl/alpha',
  'compl/beta',
  'compl/c:d',
  'compl/sp ace',
  'locks/db/694d77aa9e38260f',
];

beforeAll(async () => {
  // Load the gRPC layer once, untimed: the first import in a test worker is slow.
  await import('../../src/etcd/client.js');
  for (const k of keys)
    expect((await runEctl(['--endpoints', etcd.endpoint, 'put', k, 'v'])).code).toBe(0);
});

/** The hidden command in-process, with its real (short) budget. */
async function complete(words: string[], env: Record<string, string> = {}) {
  const b = bufferIo({ env });
  const started = performance.now();
  const code = await run(
    ['__complete', 'words', 'ectl', ...words],
    b.io,
    new AbortController().signal,
  );
  return { code, ms: performance.now() - started, out: b.stdout().toString(), err: b.stderr() };
}

describe.each(['bash', 'zsh'] as const)('%s, through a pseudo-terminal', (shell) => {
  const why = missing(shell);
  it.skipIf(why !== undefined)(`loads the script and completes (${why ?? 'ok'})`, async () => {
    const loaded = loadScript(shell, home.env);
    expect(loaded).toMatchObject({ stderr: '', status: 0 });
    expect(loaded.stdout).toMatch(shell === 'bash' ? /complete -F __ectl_complete ectl/ : /_ectl/);
    const ep = etcd.endpoint;
    const lines = [
      'ectl ver',
      'ectl get --consis',
      'ectl -w js',
      `ectl --endpoints ${ep} get compl/al`,
      `ectl --endpoints ${ep} get compl/c:`,
      `ectl --endpoints ${ep} get compl/sp`,
      `ectl --endpoints=${ep} get 'compl/sp`,
    ];
    expect(await tabComplete(shell, lines, home.env)).toEqual([
      'ectl version',
      'ectl get --consistency',
      'ectl -w json',
      `ectl --endpoints ${ep} get compl/alpha`,
      `ectl --endpoints ${ep} get compl/c:d`,
      `ectl --endpoints ${ep} get compl/sp ace`,
      `ectl --endpoints=${ep} get compl/sp ace`,
    ]);
  });
});

describe('fish', () => {
  const why = missing('fish');
  it.skipIf(why !== undefined)(`loads the script and completes (${why ?? 'ok'})`, () => {
    expect(loadScript('fish', home.env)).toMatchObject({ stderr: '', status: 0 });
    expect(fishComplete('ectl ver', home.env)).toEqual(['version\tPrints the version of ectl']);
    expect(fishComplete('ectl get --consis', home.env)).toEqual([
      '--consistency\tLinearizable(l) or Serializable(s)',
    ]);
    expect(fishComplete(`ectl --endpoints ${etcd.endpoint} get compl/`, home.env)).toEqual(
      keys.filter((k) => k.startsWith('compl/')),
    );
    // ETCDCTL_* variables: exported, or typed before the command.
    const env = { ...home.env, ETCDCTL_ENDPOINTS: etcd.endpoint };
    expect(fishComplete('ectl get compl/b', env)).toEqual(['compl/beta']);
    expect(fishComplete(`ETCDCTL_ENDPOINTS=${etcd.endpoint} ectl get compl/b`, home.env)).toEqual([
      'compl/beta',
    ]);
  });
});

describe('live values', () => {
  const flagsFor = (words: string[]) =>
    parseArgv(['--endpoints', etcd.endpoint, ...words], program, globalFlags).flags;
  const io = { env: {}, now: () => performance.now() };
  // What is found, not how fast: a generous budget keeps a loaded machine from failing these.
  const slow = 5000;
  const found = async (words: string[], env: Record<string, string> = {}) =>
    (await candidatesFor(program, ['ectl', ...words], { env, now: io.now }, slow)).candidates.map(
      (c) => c.value,
    );

  it('keys, from --endpoints, ETCDCTL_ENDPOINTS or an assignment before the program', async () => {
    expect(await found(['--endpoints', etcd.endpoint, 'get', 'compl/b'])).toEqual(['compl/beta']);
    const env = { ETCDCTL_ENDPOINTS: etcd.endpoint };
    expect(await found(['del', 'compl/a'], env)).toEqual(['compl/alpha']);
    const assigned = [`ETCDCTL_ENDPOINTS=${etcd.endpoint}`, 'ectl', 'put', 'compl/al'];
    const r = await candidatesFor(program, assigned, { env: {}, now: io.now }, slow);
    expect(r.candidates).toEqual([{ value: 'compl/alpha' }]);
    // The real thing, with its real budget.
    expect(await complete(['--endpoints', etcd.endpoint, 'get', 'compl/b'])).toMatchObject({
      out: 'compl/beta\n:4\n',
      err: '',
    });
  });

  it('lease IDs, member IDs, learners, downgrade targets, lock names, users and roles', async () => {
    const lease = await gateway<{ ID: string }>(etcd.node, '/v3/lease/grant', { TTL: 60 });
    const hex = BigInt(lease.ID).toString(16);
    const flags = flagsFor(['get']);
    expect(await liveCandidates('leases', '', flags, io, slow)).toContainEqual({ value: hex });
    const members = await liveCandidates('members', '', flags, io, slow);
    expect(members).toHaveLength(1);
    expect(members[0]!.value).toMatch(/^[0-9a-f]+$/);
    expect(await liveCandidates('locks', 'loc', flags, io, slow)).toEqual([{ value: 'locks/db' }]);
    expect(await liveCandidates('users', '', flags, io, slow)).toEqual([]);
    // promote offers learners only (this node has none); downgrade one minor below the server's.
    expect(await liveCandidates('learners', '', flags, io, slow)).toEqual([]);
    const ep = ['--endpoints', etcd.endpoint];
    expect(await found([...ep, 'member', 'promote', ''])).toEqual([]);
    expect(await found([...ep, 'member', 'remove', ''])).toEqual([members[0]!.value]);
    const status = await runEctl([...ep, 'endpoint', 'status', '-w', 'json']);
    const [, major, minor] = /"version":"(\d+)\.(\d+)\./.exec(status.stdout.toString())!;
    expect(await found([...ep, 'downgrade', 'validate', ''])).toEqual([
      `${major}.${Number(minor) - 1}`,
    ]);
    expect(await found(['--endpoints', etcd.endpoint, 'put', 'k', 'v', '--lease', ''])).toContain(
      hex,
    );
  });
});

describe('an endpoint that does not answer', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let silentPort = 0;
  let closedPort = 0;
  beforeAll(async () => {
    [closedPort] = (await freePorts(1)) as [number];
    silent = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('in-process: gives up within the budget and offers nothing', async () => {
    for (const port of [closedPort, silentPort]) {
      const r = await complete(['--endpoints', `127.0.0.1:${port}`, 'get', '']);
      expect(r).toMatchObject({ code: 0, out: ':4\n', err: '' });
      expect(r.ms).toBeLessThan(liveBudgetMs + 150);
    }
  });

  it('as a process: within 500 ms of start-up, nothing on stdout but the directive', async () => {
    const dead = (port: number) => ['--endpoints', `127.0.0.1:${port}`, 'get', ''];
    const ectl = (words: string[]) => runEctl(['__complete', 'words', 'ectl', ...words]);
    // Untimed first run: it writes the code cache that covers the gRPC client (once per build).
    await ectl(dead(closedPort));
    // The faster of two runs, so that a burst of load elsewhere on the machine is not counted.
    const best = async (words: string[]) => {
      const [a, b] = [await ectl(words), await ectl(words)];
      return a.ms <= b.ms ? a : b;
    };
    const base = await best(['ver']);
    for (const port of [closedPort, silentPort]) {
      const r = await best(dead(port));
      expect({ out: r.stdout.toString(), err: r.stderr, code: r.code }).toEqual({
        out: ':4\n',
        err: '',
        code: 0,
      });
      expect(r.ms - base.ms).toBeLessThan(500);
    }
  });

  it('never prompts for a password', async () => {
    const r = await runEctl(
      ['__complete', 'words', 'ectl', '--endpoints', etcd.endpoint, '--user', 'root', 'get', ''],
      { stdin: 'secret\n' },
    );
    expect(r.stdout.toString()).not.toContain('Password');
    expect(r.stderr).toBe('');
  });
});
