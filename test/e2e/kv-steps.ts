// The put/get/del compatibility table, in the order it runs (kv-compat.test.ts), and the rows where
// ectl is known to differ from etcdctl for a reason still to be fixed in src/.
import type { KnownDifference, Step } from './kv-step-kit.js';
import { delAllSteps, delSteps } from './kv-steps-del.js';
import { getSteps } from './kv-steps-get.js';
import { globalSteps } from './kv-steps-global.js';
import { putSteps } from './kv-steps-put.js';

export {
  EP,
  type Compare,
  type KnownDifference,
  type Setup,
  type Step,
  type View,
} from './kv-step-kit.js';

/** Every row, in order: later rows read what earlier ones wrote, on both servers alike. */
export const steps: Step[] = [
  ...putSteps,
  ...getSteps,
  ...delSteps,
  ...globalSteps,
  ...delAllSteps,
];

/**
 * Step name → how ectl's result differs from etcdctl's, and why. These rows still run in place (so
 * both servers keep the same history) and have no golden files; their comparison fails unless the
 * difference is exactly the recorded one, so a row that now matches etcdctl, or differs some other
 * way, is noticed. Once src/ is fixed, delete the entry and run with UPDATE_GOLDEN=1 for goldens.
 */
export const knownDifferences: Record<string, KnownDifference> = {};
