// Bundles ectl into dist/ectl.cjs (one file: start-up reads one file and one code cache) and
// installs the boot loader. CommonJS because only classic scripts get V8's code cache on Node 20.
// `node scripts/build.mjs DIR` builds into DIR instead: the test suite builds its own private copy,
// which an `npm run build` running meanwhile cannot empty under it.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The invocations boot.cjs answers from stored text (its fast path): version and the root help.
const fastArgv = [['version'], ['--help'], ['-h'], ['help'], []];
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

/**
 * Modules the bundle gets in place of others, to keep work off every start-up: see each shim's
 * comment. Importing a name a shim lacks fails the build (they are ES modules).
 */
const shims = {
  name: 'start-up-shims',
  setup(b) {
    const shim = (name) => ({ path: join(root, 'scripts', 'shims', name) });
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.importer.endsWith(join('shims', 'child-process.mjs'))
        ? undefined
        : shim('child-process.mjs'),
    );
    b.onResolve({ filter: /^#supports-color$/ }, () => shim('supports-color.mjs'));
  },
};

await build({
  plugins: [shims],
  stdin: {
    contents: "import { main } from './src/main.ts';\nvoid main();\n",
    resolveDir: root,
    sourcefile: 'entry.ts',
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: join(dist, 'ectl.cjs'),
  define: { __ECTL_VERSION__: JSON.stringify(pkg.version) },
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
wrapBundle(join(dist, 'ectl.cjs'));
// The boot loader without stored answers first: the runs below take the full path.
const boot = readFileSync(join(root, 'scripts', 'boot.cjs'), 'utf8');
writeFileSync(join(dist, 'boot.cjs'), boot);
// Warm the code cache once, so the first real run is already fast.
execFileSync(process.execPath, [join(dist, 'boot.cjs'), 'version'], { stdio: 'ignore' });
writeFileSync(join(dist, 'boot.cjs'), withAnswers(boot, captureAnswers(join(dist, 'boot.cjs'))));

/**
 * What the full path prints for the argv boot.cjs may answer without the bundle, run under the
 * conditions boot checks: no ETCDCTL_* or ECTL_* variable, stdout a pipe. Only a clean success is
 * kept: exit 0, nothing on stderr, UTF-8 that survives the round trip, and no escape codes (the
 * only thing NO_COLOR or FORCE_COLOR change in commander's help is whether it strips them).
 */
function captureAnswers(bootFile) {
  const env = {};
  for (const name of ['PATH', 'HOME']) if (process.env[name]) env[name] = process.env[name];
  const texts = [];
  const argv = {};
  for (const args of fastArgv) {
    const run = spawnSync(process.execPath, [bootFile, ...args], { env });
    const text = run.stdout.toString('utf8');
    if (run.status !== 0 || run.stderr.length > 0 || !Buffer.from(text).equals(run.stdout))
      continue;
    if (text.includes('\x1b')) continue;
    if (!texts.includes(text)) texts.push(text);
    argv[JSON.stringify(args)] = texts.indexOf(text);
  }
  return { texts, argv };
}

function withAnswers(source, answers) {
  const line = /^const answers = null;.*$/m;
  if (!line.test(source))
    throw new Error('scripts/boot.cjs: the `const answers = null;` line is gone');
  return source.replace(line, () => `const answers = ${JSON.stringify(answers)};`);
}

/**
 * Writes the bundle as the function expression boot.cjs compiles (CommonJS's module wrapper), and
 * makes sure it is ASCII: boot reads it as latin1, which for a file this size gives V8 an external
 * string it compiles in place. Decoding UTF-8 and concatenating the wrapper at each start cost
 * ~2 ms more (read + compile, measured on the 1.1 MB bundle).
 */
function wrapBundle(file) {
  const bytes = readFileSync(file);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at >= 0) throw new Error(`${file}: byte ${at} is not ASCII; boot.cjs reads it as latin1`);
  const head = '(function (exports, require, module, __filename, __dirname) { ';
  writeFileSync(file, `${head}${bytes.toString('latin1')}\n});`);
}
