// `txn -i` on a terminal, driven through tmux (a real pseudo-terminal): lines are checked as they
// are entered and a bad one is asked again with its reason, `?` prints the grammar, the summary is
// confirmed before the commit; discarding or Ctrl-C sends nothing. Without tmux (test/harness/tmux.ts
// installs it when it can) the file is skipped with a message.
import { describe, expect, it } from 'vitest';
import { gateway, useEtcd } from '../harness/etcd.js';
import { ECTL_BIN } from '../harness/run.js';
import { useTmux } from '../harness/tmux.js';

const terminals = useTmux('txn-tty');

/** One tmux session running `ectl txn -i`; `[ended with 0]` or `[ended by SIGINT]` follows. */
function session(name: string, endpoint: string) {
  return terminals.run(name, [process.execPath, ECTL_BIN, '--endpoints', endpoint, 'txn', '-i']);
}

const etcd = useEtcd();

async function valueOf(key: string): Promise<string | undefined> {
  const res = await gateway<{ kvs?: { value?: string }[] }>(etcd.node, '/v3/kv/range', {
    key: Buffer.from(key).toString('base64'),
  });
  const v = res?.kvs?.[0]?.value;
  return v === undefined ? undefined : Buffer.from(v, 'base64').toString();
}

describe('txn -i on a terminal', () => {
  it('re-asks a bad line with its reason, shows help and a summary, then commits', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = session('commit', etcd.endpoint);
    await s.waitFor(/Transaction editor[^]*compare 1/);
    s.type('mod(tty/k) > "0"');
    await s.waitFor(/the key must be a quoted string/);
    s.keys('C-a', 'C-k');
    s.type('?');
    await s.waitFor(/Compare lines:[^]*Request lines:/);
    s.type('ver("tty/k") = "0"');
    await s.waitFor(/= ver\("tty\/k"\) = 0/);
    s.type('');
    await s.waitFor(/success 1/);
    s.type('get --foo k');
    await s.waitFor(/unknown flag: --foo \(invalid txn request: get --foo k\)/);
    s.keys('C-a', 'C-k');
    s.type('put tty/k "hello world" --prev-kv');
    await s.waitFor(/= put "tty\/k" = "hello world" \(returning the previous value\)/);
    s.type('');
    await s.waitFor(/failure 1/);
    s.type("put tty/k 'other value'");
    s.type('');
    const summary = await s.waitFor(/Send this transaction\?/);
    expect(summary).toMatch(
      /Transaction:\n {2}if all of:\n {4}ver\("tty\/k"\) = 0\n {2}then:\n {4}put "tty\/k" = "hello world" \(returning the previous value\)\n {2}else:\n {4}put "tty\/k" = "other value"\n/,
    );
    expect(await valueOf('tty/k')).toBeUndefined();
    s.type('');
    const done = await s.waitFor(/\[ended .*\]/);
    expect(done).toMatch(/SUCCESS\n\nOK\n\[ended with 0\]/);
    expect(await valueOf('tty/k')).toBe('hello world');
  });

  it('keeps every line of a transaction pasted at once', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = session('paste', etcd.endpoint);
    await s.waitFor(/compare 1/);
    const lines = [
      'ver("tty/p1") = "0"',
      '',
      'put tty/p1 one',
      'put tty/p2 two',
      '',
      'get tty/p1',
      '',
    ];
    for (const l of lines) s.type(l);
    const summary = await s.waitFor(/Send this transaction\?/);
    expect(summary).toContain(
      'then:\n    put "tty/p1" = "one"\n    put "tty/p2" = "two"\n  else:\n    get "tty/p1"\n',
    );
    s.type('');
    expect(await s.waitFor(/\[ended .*\]/)).toMatch(/SUCCESS\n\nOK\n\nOK\n\[ended with 0\]/);
    expect([await valueOf('tty/p1'), await valueOf('tty/p2')]).toEqual(['one', 'two']);
  });

  it('discarding sends nothing (exit 1)', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = session('discard', etcd.endpoint);
    await s.waitFor(/compare 1/);
    s.type('');
    await s.waitFor(/success 1/);
    s.type('put tty/discarded x');
    s.type('');
    await s.waitFor(/failure 1/);
    s.type('');
    await s.waitFor(/Send this transaction\?/);
    s.keys('Down', 'Down');
    s.type('');
    const done = await s.waitFor(/\[ended .*\]/);
    expect(done).toMatch(/Error: transaction discarded: nothing was sent\n\[ended with 1\]/);
    expect(await valueOf('tty/discarded')).toBeUndefined();
  });

  it('Ctrl-C quits without sending anything: killed by SIGINT, as a Ctrl-C kills etcdctl', async (t) => {
    if (terminals.skipReason()) return t.skip();
    const s = session('interrupt', etcd.endpoint);
    await s.waitFor(/compare 1/);
    s.type('');
    await s.waitFor(/success 1/);
    s.type('put tty/interrupted x');
    await s.waitFor(/success 2/);
    s.keys('C-c');
    expect(await s.waitForEnd()).toEqual({ signal: 'SIGINT' });
    expect(s.screen()).not.toMatch(/Error:/);
    expect(await valueOf('tty/interrupted')).toBeUndefined();
  });
});
