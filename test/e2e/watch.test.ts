// watch byte for byte against etcdctl: every case of watch-cases.ts runs with ectl against twin
// server A and etcdctl against twin B (same IDs, same history), concurrently, and is compared in
// full: stdout bytes, stderr lines, exit code. etcdctl 3.4's JSON and fields are first brought to
// etcd main's shape (the contract): `"Events":null` for no events, a `"CancelReason"` key, no
// `"Revision" : 0` line. ectl's results are also kept as golden files under test/golden/watch/,
// which UPDATE_GOLDEN=1 writes with etcdctl's stdout and exit code where 3.4 already prints main's.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTwins, type EtcdNode } from '../harness/etcd.js';
import { hasEtcdctl, NO_ETCDCTL, spawnEctl, spawnEtcdctl, type Spawned } from '../harness/run.js';
import { StepGoldens } from '../helpers/golden.js';
import { cases, writeHistory, type WatchCase } from './watch-cases.js';

const goldens = new StepGoldens('watch', { stderr: 'whole' });
const HAS_ETCDCTL = hasEtcdctl();

interface Outcome {
  stdout: Buffer;
  stderr: string;
  code: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once the process printed something and then nothing more for a while. */
async function settled(p: Spawned, quietMs = 600, maxMs = 15_000): Promise<void> {
  const size = () => p.stdoutBuffer().length + p.stderr().length;
  let last = -1;
  let since = Date.now();
  for (const start = Date.now(); Date.now() - start < maxMs; await sleep(100)) {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    const now = size();
    if (now !== last) [last, since] = [now, Date.now()];
    else if (now > 0 && Date.now() - since >= quietMs) return;
  }
}

async function runCase(c: WatchCase, node: EtcdNode, tool: 'ectl' | 'etcdctl'): Promise<Outcome> {
  const args = ['--endpoints', node.endpoint, ...c.args];
  const opts = { env: c.env ?? {}, keepStdinOpen: true };
  const p = tool === 'ectl' ? spawnEctl(args, opts) : spawnEtcdctl(args, opts);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
  try {
    if (c.stdin) {
      for (const step of c.stdin) {
        p.child.stdin?.write(step);
        if (c.ends) continue;
        if (c.waitFor && step.startsWith('progress')) await p.waitFor(c.waitFor);
        else await settled(p, 800);
      }
      p.child.stdin?.end();
    } else if (!c.ends) {
      await settled(p);
      p.child.kill('SIGINT');
    }
    const { code, signal } = await p.exited;
    // etcdctl has no SIGINT handler and dies by the signal; so must ectl.
    return {
      stdout: p.stdoutBuffer(),
      stderr: p.stderr(),
      code: code === null ? `killed by ${signal}` : String(code),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** etcdctl 3.4's output in etcd main's shape (reference §6.7.2, Appendix A). */
function asMain(c: WatchCase, out: Outcome): Outcome {
  let stdout = out.stdout;
  const format = c.args[c.args.indexOf('-w') + 1];
  if (c.args.includes('-w') && format === 'json') {
    const text = stdout
      .toString('utf8')
      .replace(/^\{"Header".*\}$/gm, (line) =>
        line.replace('"Events":[],', '"Events":null,').replace(/\}$/, ',"CancelReason":""}'),
      );
    stdout = Buffer.from(text, 'utf8');
  }
  if (format === 'fields')
    stdout = Buffer.from(stdout.toString('latin1').replace(/^"Revision" : 0\n/gm, ''), 'latin1');
  return {
    ...out,
    stdout,
    stderr: out.stderr.replace('Error reading watch', 'error reading watch'),
  };
}

/** stderr without the Go client's JSON log lines, sorted when the case interleaves. */
function stderrLines(c: WatchCase, stderr: string): string[] {
  const lines = stderr.split('\n').filter((l) => l !== '' && !l.startsWith('{"level"'));
  return c.sortStderr ? lines.sort() : lines;
}

/**
 * ectl's run against its goldens (stderr as compared with etcdctl: its lines). UPDATE_GOLDEN=1
 * writes etcdctl's stdout and exit code instead of ectl's where they are compared and etcdctl's
 * stdout needs no bringing to main's shape: there it is the contract's bytes.
 */
function golden(c: WatchCase, got: Outcome, etcdctl: Outcome | undefined): void {
  const own = {
    stdout: got.stdout,
    stderr: `${stderrLines(c, got.stderr).join('\n')}\n`,
    code: got.code,
  };
  const asIs = etcdctl && c.compare !== 'none' && asMain(c, etcdctl).stdout.equals(etcdctl.stdout);
  const source = asIs ? { ...own, stdout: etcdctl.stdout, code: etcdctl.code } : own;
  goldens.check(c.name, own, undefined, source);
}

describe('watch compatibility (twin servers)', () => {
  const twins = useTwins('watch');
  const results = new Map<string, { ectl: Outcome; etcdctl?: Outcome }>();

  beforeAll(async () => {
    await Promise.all([writeHistory(twins.a), writeHistory(twins.b)]);
    // A few at a time: every case starts two processes, and the machine may have two cores.
    const queue = [...cases];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const withEtcdctl = HAS_ETCDCTL && c.compare !== 'none';
        const [ectl, etcdctl] = await Promise.all([
          runCase(c, twins.a, 'ectl'),
          withEtcdctl ? runCase(c, twins.b, 'etcdctl') : undefined,
        ]);
        results.set(c.name, etcdctl ? { ectl, etcdctl } : { ectl });
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
  }, 120_000);

  for (const c of cases) {
    it(`${c.name}: ectl ${c.args.join(' ')} (golden)`, () => {
      const { ectl, etcdctl } = results.get(c.name)!;
      golden(c, ectl, etcdctl);
    });
    if (c.compare === 'none') continue;
    it(`${c.name} = etcdctl`, ({ skip }) => {
      skip(!HAS_ETCDCTL, NO_ETCDCTL);
      const { ectl, etcdctl } = results.get(c.name)!;
      const want = asMain(c, etcdctl!);
      expect(ectl.stdout.toString('latin1')).toBe(want.stdout.toString('latin1'));
      expect(stderrLines(c, ectl.stderr)).toEqual(stderrLines(c, want.stderr));
      expect(ectl.code).toBe(want.code);
    });
  }
});
