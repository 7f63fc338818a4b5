// put/get/del byte-for-byte against etcdctl: every row of kv-steps.ts runs against twin server A
// with ectl and twin server B with etcdctl (same cluster and member IDs, same history), so stdout
// is compared as bytes in every format, protobuf included, with no normalisation. ectl's results
// are also checked against test/golden/kv/, which needs no etcdctl. UPDATE_GOLDEN=1 rewrites them,
// with etcdctl's stdout and exit code wherever etcdctl's are compared.
import { describe, expect, it } from 'vitest';
import { b64, gateway, memberStatus, useTwins, type EtcdNode } from '../harness/etcd.js';
import { hasEtcdctl, NO_ETCDCTL, runEctl, runEtcdctl, type RunResult } from '../harness/run.js';
import { errorLine, guardSteps, show, StepGoldens, type StepRun } from '../helpers/golden.js';
import {
  EP,
  knownDifferences,
  steps,
  type KnownDifference,
  type Step,
  type View,
} from './kv-steps.js';

const HAS_ETCDCTL = hasEtcdctl();
const goldens = new StepGoldens('kv', { stderr: 'first-line' });

/** Known differences have no goldens (they would freeze the wrong output), nor huge outputs. */
const hasGolden = (step: Step) => step.golden !== false && !(step.name in knownDifferences);

/** The step's argv and env for one server: @EP replaced, `--endpoints` added unless EP is used. */
function invocation(step: Step, argv: string[], endpoint: string) {
  const usesEp = [...argv, ...Object.values(step.env ?? {})].some((a) => a.includes(EP));
  const sub = (s: string) => s.split(EP).join(endpoint);
  const args = argv.map(sub);
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, sub(v)]));
  return { args: usesEp || step.noEndpoints ? args : ['--endpoints', endpoint, ...args], env };
}

function runOn(node: EtcdNode, step: Step, tool: 'ectl' | 'etcdctl'): Promise<RunResult> {
  const argv = tool === 'ectl' ? step.args : (step.etcdctl ?? step.args);
  const { args, env } = invocation(step, argv, node.endpoint);
  const opts = { env, ...(step.stdin === undefined ? {} : { stdin: step.stdin }) };
  return tool === 'ectl' ? runEctl(args, opts) : runEtcdctl(args, opts);
}

/** ectl-only wording that is not a difference: its own name, and the per-endpoint cause. */
function normaliseError(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  return line
    .replace(/^(Error: context deadline exceeded) \(.*\)$/, '$1')
    .replace(/ for "ectl"/, ' for "etcdctl"');
}

/** The parts of one run that the step's compare mode looks at. */
function comparable(step: Step, res: RunResult, side: 'ectl' | 'etcdctl'): View {
  const mode = step.compare ?? 'all';
  // 3.4 prints the usage on stdout after a parse error; main (and ectl) print nothing there.
  const stdout = mode === 'usage' && side === 'etcdctl' ? '' : show(res.stdout);
  const view: View = { code: res.code ?? res.signal, stdout };
  if (mode !== 'code') view.error = normaliseError(errorLine(res.stderr));
  return view;
}

/**
 * What UPDATE_GOLDEN=1 writes for a row: etcdctl's stdout and exit code wherever they are compared
 * (under `usage` the contract's stdout is empty: 3.4 prints its usage there), ectl's stderr line
 * (etcdctl's may be a log line, or name etcdctl). Rows etcdctl does not run, or `none`: ectl's.
 */
function goldenSource(step: Step, own: StepRun, etcdctl: RunResult | undefined): StepRun {
  const mode = step.compare ?? 'all';
  if (!etcdctl || mode === 'none') return own;
  const stdout = mode === 'usage' ? Buffer.alloc(0) : etcdctl.stdout;
  return { ...own, stdout, code: String(etcdctl.code ?? etcdctl.signal) };
}

/** A known difference must be exactly the recorded one: not gone, and nothing else differing. */
function expectKnownDifference(name: string, known: KnownDifference, mine: View, theirs: View) {
  expect(mine, `${name} now matches etcdctl: remove it from knownDifferences`).not.toEqual(theirs);
  const fields = Object.keys(known.ectl) as (keyof View)[];
  expect(Object.keys(known.etcdctl).sort(), `${name}: the same fields on both sides`).toEqual(
    [...fields].sort(),
  );
  const pick = (v: View) => Object.fromEntries(fields.map((f) => [f, v[f]]));
  expect({ ectl: pick(mine), etcdctl: pick(theirs) }, `${name}: ${known.why}`).toEqual({
    ectl: known.ectl,
    etcdctl: known.etcdctl,
  });
  expect({ ...mine, ...known.etcdctl }, `${name}: only the recorded fields differ`).toEqual(theirs);
}

function describeRun(tool: string, args: string[], res: RunResult): string {
  return `${tool} ${JSON.stringify(args)} -> ${res.code ?? res.signal}\nstderr: ${res.stderr}`;
}

describe('put/get/del compatibility (twin servers)', () => {
  const twins = useTwins('kv');
  const results = new Map<string, { ectl: RunResult; etcdctl?: RunResult | undefined }>();
  const stepRan = guardSteps(goldens, steps, hasGolden);

  it('twins report identical cluster ID, member ID and raft term', async () => {
    const probe = { key: b64('twin-probe') };
    type Header = { header: Record<string, string> };
    const [ha, hb] = await Promise.all(
      [twins.a, twins.b].map((n) => gateway<Header>(n, '/v3/kv/range', probe)),
    );
    expect(ha?.header).toEqual(hb?.header);
    expect(ha?.header.cluster_id).toMatch(/^\d+$/);
    const [sa, sb] = await Promise.all([memberStatus(twins.a), memberStatus(twins.b)]);
    expect(sa).toEqual(sb);
    expect(twins.a.endpoint).not.toBe(twins.b.endpoint);
  });

  it('known differences name real steps', () => {
    const names = steps.map((s) => s.name);
    expect(Object.keys(knownDifferences).filter((n) => !names.includes(n))).toEqual([]);
  });

  for (const step of steps) {
    const known = knownDifferences[step.name];
    const withEtcdctl = HAS_ETCDCTL && step.etcdctl !== null;

    it(`${step.name}: ectl ${step.args.join(' ')}`, async () => {
      stepRan();
      const servers = withEtcdctl ? [twins.a, twins.b] : [twins.a];
      for (const s of step.setup ?? [])
        await Promise.all(servers.map((n) => gateway(n, s.path, s.body)));
      const [ectl, etcdctl] = await Promise.all([
        runOn(twins.a, step, 'ectl'),
        withEtcdctl ? runOn(twins.b, step, 'etcdctl') : undefined,
      ]);
      results.set(step.name, { ectl, etcdctl });
      if (!hasGolden(step)) return;
      const got = goldens.of(ectl, twins.a.endpoint);
      const source = goldenSource(step, got, etcdctl);
      goldens.check(step.name, got, describeRun('ectl', step.args, ectl), source);
    });

    if ((step.compare ?? 'all') === 'none') continue;
    const title = `${step.name} = etcdctl${known ? ' [known difference]' : ''}`;
    it(title, ({ skip }) => {
      skip(!HAS_ETCDCTL, NO_ETCDCTL);
      const r = results.get(step.name);
      if (!r?.etcdctl) throw new Error(`${step.name} did not run`);
      const mine = comparable(step, r.ectl, 'ectl');
      const theirs = comparable(step, r.etcdctl, 'etcdctl');
      const context = [
        describeRun('ectl', step.args, r.ectl),
        describeRun('etcdctl', step.etcdctl ?? step.args, r.etcdctl),
      ].join('\n');
      if (known) expectKnownDifference(step.name, known, mine, theirs);
      else expect(mine, context).toEqual(theirs);
    });
  }
});
