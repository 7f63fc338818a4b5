// What chalk gets in the bundle for its terminal detection (`#supports-color`, scripts/build.mjs).
// ectl decides colour itself (src/output/human/colour.ts: --color, NO_COLOR, FORCE_COLOR, TERM and
// whether the stream is a terminal) and always hands chalk an explicit level, so the detection
// was never used; it cost ~4 ms of every start-up (it loads os and tty and reads the environment).
// chalk's own default instances, which ectl does not use, get no colour.

/** No colour, whatever the stream. */
export function createSupportsColor() {
  return false;
}

export default { stdout: false, stderr: false };
