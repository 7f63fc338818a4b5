// Unit tests call the synchronous YAML printers and edit's text checks directly; in the CLI,
// cli.ts (or the command) loads the yaml package before they run. Do the same for the tests.
import { loadYaml } from '../../src/output/script/yaml-lib.js';

await loadYaml();
