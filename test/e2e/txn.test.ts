// txn byte-for-byte against etcdctl: every row of txn-steps.ts runs ectl on twin server A and
// etcdctl on twin server B (same IDs, same history), comparing stdout bytes in every format, the
// exit code and the `Error:` line; ectl's results are also kept as golden files (test/golden/txn/),
// which UPDATE_GOLDEN=1 writes with etcdctl's stdout and exit code where those are its own bytes.
// Rows where etcdctl panics, hangs or writes broken input check that ectl exits 3 and writes
// nothing; and txn must not hang on a dead cluster.
import { describe, expect, it } from 'vitest';
import { gateway, useTwins, type EtcdNode } from '../harness/etcd.js';
import { hasEtcdctl, NO_ETCDCTL, runEctl, runEtcdctl, type RunResult } from '../harness/run.js';
import { errorLine, guardSteps, StepGoldens, type StepRun } from '../helpers/golden.js';
import { mainJsonKeys, type Step } from './txn-kit.js';
import { steps } from './txn-steps.js';
import { refusedEndpoint } from './util.js';

const HAS_ETCDCTL = hasEtcdctl();
const goldens = new StepGoldens('txn', { stderr: 'whole' });
/** ectl's explanation at the end of etcdctl's error line. */
const HINT = / \(line \d+: .*\)$/;

function argv(step: Step, node: EtcdNode): string[] {
  return ['--endpoints', node.endpoint, ...(step.pre ?? []), 'txn', ...(step.args ?? [])];
}

const isJson = (step: Step) => (step.args ?? []).join(' ').includes('json');

/**
 * What UPDATE_GOLDEN=1 writes for a row: etcdctl's stdout and exit code where its stdout is the
 * contract's bytes as it is (not a 3.4 JSON whose keys main names otherwise), ectl's stderr (only
 * its `Error:` line is compared); ectl's alone for the rows not compared with etcdctl.
 */
function goldenSource(step: Step, own: StepRun, theirs: RunResult | undefined): StepRun {
  if ((step.ref ?? 'etcdctl') !== 'etcdctl' || !theirs) return own;
  if (isJson(step) && !mainJsonKeys(theirs.stdout).equals(theirs.stdout)) return own;
  return { ...own, stdout: theirs.stdout, code: String(theirs.code ?? theirs.signal) };
}

function describeRun(tool: string, step: Step, res: RunResult): string {
  const input = JSON.stringify(Buffer.from(step.input).toString('latin1'));
  return `${tool} ${(step.pre ?? []).join(' ')} txn ${(step.args ?? []).join(' ')} <<< ${input} -> ${res.code ?? res.signal}\nstdout: ${res.stdout.toString('latin1')}\nstderr: ${res.stderr}`;
}

describe('txn compatibility (twin servers)', () => {
  const twins = useTwins('txn');
  const results = new Map<string, { mine: RunResult; theirs?: RunResult | undefined }>();
  const stepRan = guardSteps(goldens, steps);

  for (const step of steps) {
    const ref = step.ref ?? 'etcdctl';
    it(`${step.name}${ref === 'etcdctl' ? '' : ` (${ref})`}`, async () => {
      stepRan();
      const runsOnB = ref === 'ectl' || (HAS_ETCDCTL && ref !== 'none');
      const servers = runsOnB ? [twins.a, twins.b] : [twins.a];
      for (const s of step.setup ?? [])
        await Promise.all(servers.map((n) => gateway(n, s.path, s.body)));
      const [mine, theirs] = await Promise.all([
        runEctl(argv(step, twins.a), { stdin: step.input }),
        !runsOnB
          ? undefined
          : ref === 'ectl'
            ? runEctl(argv(step, twins.b), { stdin: step.input })
            : runEtcdctl(argv(step, twins.b), { stdin: step.input, timeoutMs: 10_000 }),
      ]);
      results.set(step.name, { mine, theirs });
      if (step.code !== undefined)
        expect(mine.code, describeRun('ectl', step, mine)).toBe(step.code);
      const own = goldens.of(mine, twins.a.endpoint);
      const source = goldenSource(step, own, theirs);
      goldens.check(step.name, own, describeRun('ectl', step, mine), source);
      // A failure is exactly one line on stderr, the `Error:` line.
      if (mine.code !== 0)
        expect(mine.stderr, describeRun('ectl', step, mine)).toMatch(/^Error: .*\n$/);
    });

    if (ref !== 'etcdctl') continue;
    it(`${step.name} = etcdctl`, ({ skip }) => {
      skip(!HAS_ETCDCTL, NO_ETCDCTL);
      const { mine, theirs } = results.get(step.name) ?? {};
      if (!mine || !theirs) throw new Error(`${step.name} did not run`);
      const json = isJson(step);
      const view = (r: RunResult, isEtcdctl: boolean) => ({
        code: r.code ?? r.signal,
        stdout: (isEtcdctl && json ? mainJsonKeys(r.stdout) : r.stdout).toString('latin1'),
        // ectl explains in the same line, after etcdctl's message: ` (line N: why)`.
        error: isEtcdctl ? errorLine(r.stderr) : errorLine(r.stderr)?.replace(HINT, ''),
      });
      const context = `${describeRun('ectl', step, mine)}\n${describeRun('etcdctl', step, theirs)}`;
      expect(view(mine, false), context).toEqual(view(theirs, true));
    });
  }

  it('nothing was ever written under t/never/', async () => {
    const key = Buffer.from('t/never/').toString('base64');
    const end = Buffer.from('t/never0').toString('base64');
    const res = await gateway<{ count?: string }>(twins.a, '/v3/kv/range', {
      key,
      range_end: end,
      count_only: true,
    });
    expect(res?.count ?? '0').toBe('0');
  });
});

describe('txn on a dead cluster', () => {
  it('does not hang: connecting is bounded by --dial-timeout (exit 1)', async () => {
    const ep = await refusedEndpoint();
    const args = ['--endpoints', ep, '--dial-timeout', '1s', 'txn'];
    const res = await runEctl(args, { stdin: '\n\nput k v\n\n' });
    expect(res.code).toBe(1);
    expect(errorLine(res.stderr)).toMatch(/^Error: context deadline exceeded/);
    expect(res.stdout.length).toBe(0);
    expect(res.ms).toBeLessThan(5000);
  });
});
