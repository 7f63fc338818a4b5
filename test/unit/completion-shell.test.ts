// The shell side of completion: bash's word splitting and quoting, the `__complete` protocol in
// each mode, and the `completion` command.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { completionScript } from '../../src/cli/completion/scripts.js';
import { bashInsertion, lexBashLine, splitCommand } from '../../src/cli/completion/shellwords.js';
import { builtDist } from '../harness/build.js';
import { bufferIo } from '../helpers/io.js';

const breaks = ' \t\n"\'><=;|&(:';

async function ectl(argv: string[]) {
  const b = bufferIo();
  const code = await run(argv, b.io, new AbortController().signal);
  return { code, out: b.stdout().toString(), err: b.stderr() };
}

describe('lexBashLine', () => {
  it.each([
    ['ectl get ', ['ectl', 'get', ''], '', ''],
    ['ectl get fo', ['ectl', 'get', 'fo'], 'fo', ''],
    ["ectl get 'my k", ['ectl', 'get', 'my k'], "'my k", "'"],
    ['ectl get "a\\"b', ['ectl', 'get', 'a"b'], '"a\\"b', '"'],
    ['ectl get my\\ k', ['ectl', 'get', 'my k'], 'my\\ k', ''],
    ["ectl  put 'a b' c", ['ectl', 'put', 'a b', 'c'], 'c', ''],
    ['ls | ectl g', ['ectl', 'g'], 'g', ''],
    ['ectl get k > out ', ['ectl', 'get', 'k', ''], '', ''],
  ])('%j', (line, words, raw, quote) => {
    expect(lexBashLine(line)).toEqual({ words, raw, quote });
  });
});

describe('splitCommand', () => {
  it('takes NAME=value words before the program as the environment', () => {
    expect(splitCommand(['ETCDCTL_ENDPOINTS=a:1', 'X=', 'ectl', 'get', ''])).toEqual({
      env: { ETCDCTL_ENDPOINTS: 'a:1', X: '' },
      args: ['get', ''],
    });
    expect(splitCommand(['ectl', 'put', 'a=b'])).toEqual({ env: {}, args: ['put', 'a=b'] });
    expect(splitCommand(['A=1'])).toEqual({ env: {}, args: [] });
  });
});

describe('bashInsertion', () => {
  const at = (line: string) => lexBashLine(line);
  it('escapes what the shell would split or expand, when no quote is open', () => {
    expect(bashInsertion('my key', at('ectl get my'), breaks)).toBe('my\\ key');
    expect(bashInsertion('a$b*', at('ectl get a'), breaks)).toBe('a\\$b\\*');
  });

  it('keeps only what readline holds as its word after = and :', () => {
    expect(bashInsertion('foo:bar', at('ectl get foo:b'), breaks)).toBe('bar');
    expect(bashInsertion('--write-out=json', at('ectl --write-out=j'), breaks)).toBe('json');
    // Without ':' among the word breaks, the whole word is readline's.
    expect(bashInsertion('foo:bar', at('ectl get foo:b'), ' =')).toBe('foo:bar');
  });

  it('completes inside an open quote, which readline closes itself', () => {
    expect(bashInsertion('my key', at("ectl get 'my"), breaks)).toBe('my key');
    expect(bashInsertion("it's", at("ectl get 'it"), breaks)).toBe("it'\\''s");
    expect(bashInsertion('a"$', at('ectl get "a'), breaks)).toBe('a\\"\\$');
  });
});

describe('ectl __complete', () => {
  it('words mode: candidates with descriptions, then the directive', async () => {
    expect(await ectl(['__complete', 'words', 'ectl', 'vers'])).toEqual({
      code: 0,
      out: 'version\tPrints the version of ectl\n:4\n',
      err: '',
    });
  });

  it('bash mode: the text to insert, no descriptions', async () => {
    const r = await ectl(['__complete', 'bash', 'ectl --write-out=js', breaks]);
    expect(r.out).toBe('json\n:4\n');
    expect((await ectl(['__complete', 'bash', 'ectl ver'])).out).toBe('version\n:4\n');
  });

  it('ps mode: the current word after a "c", then the words before it', async () => {
    expect((await ectl(['__complete', 'ps', 'cver', 'ectl'])).out).toContain('version\t');
    expect((await ectl(['__complete', 'ps', 'c', 'ectl', 'completion'])).out).toBe(
      'bash\nzsh\nfish\npowershell\n:4\n',
    );
  });

  it('an unknown mode is an error directive, still exit 0 and silent', async () => {
    expect(await ectl(['__complete', 'nosuch'])).toEqual({ code: 0, out: ':1\n', err: '' });
  });

  it('loads no gRPC (http2) for commands, flags and fixed values: every Tab stays fast', () => {
    const boot = JSON.stringify(join(builtDist(), 'boot.cjs'));
    const probe = `process.on('exit', () => process.stderr.write('http2=' + process.moduleLoadList.includes('NativeModule http2')));`;
    const script = `${probe} process.argv.splice(1, 0, 'ectl'); require(${boot});`;
    for (const words of [['ver'], ['get', '--c'], ['-w', '']]) {
      const argv = ['-e', script, '--', '__complete', 'words', 'ectl', ...words];
      const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
      expect(r.stderr).toBe('http2=false');
      expect(r.stdout).toMatch(/:4\n$/);
    }
  });

  it('is not offered as a command', async () => {
    expect((await ectl(['__complete', 'words', 'ectl', '_'])).out).toBe(':4\n');
  });
});

describe('ectl completion', () => {
  it.each(['bash', 'zsh', 'fish', 'powershell'] as const)('prints the %s script', async (sh) => {
    const r = await ectl(['completion', sh]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(completionScript(sh));
    expect(r.out).toContain('__complete');
  });

  it("rejects a missing, extra or unknown shell with cobra's errors, exit 1", async () => {
    const hint = "Run 'ectl completion --help' for usage.\n";
    expect(await ectl(['completion'])).toEqual({
      code: 1,
      out: '',
      err: `Error: accepts 1 arg(s), received 0\n${hint}`,
    });
    expect((await ectl(['completion', 'bash', 'zsh'])).err).toBe(
      `Error: accepts 1 arg(s), received 2\n${hint}`,
    );
    expect((await ectl(['completion', 'tcsh'])).err).toBe(
      `Error: invalid argument "tcsh" for "ectl completion"\n${hint}`,
    );
  });

  it('explains how to install each script in its help', async () => {
    const r = await ectl(['completion', '--help']);
    for (const s of ['source <(ectl completion bash)', 'compinit', '| source', 'Invoke-Expression'])
      expect(r.out).toContain(s);
  });
});
