// What the bundle gets for `node:child_process` (scripts/build.mjs): loading the real module costs
// a few ms of every start-up (it brings dgram and the child-process machinery), and only the
// commands that run a program (watch/lock/elect with a command, edit) need it. commander imports
// it too, for executable sub-commands ectl does not have. An ES module, so that importing any
// other name fails the build ("No matching export") instead of the run.
/* global require -- the bundle is CommonJS: this require() stays in place and runs on first use */
let real;

/** child_process.spawn, loaded on the first call. */
export function spawn(...args) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see the global comment above
  real ??= require('node:child_process');
  return real.spawn(...args);
}
