// Writes the generated files (ectl.1 and completions/*) from ectl's own help and completion
// modules, bundled on the fly with esbuild. `--check` writes nothing and fails when a checked-in
// file differs; `man` or `completions` limits the run to those files.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.find((a) => a === 'man' || a === 'completions');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const dir = mkdtempSync(join(tmpdir(), 'ectl-docs-'));
let files;
try {
  const outfile = join(dir, 'docs.cjs');
  await build({
    entryPoints: [join(root, 'src/cli/help/docs.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  files = await createRequire(import.meta.url)(outfile).generatedDocs(pkg.version);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const stale = [];
for (const [rel, content] of Object.entries(files)) {
  if (only === 'man' && rel !== 'ectl.1') continue;
  if (only === 'completions' && !rel.startsWith('completions/')) continue;
  const path = join(root, rel);
  let current;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  if (check) stale.push(rel);
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    process.stderr.write(`gen-docs: wrote ${rel}\n`);
  }
}
if (stale.length > 0) {
  process.stderr.write(`gen-docs: out of date: ${stale.join(', ')} (run \`npm run gen:docs\`)\n`);
  process.exit(1);
}
