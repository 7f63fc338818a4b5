// `user add` and `user passwd` on a terminal (tmux): the new password asked twice without showing
// it, then --user's own prompt; a mismatch or an empty password is refused (exit 128) before
// anything is sent; --interactive=false reads one word from the terminal. The screen must never
// show a password typed at a hidden prompt. ectl shell asks once, and its Tab completion uses that
// login.
import { describe, expect, it } from 'vitest';
import { authenticate, useEtcd } from '../harness/etcd.js';
import { ECTL_BIN } from '../harness/run.js';
import { runEctl } from '../harness/run.js';
import { q, useTmux } from '../harness/tmux.js';

const etcd = useEtcd({ auth: true });
const tmux = useTmux('auth-tty');

/** ectl as root (asked for at its own prompt) in a terminal of its own; `[exit N]` at its end. */
const ectl = (name: string, ...args: string[]) => {
  const argv = [
    process.execPath,
    ECTL_BIN,
    '--endpoints',
    etcd.endpoint,
    '--user',
    'root',
    ...args,
  ];
  return tmux.session(name, `${argv.map(q).join(' ')}; echo "[exit $?]"; sleep 600`);
};

// The prompts, whatever they look like around their words.
const first = (user: string) => new RegExp(`Password of ${user}\\b`);
const again = (user: string) => new RegExp(`Type password of ${user} again for confirmation`);
// --user's prompt: `Password` alone on its line, not yet answered.
const rootPrompt = /^\W*Password\W*$/m;

async function canLogIn(user: string, password: string): Promise<boolean> {
  return authenticate(etcd.node, user, password).then(
    () => true,
    () => false,
  );
}

describe('password prompts on a terminal', () => {
  it('user add: asks twice, then for root’s password; shows none of them', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = ectl('add', 'user', 'add', 'ttyuser');
    await s.waitFor(first('ttyuser'));
    s.type('tty-Pw1');
    await s.waitFor(again('ttyuser'));
    s.type('tty-Pw1');
    await s.waitFor(rootPrompt);
    s.type('rootpw');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/User ttyuser created\n\[exit 0\]/);
    expect(done).not.toMatch(/tty-Pw1|rootpw/);
    expect(await canLogIn('ttyuser', 'tty-Pw1')).toBe(true);
  });

  it('user add: different passwords, or an empty one, are refused before connecting', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = ectl('mismatch', 'user', 'add', 'ttyother');
    await s.waitFor(first('ttyother'));
    s.type('one');
    await s.waitFor(again('ttyother'));
    s.type('two');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/Error: given passwords are different\n\[exit 128\]/);
    expect(done).not.toMatch(rootPrompt); // refused before --user's prompt
    const e = ectl('empty', 'user', 'add', 'ttyother');
    await e.waitFor(first('ttyother'));
    e.type('');
    const empty = await e.waitFor(/\[exit \d+\]/);
    expect(empty).toMatch(/Error: empty password\n\[exit 128\]/);
    expect(empty).not.toMatch(again('ttyother'));
    const listed = await runEctl(['--endpoints', etcd.endpoint, 'user', 'list'], {
      env: { ETCDCTL_USER: 'root:rootpw' },
    });
    expect(listed.stdout.toString()).not.toContain('ttyother');
  });

  it('user passwd: asks twice; --interactive=false reads one word as typed', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = ectl('passwd', 'user', 'passwd', 'alice');
    await s.waitFor(first('alice'));
    s.type('  new-Alice ');
    await s.waitFor(again('alice'));
    s.type('new-Alice');
    await s.waitFor(rootPrompt);
    s.type('rootpw');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/Password updated\n\[exit 0\]/);
    expect(done).not.toMatch(/new-Alice|rootpw/);
    // speakeasy trims what was typed, so both answers were the same password.
    expect(await canLogIn('alice', 'new-Alice')).toBe(true);

    const w = ectl('word', 'user', 'passwd', 'alice', '--interactive=false');
    w.type('third-Alice');
    await w.waitFor(rootPrompt);
    w.type('rootpw');
    expect(await w.waitFor(/\[exit \d+\]/)).toMatch(/Password updated\n\[exit 0\]/);
    expect(await canLogIn('alice', 'third-Alice')).toBe(true);
  });
});

describe('ectl shell with --user and a prompted password', () => {
  /** A shell as root, at its first prompt. */
  const shell = async (name: string) => {
    const s = ectl(name, 'shell');
    await s.waitFor(/^ectl > $/m, 15_000);
    return s;
  };
  /** Types `line`, answers the password prompt it brings with `password`. */
  const withPassword = async (s: ReturnType<typeof ectl>, line: string, password: string) => {
    s.type(line);
    await s.waitFor(/Password\W*\n?$/, 15_000);
    s.type(password);
  };
  /** Ctrl-D; what the terminal showed by the end, which must be exit 0. */
  const ended = async (s: ReturnType<typeof ectl>) => {
    s.keys('C-d');
    const done = await s.waitFor(/\[exit \d+\]/);
    expect(done).toMatch(/\[exit 0\]/);
    return done;
  };

  it('asks once; the command goes on after the prompt with Ctrl-C its own; Tab uses the login', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = await shell('shell');
    // The first line that connects asks; the watch then runs and Ctrl-C ends it, not the shell.
    await withPassword(s, 'watch /tabauth/w', 'rootpw');
    await new Promise((r) => setTimeout(r, 1000));
    await runEctl(['--endpoints', etcd.endpoint, 'put', '/tabauth/w', 'seen'], {
      env: { ETCDCTL_USER: 'root:rootpw' },
    });
    await s.waitFor(/^PUT\n\/tabauth\/w\nseen\n/m, 15_000);
    s.keys('C-c');
    // The password typed at the prompt is not typed again at the next one.
    await s.waitFor(/^seen\nectl > $/m, 15_000);
    s.type('put /tabauth/alpha 1');
    await s.waitFor(/^OK\nectl > $/m, 15_000);
    // Tab: completion's own connection could not log in (it never prompts); the shell's can.
    s.keys('-l', 'get /tabauth/al');
    s.keys('Tab');
    await s.waitFor(/^ectl > get \/tabauth\/alpha$/m, 15_000);
    s.keys('Enter');
    await s.waitFor(/^\/tabauth\/alpha\n1\nectl > $/m, 15_000);
    const done = await ended(s);
    expect(done).not.toMatch(/rootpw|unknown command/);
    expect(done.match(/Password/g)).toHaveLength(1);
  });

  it('a wrong password is not kept: the next line asks again and can log in', async (t) => {
    if (tmux.skipReason()) return t.skip();
    const s = await shell('shell-retry');
    await withPassword(s, 'get /tabauth/none', 'wrong');
    await s.waitFor(/^Error: .*authentication failed.*\nectl > $/m, 15_000);
    await withPassword(s, 'put /tabauth/retry 1', 'rootpw');
    await s.waitFor(/^OK\nectl > $/m, 15_000);
    const done = await ended(s);
    expect(done.match(/Password/g)).toHaveLength(2);
  });
});
