// Contexts in-process against the fake client: the config file (YAML, 0600, written through a
// temporary file), `ectl config` commands, precedence flag > ETCDCTL_* > context > default, the
// unknown-context error, and the guards (read-only refuses before connecting; confirm-writes wants
// a terminal or --yes).
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli.js';
import { configPath } from '../../src/cli/contexts/file.js';
import { bufferIo } from '../helpers/io.js';
import { FakeEtcd } from '../helpers/fake-client.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ectl-ctx-'));
  const path = join(dir, 'sub', 'config.yaml');
  const fake = new FakeEtcd();
  const ectl = async (argv: string[], env: Record<string, string> = {}, input?: string) => {
    const b = bufferIo({ input, env: { ECTL_CONFIG: path, ...env } });
    const code = await run(argv, b.io, new AbortController().signal, { connect: fake.connect });
    return { code, out: b.stdout().toString(), err: b.stderr() };
  };
  return { dir, path, fake, ectl };
}

describe('the config file', () => {
  it('is found at $ECTL_CONFIG, else under $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(configPath({ ECTL_CONFIG: '/x/c.yaml', HOME: '/h' })).toBe('/x/c.yaml');
    expect(configPath({ XDG_CONFIG_HOME: '/xdg', HOME: '/h' })).toBe('/xdg/ectl/config.yaml');
    expect(configPath({ HOME: '/h' })).toBe('/h/.config/ectl/config.yaml');
  });

  it('set-context writes YAML with mode 0600 and leaves no temporary file behind', async () => {
    const { path, ectl } = setup();
    const r = await ectl([
      'config',
      'set-context',
      'prod',
      '--endpoints',
      'a:1,b:2',
      '--user',
      'root',
      '--read-only',
    ]);
    expect(r).toEqual({ code: 0, out: 'Context "prod" created.\n', err: '' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(path, '..'))).toEqual(['config.yaml']);
    expect(readFileSync(path, 'utf8')).toBe(
      'current-context: ""\ncontexts:\n  - name: prod\n    endpoints:\n      - a:1\n      - b:2\n    user: root\n    read-only: true\n',
    );
    // --read-only=false clears the guard; only the keys given change.
    await ectl(['config', 'set-context', 'prod', '--read-only=false', '--namespace', 'n/']);
    expect(readFileSync(path, 'utf8')).toContain('user: root\n    namespace: n/\n');
    expect(readFileSync(path, 'utf8')).not.toContain('read-only');
  });

  it('refuses a password in --user: passwords are never stored', async () => {
    const { ectl } = setup();
    const r = await ectl(['config', 'set-context', 'x', '--user', 'root:secret']);
    expect(r.code).toBe(128);
    expect(r.err).toBe('Error: --user must not hold a password: use --password-file\n');
    const w = await ectl(['config', 'set-context', 'x', '--write-out', 'yaml']);
    expect([w.code, w.err]).toEqual([
      128,
      'Error: --write-out must be one of fields, json, protobuf, simple, table\n',
    ]);
  });

  it('use, current, rename, delete, get-contexts (table and -o json)', async () => {
    const { ectl } = setup();
    await ectl(['config', 'set-context', 'a', '--endpoints', 'h:1', '--confirm-writes']);
    await ectl(['config', 'set-context', 'b', '--namespace', 'p/', '--strict']);
    expect((await ectl(['config', 'current-context'])).code).toBe(1);
    expect((await ectl(['config', 'use-context', 'a'])).out).toBe('Switched to context "a".\n');
    expect((await ectl(['config', 'current-context'])).out).toBe('a\n');
    expect((await ectl(['config', 'get-contexts'])).out).toBe(
      [
        'CURRENT  NAME  ENDPOINTS  USER  NAMESPACE  GUARDS',
        '*        a     h:1                         confirm-writes',
        '         b                      p/         strict',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await ectl(['config', 'get-contexts', '-o', 'json'])).out);
    expect(json.current_context).toBe('a');
    expect(json.contexts[1]).toMatchObject({ name: 'b', namespace: 'p/', strict: true });
    expect((await ectl(['config', 'get-contexts', '-w', 'json'])).out).toBe(
      (await ectl(['config', 'get-contexts', '-o', 'json'])).out,
    );
    expect((await ectl(['config', 'rename-context', 'a', 'c'])).code).toBe(0);
    expect((await ectl(['config', 'current-context'])).out).toBe('c\n');
    expect((await ectl(['config', 'delete-context', 'c'])).out).toBe('Deleted context "c".\n');
    expect((await ectl(['config', 'get-contexts', '-o', 'key'])).out).toBe('b\n');
    expect((await ectl(['config', 'use-context', 'zz'])).err).toBe(
      'Error: context "zz" not found (ectl config get-contexts lists them)\n',
    );
  });

  it('view shows no password, even one written by hand into user', async () => {
    const { path, ectl } = setup();
    await ectl(['config', 'set-context', 'a', '--endpoints', 'h:1']);
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('name: a', 'name: a\n    user: u:hunter2'),
    );
    const r = await ectl(['config', 'view']);
    expect(r.out).toContain('user: u:<redacted>');
    expect(r.out).not.toContain('hunter2');
  });

  it('import saves the ETCDCTL_* variables and flags, without the password', async () => {
    const { path, ectl } = setup();
    const r = await ectl(['--cacert', 'ca.pem', 'config', 'import', 'env'], {
      ETCDCTL_ENDPOINTS: 'x:1,y:2',
      ETCDCTL_USER: 'root:pw',
    });
    expect(r.code).toBe(0);
    expect(r.err).toContain('The password was not saved');
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(
      'endpoints:\n      - x:1\n      - y:2\n    cacert: ca.pem\n    user: root\n',
    );
    expect(text).not.toContain('pw');
  });
});

describe('using a context', () => {
  it('precedence: flag > ETCDCTL_* > context > default', async () => {
    const { fake, ectl } = setup();
    await ectl(['config', 'set-context', 'c', '--endpoints', 'ctx:1', '--write-out', 'json']);
    const seen: string[][] = [];
    const connect = fake.connect;
    fake.connect = async (config, hooks) => (seen.push(config.endpoints), connect(config, hooks));
    await ectl(['--context', 'c', 'get', 'k']);
    await ectl(['get', 'k'], { ECTL_CONTEXT: 'c', ETCDCTL_ENDPOINTS: 'env:1' });
    await ectl(['--context', 'c', '--endpoints', 'flag:1', 'get', 'k']);
    await ectl(['get', 'k']);
    expect(seen).toEqual([['ctx:1'], ['env:1'], ['flag:1'], ['127.0.0.1:2379']]);
    // The context's write-out applies; -w on the command line wins.
    expect((await ectl(['--context', 'c', 'put', 'k', 'v'])).out).toMatch(/^\{"header"/);
    expect((await ectl(['--context', 'c', 'put', 'k', 'v', '-w', 'simple'])).out).toBe('OK\n');
  });

  it("password-file gives the context's user a password; strict comes from the context", async () => {
    const { dir, fake, ectl } = setup();
    const pw = join(dir, 'pw');
    writeFileSync(pw, 's3cret\n');
    await ectl(['config', 'set-context', 'a', '--user', 'root', '--password-file', pw, '--strict']);
    const seen: [string, string][] = [];
    const connect = fake.connect;
    fake.connect = async (config, hooks) => (
      seen.push([config.user, config.password]),
      connect(config, hooks)
    );
    const r = await ectl(['--context', 'a', 'get', 'missing']);
    expect([r.code, r.err]).toEqual([1, 'Error: key "missing" not found\n']);
    // Another user given: the context's password file is not used for it.
    await ectl(['--context', 'a', '--user', 'bob:pw', 'get', 'k']);
    expect(seen).toEqual([
      ['root', 's3cret'],
      ['bob:pw', ''],
    ]);
    expect(readFileSync(join(dir, 'sub', 'config.yaml'), 'utf8')).not.toContain('s3cret');
  });

  it('an unknown context: the error, exit 1, nothing connected', async () => {
    const { fake, ectl } = setup();
    for (const r of [
      await ectl(['--context', 'nope', 'get', 'k']),
      await ectl(['get', 'k'], { ECTL_CONTEXT: 'nope' }),
    ])
      expect(r).toEqual({
        code: 1,
        out: '',
        err: 'Error: context "nope" not found (ectl config get-contexts lists them)\n',
      });
    expect(fake.connects).toBe(0);
  });

  it('read-only: writes refused before connecting, reads work', async () => {
    const { fake, ectl } = setup();
    await ectl(['config', 'set-context', 'prod', '--read-only']);
    await ectl(['config', 'use-context', 'prod']);
    const refused = [
      [['put', 'k', 'v'], 'put'],
      [['del', 'k'], 'del'],
      [['lease', 'grant', '10'], 'lease grant'],
      [['compaction', '5'], 'compaction'],
      [['member', 'remove', '1'], 'member remove'],
      [['user', 'delete', 'bob'], 'user delete'],
      [['elect', 'e', 'me'], 'elect'],
    ] as const;
    for (const [argv, what] of refused)
      expect(await ectl([...argv])).toEqual({
        code: 1,
        out: '',
        err: `Error: context "prod" is read-only: ${what} would write\n`,
      });
    expect(fake.connects).toBe(0);
    const txn = await ectl(['txn'], {}, '\nput a b\n\n\n');
    expect(txn.err).toBe('Error: context "prod" is read-only: txn would write\n');
    expect(fake.connects).toBe(0);
    expect((await ectl(['get', 'k'])).code).toBe(0);
    // A txn that only reads is sent (the fake answers no txn: its error shows it was sent).
    expect((await ectl(['txn'], {}, '\nget a\n\n\n')).err).toContain('the fake does not answer');
  });

  it('confirm-writes without a terminal: destructive commands need --yes; del counts first', async () => {
    const { fake, ectl } = setup();
    await ectl(['config', 'set-context', 'c', '--confirm-writes']);
    await ectl(['config', 'use-context', 'c']);
    expect((await ectl(['put', 'a/1', 'v'])).code).toBe(0); // not destructive
    await ectl(['put', 'a/2', 'v']);
    const r = await ectl(['del', '--prefix', 'a/']);
    expect(r).toEqual({
      code: 1,
      out: '',
      err: 'Error: context "c" asks to confirm del (delete 2 keys) and there is no terminal to ask on; add --yes to confirm\n',
    });
    expect(fake.kvs.size).toBe(2);
    expect((await ectl(['compaction', '1'])).err).toBe(
      'Error: context "c" asks to confirm compaction and there is no terminal to ask on; add --yes to confirm\n',
    );
    expect(await ectl(['del', '--prefix', 'a/', '--yes'])).toEqual({
      code: 0,
      out: '2\n',
      err: '',
    });
    expect(fake.kvs.size).toBe(0);
  });
});

describe('completion of context names', () => {
  it('--context, config use-context and delete-context offer the names', async () => {
    const { path, ectl } = setup();
    await ectl(['config', 'set-context', 'prod', '--endpoints', 'e:1']);
    await ectl(['config', 'set-context', 'dev']);
    const { buildProgram } = await import('../../src/commands/index.js');
    const { candidatesFor } = await import('../../src/cli/completion/run.js');
    const io = { env: { ECTL_CONFIG: path }, now: () => performance.now() };
    const program = await buildProgram(bufferIo().io);
    const names = async (words: string[]) =>
      (await candidatesFor(program, ['ectl', ...words], io)).candidates.map((c) => c.value);
    expect(await names(['--context', ''])).toEqual(['prod', 'dev']);
    expect(await names(['--context', 'p'])).toEqual(['prod']);
    expect(await names(['config', 'use-context', ''])).toEqual(['prod', 'dev']);
    expect(await names(['config', 'delete-context', 'd'])).toEqual(['dev']);
  });
});

describe('which commands write (.writes() on the command)', () => {
  it('marks exactly the writers of the etcdctl family, the destructive ones with a question', async () => {
    const { buildProgram } = await import('../../src/commands/index.js');
    type Node = Awaited<ReturnType<typeof buildProgram>>;
    const marks: Record<string, string> = {};
    const walk = (n: Node) => {
      for (const c of n.subs) {
        if (c.writeMark) {
          const when = typeof c.writeMark.when === 'function' ? 'depends' : c.writeMark.when;
          marks[c.path()] = `${when}${c.writeMark.confirm ? `/${c.writeMark.confirm}` : ''}`;
        }
        walk(c);
      }
    };
    walk(await buildProgram(bufferIo().io));
    expect(marks).toEqual({
      put: 'true',
      del: 'true/handler',
      txn: 'handler/handler',
      compaction: 'true/before',
      'lease grant': 'true',
      'lease revoke': 'true',
      'lease keep-alive': 'true',
      'alarm disarm': 'true',
      defrag: 'true/before',
      'member add': 'true',
      'member remove': 'true/before',
      'member update': 'true',
      'member promote': 'true',
      'move-leader': 'true/before',
      'downgrade enable': 'true',
      'downgrade cancel': 'true',
      elect: 'depends',
      lock: 'true',
      'auth enable': 'true',
      'auth disable': 'true/before',
      'user add': 'true',
      'user delete': 'true/before',
      'user passwd': 'true',
      'user grant-role': 'true',
      'user revoke-role': 'true',
      'role add': 'true',
      'role delete': 'true/before',
      'role grant-permission': 'true',
      'role revoke-permission': 'true',
      'check perf': 'true',
      'check datascale': 'true',
      'make-mirror': 'true',
      register: 'true',
      edit: 'true',
      import: 'true',
    });
  });
});

describe('writing through a symlink', () => {
  it('replaces the file the link points to and keeps the link', async () => {
    const { symlinkSync, lstatSync, mkdirSync } = await import('node:fs');
    const { dir, path, ectl } = setup();
    const real = join(dir, 'dotfiles', 'ectl.yaml');
    mkdirSync(join(dir, 'dotfiles'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(real, 'contexts: []\n');
    symlinkSync(real, path);
    expect((await ectl(['config', 'set-context', 'a'])).code).toBe(0);
    expect(lstatSync(path).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('- name: a');
    expect(statSync(real).mode & 0o777).toBe(0o600);
  });
});
