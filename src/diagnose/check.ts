// What a diagnosis finds: one check per question asked of an endpoint, each with a status, what was
// seen and, when something is wrong, the concrete fix. Plain values: printers and JSON read them.

/** ✓ passed, ✗ failed, ! a warning, - not run (an earlier check failed, or nothing to check). */
export type CheckStatus = 'ok' | 'fail' | 'warn' | 'skip';

/** One check of one endpoint. */
export interface Check {
  name: string;
  status: CheckStatus;
  /** What was found, in a few words. */
  detail: string;
  /** How to fix it, when it is not ok; '' otherwise. */
  hint: string;
}

/** Every check of one endpoint, in the order they ran. */
export interface EndpointReport {
  endpoint: string;
  checks: Check[];
}

/** A passed check. */
export function ok(name: string, detail: string): Check {
  return { name, status: 'ok', detail, hint: '' };
}

/** A failed check and its fix. */
export function fail(name: string, detail: string, hint = ''): Check {
  return { name, status: 'fail', detail, hint };
}

/** A warning and its fix. */
export function warn(name: string, detail: string, hint = ''): Check {
  return { name, status: 'warn', detail, hint };
}

/** A check that did not run, and why. */
export function skip(name: string, detail: string): Check {
  return { name, status: 'skip', detail, hint: '' };
}

/** Whether any check of any report failed (doctor's exit code). */
export function anyFailed(reports: readonly EndpointReport[]): boolean {
  return reports.some((r) => r.checks.some((c) => c.status === 'fail'));
}
