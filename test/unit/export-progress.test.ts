// export's progress line, in-process against the fake client: drawn on stderr (one line, redrawn
// with \r and erased at the end) only when stderr is a terminal; stdout is the same either way.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { bufferIo } from '../helpers/io.js';
import { FakeEtcd } from '../helpers/fake-client.js';
import { progressLine } from '../../src/output/human/progress.js';

async function exportWith(fake: FakeEtcd, tty: boolean) {
  const b = bufferIo();
  let t = 0;
  // Each reading of the clock is 150 ms later: every page may redraw the line.
  const io = { ...b.io, stderrIsTTY: tty, now: () => (t += 150) };
  const code = await run(['export', 'p/'], io, new AbortController().signal, {
    connect: fake.connect,
  });
  return { code, stdout: b.stdout().toString(), stderr: b.stderr() };
}

describe('export progress', () => {
  it('on a terminal: keys, bytes, rate redrawn in place, erased at the end', async () => {
    const fake = new FakeEtcd();
    for (let i = 0; i < 4500; i++) {
      const key = Buffer.from(`p/${String(i).padStart(5, '0')}`);
      fake.kvs.set(key.toString('latin1'), {
        key,
        value: Buffer.from('v'),
        create_revision: 2n,
        mod_revision: 2n,
        version: 1n,
        lease: 0n,
      });
    }
    const tty = await exportWith(fake, true);
    const plain = await exportWith(fake, false);
    expect([tty.code, plain.code]).toEqual([0, 0]);
    expect(tty.stdout).toBe(plain.stdout);
    expect(plain.stdout.split('\n').length).toBe(4502);
    expect(plain.stderr).toBe('');
    const draws = tty.stderr.split('\r').filter((s) => s !== '');
    expect(draws[0]).toMatch(/^exported 2,000 keys, \d+(\.\d)? kB, [\d,]+ keys\/s\x1b\[K$/);
    expect(draws.at(-2)).toMatch(/^exported 4,500 keys, /);
    expect(draws.at(-1)).toBe('\x1b[K');
  });

  it('the line itself', () => {
    expect(progressLine('exported', 12_345, 3_100_000, 1500)).toBe(
      'exported 12,345 keys, 3.1 MB, 8,230 keys/s',
    );
  });
});
