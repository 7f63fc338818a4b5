// Bundles ectl into dist/ectl.cjs (one file: start-up reads one file and one code cache) and
// installs the boot loader. CommonJS because only classic scripts get V8's code cache on Node 20.
// `node scripts/build.mjs DIR` builds into DIR instead: the test suite builds its own private copy,
// which an `npm run build` running meanwhile cannot empty under it.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
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
copyFileSync(join(root, 'scripts', 'boot.cjs'), join(dist, 'boot.cjs'));
// Warm the code cache once, so the first real run is already fast.
execFileSync(process.execPath, [join(dist, 'boot.cjs'), 'version'], { stdio: 'ignore' });
