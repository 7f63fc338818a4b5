// `ectl doctor`'s human report: a table of checks per endpoint marked ✓ / ✗ / ! / -, coloured when
// allowed, then one line per problem with its fix.
import type { ChalkInstance } from 'chalk';
import type { CheckStatus, EndpointReport } from '../../diagnose/check.js';
import { humanTable } from './table.js';

const MARKS: Record<CheckStatus, string> = { ok: '✓', fail: '✗', warn: '!', skip: '-' };

function mark(status: CheckStatus, c: ChalkInstance): string {
  const m = MARKS[status];
  if (status === 'ok') return c.green(m);
  if (status === 'fail') return c.red.bold(m);
  if (status === 'warn') return c.yellow.bold(m);
  return c.dim(m);
}

/** The whole report: the tables, then the problems (failures first) with their fixes. */
export function renderDoctor(reports: readonly EndpointReport[], c: ChalkInstance): string {
  const parts: string[] = [];
  for (const r of reports) {
    const rows = r.checks.map((k) => [mark(k.status, c), k.name, k.detail]);
    parts.push(
      `${c.bold(r.endpoint)}\n${humanTable(['', 'CHECK', 'RESULT'], rows, (s) => c.bold(s))}`,
    );
  }
  const problems = reports.flatMap((r) =>
    r.checks
      .filter((k) => k.status === 'fail' || k.status === 'warn')
      .map((k) => ({ ...k, endpoint: r.endpoint })),
  );
  problems.sort((a, b) => Number(b.status === 'fail') - Number(a.status === 'fail'));
  if (problems.length === 0) {
    parts.push(`${c.green('No problems found.')}\n`);
  } else {
    const lines = problems.map((p) => {
      const fix = p.hint ? ` → ${p.hint}` : '';
      return `${mark(p.status, c)} ${p.endpoint} ${p.name}: ${p.detail}${fix}\n`;
    });
    parts.push(
      `${c.bold(problems.length === 1 ? '1 problem:' : `${problems.length} problems:`)}\n${lines.join('')}`,
    );
  }
  return parts.join('\n');
}
