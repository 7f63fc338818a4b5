// Help that teaches: every command of the tree (today's and any added later) has a description
// and examples, flags show their defaults, the root groups commands as etcdctl does, the help
// topics exist, and the generated man page and completion scripts are up to date.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpText, run } from '../../src/cli.js';
import { buildProgram } from '../../src/commands/index.js';
import { Groups, type EctlCommand } from '../../src/cli/command.js';
import { ExitCode } from '../../src/errors.js';
import { envName, globalFlags } from '../../src/cli/globals.js';
import { generatedDocs } from '../../src/cli/help/docs.js';
import { which } from '../harness/bins.js';
import { bufferIo } from '../helpers/io.js';

const root = join(import.meta.dirname, '../..');
const program = await buildProgram(bufferIo().io);
const hidden = (c: EctlCommand) => (c as unknown as { _hidden: boolean })._hidden;

function walk(cmd: EctlCommand): EctlCommand[] {
  const subs = cmd.subs.filter((c) => !hidden(c));
  return [...subs, ...subs.flatMap(walk)];
}
const commands = walk(program);

async function ectl(argv: string[]) {
  const b = bufferIo();
  const code = await run(argv, b.io, new AbortController().signal);
  return { code, out: b.stdout().toString(), err: b.stderr() };
}

describe('every command', () => {
  it.each(commands.map((c) => [c.path(), c] as const))(
    '%s has a description and examples',
    (path, cmd) => {
      expect(cmd.description(), `"${path}" needs .description()`).not.toBe('');
      expect(cmd.exampleLines, `"${path}" needs .examples([...])`).not.toEqual([]);
      expect(helpText(cmd)).toContain('\nExamples:\n');
      expect(helpText(cmd)).toContain(
        'Use "ectl options" for a list of global command-line options',
      );
    },
  );

  it('shows the defaults of its flags, as pflag does', () => {
    for (const cmd of commands) {
      // Wrapped lines joined, so a default moved to the next line still counts.
      const text = helpText(cmd).replace(/\s+/g, ' ');
      for (const f of cmd.localFlags.filter((x) => !x.hidden)) {
        const d = f.default;
        if (d === false || d === '' || d === 0n || (Array.isArray(d) && d.length === 0)) continue;
        const shown = typeof d === 'string' ? JSON.stringify(d) : null;
        expect(text, `${cmd.path()} --${f.name}`).toMatch(
          new RegExp(`--${f.name}[\\s\\S]*?\\(default ${shown ? escape(shown) : ''}`),
        );
      }
    }
    expect(helpText(commands.find((c) => c.path() === 'get')!)).toContain(
      'Linearizable(l) or Serializable(s) (default "l")',
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the root help', () => {
  // etcdctl's groups (reference §1.1); commands not in the tree yet are simply not checked.
  const expected: Record<string, string> = {};
  const table: [string, string][] = [
    [Groups.kv, 'get put del txn compaction lease watch'],
    [Groups.cluster, 'alarm defrag endpoint member move-leader snapshot downgrade'],
    [Groups.concurrency, 'elect lock'],
    [Groups.auth, 'auth user role'],
    [Groups.utility, 'check completion make-mirror version options help'],
  ];
  for (const [group, names] of table) for (const n of names.split(' ')) expected[n] = group;

  it('lists each command under its etcdctl group, groups in etcdctl order', async () => {
    for (const cmd of program.subs.filter((c) => !hidden(c) && expected[c.name()]))
      expect(cmd.helpGroup(), cmd.name()).toBe(expected[cmd.name()]);
    const text = (await ectl([])).out;
    const at = table.map(([g]) => text.indexOf(`\n${g}\n`)).filter((i) => i >= 0);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(text).toContain('Use "ectl options" for a list of global command-line options');
  });

  it('lists the help topics', async () => {
    for (const argv of [[], ['help', '--help']]) {
      const text = (await ectl(argv)).out;
      expect(text).toMatch(/\n {2}exit-codes +\S/);
      expect(text).toMatch(/\n {2}environment +\S/);
    }
  });
});

describe('long texts', () => {
  it("put: etcdctl's whole paragraph on values starting with '-'", async () => {
    const { out } = await ectl(['put', '--help']);
    expect(out).toContain(
      "\n\nWhen <value> begins with '-', <value> is interpreted as a flag.\nInsert '--' for workaround:\n",
    );
  });
});

describe('help topics', () => {
  it('exit-codes lists every exit code', async () => {
    const r = await ectl(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    for (const code of [...Object.values(ExitCode).filter((c) => c !== ExitCode.IO), 130, 143])
      expect(r.out).toMatch(new RegExp(`^ {2}${code} +\\S`, 'm'));
  });

  it('environment lists the variable of every global flag, and ectl variables', async () => {
    const r = await ectl(['help', 'environment']);
    expect(r.code).toBe(0);
    for (const f of globalFlags) expect(r.out).toContain(`${envName(f.name)} `);
    expect(r.out).toContain('ECTL_DNS_SERVERS');
    expect(r.out).toContain('ETCDCTL_DIAL_TIMEOUT');
    expect(r.out).toMatch(/ETCDCTL_ENDPOINTS .*\(default 127\.0\.0\.1:2379\)/);
  });

  it('names no etcdctl command that ectl lacks', async () => {
    const etcdctlCommands = ['alarm', 'defrag', 'snapshot', 'move-leader', 'downgrade', 'check'];
    const missing = etcdctlCommands.filter((n) => !program.subs.some((c) => c.name() === n));
    for (const topic of ['exit-codes', 'environment']) {
      const { out } = await ectl(['help', topic]);
      for (const name of missing) expect(out).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('gives the receive limit as a number, the one the README gives', async () => {
    const { out } = await ectl(['help', 'environment']);
    expect(out).not.toContain('math.MaxInt32');
    expect(out).toContain('defaults to 2147483647, 2 GiB - 1');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('| `--max-request-bytes`, `--max-recv-bytes` | 2 MiB, 2 GiB - 1 |');
  });

  it('an unknown topic is still an unknown command', async () => {
    expect((await ectl(['help', 'nosuch'])).code).toBe(1);
  });
});

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  man: string;
};
const docs = await generatedDocs(pkg.version);

describe('generated files', () => {
  it.each(Object.keys(docs))('%s is up to date (else run `npm run gen:docs`)', (rel) => {
    let current = '';
    try {
      current = readFileSync(join(root, rel), 'utf8');
    } catch {
      // Missing: reported as a difference below.
    }
    expect(current === docs[rel], `${rel} is stale: run \`npm run gen:docs\``).toBe(true);
  });

  it('the man page is installed with the package and covers every command', () => {
    expect(pkg.man).toBe('./ectl.1');
    const man = docs['ectl.1']!;
    for (const cmd of commands)
      expect(man).toContain(`.SS "ectl ${cmd.path().replace(/-/g, '\\-')}`);
    for (const section of ['ENVIRONMENT', '"EXIT STATUS"', '"GLOBAL OPTIONS"', '"SEE ALSO"'])
      expect(man).toContain(`.SH ${section}\n`);
  });

  it.skipIf(!which('groff'))('the man page renders without a groff warning', () => {
    const r = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z'], {
      input: docs['ectl.1'],
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
