// lease keep-alive, lock and elect with authentication: the token travels with the recipes' calls
// and on their streams (keep-alive, watch), as a user whose role covers only its own prefix.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { runEctl, spawnEctl } from '../harness/run.js';
import { killAll, msUntil, sleep } from './concurrency-kit.js';

const etcd = useEtcd({ auth: true });
const as = (user: string) => ['--endpoints', etcd.endpoint, '--user', user];

describe('with --user', () => {
  it('alice locks alice/job (waiting through a watch) and keeps a lease alive', async () => {
    const alice = as('alice:alicepw');
    const holder = spawnEctl([...alice, 'lock', 'alice/job']);
    let waiter;
    try {
      await holder.waitFor(/^alice\/job\/[0-9a-f]+\n\n$/);
      waiter = spawnEctl([...alice, 'lock', 'alice/job', 'echo', 'got']);
      await sleep(500); // queued behind the holder, waiting through a watch
      const holderExit = holder.kill('SIGINT'); // timed from the signal
      expect(await msUntil(waiter, /^got\n$/, 3000)).toBeLessThan(1000);
      await holderExit;
      expect((await waiter.exited).code).toBe(0);
      const grant = await runEctl([...alice, 'lease', 'grant', '5']);
      const id = /^lease ([0-9a-f]{16}) /.exec(grant.stdout.toString())![1]!;
      const once = await runEctl([...alice, 'lease', 'keep-alive', '--once', id]);
      expect(once.stdout.toString()).toBe(`lease ${id} keepalived with TTL(5)\n`);
    } finally {
      await killAll(holder, waiter);
    }
  });

  it('alice campaigns under alice/ and is observed; outside her prefix she is refused', async () => {
    const alice = as('alice:alicepw');
    const leader = spawnEctl([...alice, 'elect', 'alice/el', 'one']);
    const obs = spawnEctl([...alice, 'elect', '-l', 'alice/el']);
    try {
      await leader.waitFor(/one\n$/);
      await obs.waitFor(/one\n$/);
      await leader.kill('SIGTERM');
      const left = await runEctl([
        ...alice,
        'get',
        '--prefix',
        'alice/el/',
        '--count-only',
        '-w',
        'fields',
      ]);
      expect(left.stdout.toString()).toMatch(/"Count" : 0\n$/);
      const denied = await runEctl([...alice, 'lock', 'elsewhere']);
      expect([denied.code, denied.stderr]).toEqual([1, 'Error: etcdserver: permission denied\n']);
    } finally {
      await killAll(leader, obs);
    }
  });
});
