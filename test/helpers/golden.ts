// Golden files of printer output (test/golden/<cmd>/<name>): compared byte for byte, rewritten
// with UPDATE_GOLDEN=1.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../golden');

/** Asserts that `actual` equals the golden file `<cmd>/<name>`. */
export function expectGolden(name: string, actual: string | Uint8Array): void {
  const file = join(GOLDEN_ROOT, name);
  const bytes = Buffer.from(actual);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  if (!existsSync(file)) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1`);
  // Compared as text so a failure shows a readable diff; the bytes are UTF-8 either way.
  expect(bytes.toString('utf8')).toBe(readFileSync(file, 'utf8'));
}
