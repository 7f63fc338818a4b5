// auth, user and role byte-for-byte against etcdctl 3.4.23: every row of auth-steps.ts runs, in
// order, against twin server A with ectl and twin server B with etcdctl (same IDs, same history),
// comparing stdout bytes, stderr (without etcdctl's Go log lines and stty's complaints) and the
// exit code. Rows where main changed 3.4's behaviour are checked by goldens only; every row's
// ectl result is also kept in test/golden/auth-cmds/ (UPDATE_GOLDEN=1 rewrites them).
import { describe, expect, it } from 'vitest';
import { useTwins, type EtcdNode } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl, type RunResult } from '../harness/run.js';
import { guardSteps, show, StepGoldens } from '../helpers/golden.js';
import { steps } from './auth-steps.js';
import type { Step } from './kv-step-kit.js';

const HAS_ETCDCTL = hasEtcdctl();
const goldens = new StepGoldens('auth-cmds', { stderr: 'whole' });

function runOn(node: EtcdNode, step: Step, tool: 'ectl' | 'etcdctl'): Promise<RunResult> {
  const args = [
    '--endpoints',
    node.endpoint,
    ...(tool === 'ectl' ? step.args : (step.etcdctl ?? step.args)),
  ];
  const opts = { env: step.env ?? {}, ...(step.stdin === undefined ? {} : { stdin: step.stdin }) };
  return tool === 'ectl' ? runEctl(args, opts) : runEtcdctl(args, opts);
}

// etcdctl's client logs a JSON line per failed RPC attempt, and speakeasy runs stty on a pipe.
const NOISE = /^(?:\{"level":.*|stty: 'standard input': Inappropriate ioctl for device)\n/gm;

function comparable(res: RunResult) {
  return { stdout: show(res.stdout), stderr: res.stderr.replace(NOISE, ''), code: res.code };
}

describe('auth, user and role compatibility (twin servers)', () => {
  const twins = useTwins('auth');
  const results = new Map<string, { ectl: RunResult; etcdctl?: RunResult }>();
  const stepRan = guardSteps(goldens, steps);

  for (const step of steps) {
    it(`${step.name}: ectl ${step.args.join(' ')}`, async () => {
      stepRan();
      const [ectl, etcdctl] = await Promise.all([
        runOn(twins.a, step, 'ectl'),
        HAS_ETCDCTL ? runOn(twins.b, step, 'etcdctl') : undefined,
      ]);
      results.set(step.name, { ectl, ...(etcdctl ? { etcdctl } : {}) });
      const describeRun = `ectl -> ${ectl.code}\nstderr: ${ectl.stderr}`;
      goldens.check(step.name, goldens.of(ectl, twins.a.endpoint), describeRun);
      // Exactly one `Error:` line, or nothing, on stderr.
      expect(ectl.stderr).toMatch(/^(?:Error: [^\n]*\n)?$/);
    });

    if ((step.compare ?? 'all') === 'none') continue;
    it.skipIf(!HAS_ETCDCTL)(`${step.name} = etcdctl`, () => {
      const r = results.get(step.name);
      if (!r?.etcdctl) throw new Error(`${step.name} did not run`);
      const context = `etcdctl -> ${r.etcdctl.code}\nstderr: ${r.etcdctl.stderr}`;
      expect(comparable(r.ectl), context).toEqual(comparable(r.etcdctl));
    });
  }
});
