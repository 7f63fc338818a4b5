// ectl batch against real etcd: a table of lines (errors included) run once through `ectl batch`
// on one twin and once as separate `ectl` invocations on the other (identical cluster and member
// IDs, the same writes in the same order: byte-identical responses). stdout, stderr (less the
// `line N: ` prefix) and the exit code must match. Then: stopping at the first failure, refusals
// before anything runs, and connection flags only on the batch line.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useEtcd, useTwins } from '../harness/etcd.js';
import { TEMP_PREFIX, trackDir } from '../harness/pids.js';
import { runEctl } from '../harness/run.js';
import { QUICK, QUICK_BOUND_MS } from './util.js';

const twins = useTwins('batch');
const etcd = useEtcd();

/** One command of the table: its words, and the stdin of a txn (the lines after it in a batch). */
interface Line {
  argv: string[];
  txn?: string;
}

const txnOk = 'val("b/a") = "2"\n\nput b/t yes\n\nput b/t no\n\n';
const txnFails = 'val("b/a") = "nope"\n\nput b/t yes\n\nget b/a\n\n';

/** Every kind of line: outputs in each format, --hex on binary values, failures of each kind. */
const table: Line[] = [
  { argv: ['put', 'b/a', '1'] },
  { argv: ['put', 'b/a', '2', '--prev-kv'] },
  { argv: ['put', 'b/a', '2', '--prev-kv', '-w', 'json'] },
  { argv: ['put', 'b/bin', '\x01\x02 bytes\x7f\n\t'] },
  { argv: ['get', 'b/bin', '--hex'] },
  { argv: ['get', 'b/bin', '-w', 'json'] },
  { argv: ['get', 'b/', '--prefix', '-w', 'fields'] },
  { argv: ['get', 'b/', '--prefix', '-w', 'table', '--hex'] },
  { argv: ['get', 'b/a', '-o', 'json'] },
  { argv: ['get', 'b/missing'] },
  { argv: ['get', 'b/missing', '--strict'] },
  { argv: ['put', 'b/words', 'two words and "quotes" and \'single\' ones'] },
  { argv: ['get', 'b/words', '--print-value-only'] },
  { argv: ['put', '--bogus', 'b/x', 'v'] },
  { argv: ['put'] },
  { argv: ['gett', 'b/a'] },
  { argv: ['get', 'b/a', '-w', 'yaml'] },
  { argv: ['txn'], txn: txnOk },
  { argv: ['txn', '-w', 'json'], txn: txnFails },
  { argv: ['txn', '--strict'], txn: txnFails },
  { argv: ['txn'], txn: 'bad compare\n\n\n\n' },
  { argv: ['put', 'b/if', 'v', '--if-version', '5'] },
  { argv: ['del', 'b/a', '--prev-kv'] },
  { argv: ['del', 'b/nothing', '--strict'] },
  { argv: ['compaction', '3'] },
  { argv: ['get', 'b/a', '--rev', '2'] },
  { argv: ['get', '--help'] },
  { argv: ['get', 'b/', '--prefix', '--keys-only'] },
];

/** A word as a batch line writes it (POSIX single quotes). */
const quote = (w: string) => (/^[A-Za-z0-9_/.=-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

function scriptOf(lines: readonly Line[]): string {
  return lines.map((l) => `${l.argv.map(quote).join(' ')}\n${l.txn ?? ''}`).join('');
}

const stripPrefix = (stderr: string) => stderr.replace(/^line \d+: /gm, '');

describe('ectl batch', () => {
  it('prints exactly what separate invocations print, line by line', async () => {
    const batch = await runEctl(['--endpoints', twins.a.endpoint, 'batch', '--keep-going'], {
      stdin: scriptOf(table),
    });
    const out: Buffer[] = [];
    let err = '';
    const codes: number[] = [];
    for (const line of table) {
      const r = await runEctl(['--endpoints', twins.b.endpoint, ...line.argv], {
        stdin: line.txn ?? '',
      });
      out.push(r.stdout);
      err += r.stderr;
      codes.push(r.code ?? -1);
    }
    expect(stripPrefix(batch.stderr)).toBe(err);
    expect(batch.stdout.toString('latin1')).toBe(Buffer.concat(out).toString('latin1'));
    // The table has failures of several codes; the batch exits with the first one's.
    expect(new Set(codes.filter((c) => c !== 0)).size).toBeGreaterThan(2);
    expect(batch.code).toBe(codes.find((c) => c !== 0));
    // Each error line names its line of the script (a txn's body lines count too).
    const script = scriptOf(table).split('\n');
    for (const m of batch.stderr.matchAll(/^line (\d+): Error: /gm)) {
      const words = script[Number(m[1]) - 1]!;
      expect(words).toMatch(/^(put|get|gett|txn|del)\b/);
    }
    // Line 4's value holds a newline inside its quotes: the lines after it count one more.
    expect(batch.stderr).toMatch(/^line 12: Error: key "b\/missing" not found$/m);
  });

  it('stops at the first failure with its code; what came before it was done', async () => {
    const r = await runEctl(['--endpoints', etcd.endpoint, 'batch'], {
      stdin: 'put s/1 one\n# a comment\n\nput s/2 --lease zz two\nput s/3 three\n',
    });
    expect(r.code).toBe(128);
    expect(r.stdout.toString()).toBe('OK\n');
    expect(r.stderr).toMatch(/^line 4: Error: bad lease ID \(.*"zz".*\), expecting ID in Hex\n$/);
    const keys = await runEctl([
      '--endpoints',
      etcd.endpoint,
      'get',
      's/',
      '--prefix',
      '--keys-only',
    ]);
    expect(keys.stdout.toString()).toBe('s/1\n\n');
  });

  it('refuses before anything runs, naming the line', async () => {
    for (const [line, why] of [
      ['watch r/', 'line 3: watch runs until interrupted: a batch cannot run it'],
      ['lock r/l', 'line 3: lock holds the lock until interrupted: a batch cannot run it'],
      ['txn -i', 'line 3: txn -i needs a terminal (use ectl shell)'],
      ['get --endpoints 127.0.0.1:1 r/1', 'line 3: --endpoints is a connection flag'],
      ["put r/3 'unclosed", "line 3: the ' quote is never closed"],
      ['get r/1 | head', "line 3: unquoted '|'"],
    ] as const) {
      const r = await runEctl(['--endpoints', etcd.endpoint, 'batch'], {
        stdin: `put r/1 a\nput r/2 b\n${line}\n`,
      });
      expect(r.code, line).toBe(3);
      expect(r.stdout.toString()).toBe('');
      expect(r.stderr).toContain(`Error: ${why}`);
    }
    const none = await runEctl(['--endpoints', etcd.endpoint, 'get', 'r/', '--prefix']);
    expect(none.stdout.toString()).toBe('');
  });

  it("reads a file; the batch line's flags reach every line", async () => {
    const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}batch-`));
    trackDir(dir);
    const file = join(dir, 'script.ectl');
    writeFileSync(file, 'put f/1 "x y"\nget f/1\n');
    const r = await runEctl(['--endpoints', etcd.endpoint, '-w', 'fields', 'batch', file]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toMatch(/^"ClusterID" : \d+\n[^]*"Key" : "f\/1"\n"CreateRevision/);
    // A dead endpoint: each line fails fast with the same connection error.
    const dead = await runEctl(
      [...QUICK, '--endpoints', '127.0.0.1:1', 'batch', '--keep-going', file],
      { timeoutMs: 15_000 },
    );
    expect(dead.code).toBe(1);
    expect(dead.ms).toBeLessThan(2 * QUICK_BOUND_MS);
    expect(dead.stderr.match(/^line [12]: Error: /gm), dead.stderr).toHaveLength(2);
  });

  it('a config line is seen by the lines after it (the config file is read once, again after it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}batch-config-`));
    trackDir(dir);
    const env = { ECTL_CONFIG: join(dir, 'config.yaml') };
    for (const argv of [
      ['config', 'set-context', 'a', '--endpoints', etcd.endpoint],
      ['config', 'set-context', 'b', '--endpoints', etcd.endpoint],
      ['config', 'use-context', 'a'],
    ])
      expect((await runEctl(argv, { env })).code).toBe(0);
    const script =
      'config current-context\nconfig use-context b\nconfig current-context\n' +
      'config rename-context b c\nconfig current-context\nput via/context yes\n';
    const r = await runEctl(['batch'], { env, stdin: script });
    expect(r.stderr.toString()).toBe('');
    expect(r.stdout.toString()).toBe(
      'a\nSwitched to context "b".\nb\nContext "b" renamed to "c".\nc\nOK\n',
    );
    expect(r.code).toBe(0);
  });
});
