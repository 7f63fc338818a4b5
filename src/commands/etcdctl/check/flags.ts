// The flags of `check perf` and `check datascale`, with etcdctl main's defaults and usage texts.
import { boolFlag, defineFlags, stringFlag } from '../../../cli/typed-flags.js';

const cleanup = {
  'auto-compact': boolFlag('Compact storage with last revision after test is finished.'),
  'auto-defrag': boolFlag('Defragment storage after test is finished.'),
};

/** check perf's flags. */
export const perfFlags = defineFlags({
  load: stringFlag(
    "The performance check's workload model. Accepted workloads: s(small), m(medium), l(large), " +
      'xl(xLarge). Different workload models use different configurations in terms of number of ' +
      'clients and expected throughput.',
    's',
  ),
  prefix: stringFlag(
    "The prefix for writing the performance check's keys.",
    '/etcdctl-check-perf/',
  ),
  ...cleanup,
});

/** check datascale's flags. */
export const datascaleFlags = defineFlags({
  load: stringFlag(
    "The datascale check's workload model. Accepted workloads: s(small), m(medium), l(large), " +
      'xl(xLarge)',
    's',
  ),
  prefix: stringFlag(
    "The prefix for writing the datascale check's keys.",
    '/etcdctl-check-datascale/',
  ),
  ...cleanup,
});
