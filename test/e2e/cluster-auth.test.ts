// The cluster maintenance commands with authentication on, against etcdctl 3.4.23 on the same
// node: no user, a user without the root role, root, and a wrong password. defrag and move-leader
// make a client per endpoint: each must carry the token, and the password is asked for once.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { hasEtcdctl, runEctl, runEtcdctl } from '../harness/run.js';
import { both, quiet } from './util.js';

const etcd = useEtcd({ auth: true });
const ep = () => ['--endpoints', etcd.endpoint];
/** main's defrag lines as 3.4 printed them: without `. took <duration>`. */
const as34 = (s: string) => s.replace(/\. took \S+$/gm, '').replace(/\]\. took \S+\. \(/g, '] (');

async function memberId(): Promise<string> {
  const r = await runEctl([...ep(), '--user', 'root:rootpw', 'member', 'list']);
  return r.stdout.toString().split(',')[0]!;
}

describe('cluster maintenance commands with auth', () => {
  it('each user gets what etcdctl gets: output, error and exit code', async () => {
    const id = await memberId();
    const commands = [
      ['member', 'remove', '1234'],
      ['member', 'promote', '1234'],
      ['member', 'update', '1234', '--peer-urls=http://127.0.0.1:1'],
      ['alarm', 'list'],
      ['alarm', 'disarm'],
      ['defrag'],
      ['defrag', '--cluster'],
      ['move-leader', id],
    ];
    for (const user of [[], ['--user', 'alice:alicepw'], ['--user', 'root:rootpw']]) {
      for (const cmd of commands) {
        const what = [...user, ...cmd].join(' ');
        // One after the other: ectl and etcdctl changing the same member at once made etcd answer
        // one of them `request timed out` on a busy machine.
        const ectl = await runEctl([...ep(), ...user, ...cmd]);
        const etcdctl = hasEtcdctl() ? await runEtcdctl([...ep(), ...user, ...cmd]) : undefined;
        expect(ectl.stderr, what).toMatch(/^(Error: [^\n]+\n|Failed to defragment [^\n]+\n)?$/);
        if (!etcdctl) continue;
        expect([as34(ectl.stdout.toString()), as34(ectl.stderr), ectl.code], what).toEqual([
          etcdctl.stdout.toString(),
          quiet(etcdctl),
          etcdctl.code,
        ]);
      }
    }
  });

  it('root: defrag and move-leader succeed through per-endpoint clients; one prompt', async () => {
    const id = await memberId();
    const eps = ['--endpoints', `${etcd.endpoint},http://${etcd.endpoint}`];
    const d = await runEctl([...eps, '--user', 'root', 'defrag'], { stdin: 'rootpw\n' });
    expect([d.stderr, d.code]).toEqual(['', 0]);
    const out = d.stdout.toString();
    expect(out.match(/Password: /g)).toHaveLength(1);
    expect(out.match(/Finished defragmenting/g)).toHaveLength(2);
    const m = await runEctl([...eps, '--user', 'root', 'move-leader', id], { stdin: 'rootpw\n' });
    expect([m.stderr, m.code]).toEqual(['', 0]);
    expect(m.stdout.toString()).toBe(`Password: \nLeadership transferred from ${id} to ${id}\n`);
  });

  it('a wrong password ends each command at authentication, exit 2, as etcdctl', async () => {
    for (const cmd of [
      ['member', 'remove', '1'],
      ['alarm', 'list'],
      ['defrag'],
      ['move-leader', '1'],
    ]) {
      const { ectl, etcdctl } = await both([...ep(), '--user', 'root:nope', ...cmd]);
      expect([ectl.stderr, ectl.code]).toEqual([
        'Error: etcdserver: authentication failed, invalid user ID or password\n',
        2,
      ]);
      if (etcdctl) expect([quiet(etcdctl), etcdctl.code]).toEqual([ectl.stderr, 2]);
    }
  });
});
