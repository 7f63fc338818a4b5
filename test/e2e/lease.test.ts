// lease byte-for-byte against etcdctl: every row of lease-steps.ts runs ectl on twin server A and
// etcdctl on twin server B (same cluster and member IDs, same history, same fixed lease IDs), and
// compares stdout, the exit code and the `Error:` line. Only what truly varies is normalised: the
// ID `lease grant` gets from each server and remaining TTLs. ectl's results are also golden files
// (test/golden/lease/), which need no etcdctl; UPDATE_GOLDEN=1 rewrites them with etcdctl's
// (normalised) stdout, and exit code, wherever those are compared.
import { describe, expect, it } from 'vitest';
import { gateway, useTwins, type EtcdNode } from '../harness/etcd.js';
import { hasEtcdctl, runEtcdctl, type RunResult, runEctl } from '../harness/run.js';
import { errorLine, show, StepGoldens } from '../helpers/golden.js';
import { normaliseLease } from './concurrency-kit.js';
import { initial, steps, type Step } from './lease-steps.js';

const HAS_ETCDCTL = hasEtcdctl();
// stdout's goldens hold it already rendered by `show`, after normalising.
const goldens = new StepGoldens('lease', {
  stderr: 'first-line',
  render: (stdout) => stdout.toString('utf8'),
});

/** The IDs of every lease the server has, in hex. */
async function leases(node: EtcdNode): Promise<string[]> {
  const r = await gateway<{ leases?: { ID: string }[] }>(node, '/v3/lease/leases', {});
  return (r.leases ?? []).map((l) => BigInt(l.ID).toString(16));
}

/** Remaining TTLs (3600 s leases) become <TTL>, after checking they are plausible. */
function normaliseTtl(text: string): string {
  const ttl = (prefix: string, n: string, suffix = '') => {
    expect(Number(n)).toBeGreaterThan(3500);
    expect(Number(n)).toBeLessThanOrEqual(3600);
    return `${prefix}<TTL>${suffix}`;
  };
  return text
    .replace(/(remaining\()(\d+)(s\))/g, (_, p: string, n: string, s: string) => ttl(p, n, s))
    .replace(/("ttl":)(\d+)/g, (_, p: string, n: string) => ttl(p, n))
    .replace(/("TTL" : )(\d+)/g, (_, p: string, n: string) => ttl(p, n));
}

/** `lease list` prints leases in the server's map order, which varies: sort them. */
function sortLeases(text: string): string {
  const json = /^(.*"leases":\[)(.*)(\]\}\n)$/s.exec(text);
  if (json) return json[1] + (json[2] ? json[2].split(',').sort().join(',') : '') + json[3];
  const lines = text.split('\n');
  const ids = lines.filter((l) => /^([0-9a-f]{16}|"ID" : \S+)$/.test(l));
  const rest = lines.filter((l) => !ids.includes(l));
  return [...rest.slice(0, -1), ...ids.sort(), ''].join('\n');
}

interface Outcome {
  stdout: string;
  error: string;
  code: string;
}

/** Runs one row with one tool and renders what is compared, normalised. */
async function runRow(step: Step, node: EtcdNode, tool: 'ectl' | 'etcdctl'): Promise<Outcome> {
  const before = step.normalise === 'grant' ? await leases(node) : [];
  const args = ['--endpoints', node.endpoint, ...step.args];
  const res: RunResult = tool === 'ectl' ? await runEctl(args) : await runEtcdctl(args);
  let stdout = res.stdout.toString('latin1');
  if (step.normalise === 'grant') {
    const fresh = (await leases(node)).filter((id) => !before.includes(id));
    expect(fresh.length, `${tool} granted one lease`).toBeLessThanOrEqual(1);
    for (const id of fresh) {
      stdout = normaliseLease(res.stdout, id);
      await gateway(node, '/v3/lease/revoke', { ID: BigInt(`0x${id}`).toString() });
    }
  }
  if (step.normalise === 'ttl') stdout = normaliseTtl(stdout);
  if (step.normalise === 'list') stdout = sortLeases(stdout);
  return {
    stdout: show(Buffer.from(stdout, 'latin1')),
    error: (errorLine(res.stderr) ?? '').replace(/ \(127\.0\.0\.1:\d+: [^)]*\)$/, ''),
    code: String(res.code ?? res.signal),
  };
}

describe('lease compatibility (twin servers)', () => {
  const twins = useTwins('lease');

  it('the fixed leases exist on both servers; step names are unique', async () => {
    for (const node of [twins.a, twins.b])
      for (const s of initial) await gateway(node, s.path, s.body);
    const names = steps.map((s) => s.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  for (const step of steps) {
    it(`${step.name}: ${step.args.join(' ')}`, async () => {
      const nodes = HAS_ETCDCTL ? [twins.a, twins.b] : [twins.a];
      for (const s of step.setup ?? []) for (const n of nodes) await gateway(n, s.path, s.body);
      const [mine, theirs] = await Promise.all([
        runRow(step, twins.a, 'ectl'),
        HAS_ETCDCTL ? runRow(step, twins.b, 'etcdctl') : undefined,
      ]);
      const compare = step.compare ?? 'all';
      const { stdout, error: stderr, code } = mine;
      const own = { stdout: Buffer.from(stdout), stderr, code };
      const source =
        theirs && compare !== 'none'
          ? {
              ...own,
              stdout: Buffer.from(theirs.stdout),
              code: compare === 'all' ? theirs.code : code,
            }
          : own;
      goldens.check(step.name, own, 'golden', source);
      if (!theirs || compare === 'none') return;
      if (compare === 'stdout') expect(mine.stdout).toBe(theirs.stdout);
      else expect(mine, 'etcdctl').toEqual(theirs);
    });
  }
});
