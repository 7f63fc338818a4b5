// Endpoint commands with authentication on: one client per endpoint, each authenticated, the
// password prompted once; a failed authentication as etcdctl reports it per command.
import { describe, expect, it } from 'vitest';
import { useEtcd } from '../harness/etcd.js';
import { runEctl } from '../harness/run.js';
import { both, errorLines } from './util.js';

const etcd = useEtcd({ auth: true });
const twice = () => ['--endpoints', `${etcd.endpoint},http://${etcd.endpoint}`];

describe('endpoint commands with auth', () => {
  it('root is healthy on every endpoint; the password is asked for once', async () => {
    const r = await runEctl([...twice(), '--user', 'root', 'endpoint', 'health'], {
      stdin: 'rootpw\n',
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = r.stdout.toString();
    expect(out.match(/Password: /g)).toHaveLength(1);
    expect(out.match(/ is healthy: /g)).toHaveLength(2);
    const st = await runEctl([
      ...twice(),
      '--user',
      'root:rootpw',
      'endpoint',
      'status',
      '--cluster',
    ]);
    expect(st.code).toBe(0);
    expect(st.stdout.toString().split('\n')).toHaveLength(2);
  });

  it('no user: the get of "health" is refused, so the endpoint is unhealthy', async () => {
    const { ectl, etcdctl } = await both(['--endpoints', etcd.endpoint, 'endpoint', 'health']);
    const line = `${etcd.endpoint} is unhealthy: failed to commit proposal: etcdserver: user name is empty\n`;
    expect({ err: ectl.stderr, code: ectl.code }).toEqual({
      err: `${line}Error: unhealthy cluster\n`,
      code: 1,
    });
    if (etcdctl) expect(etcdctl.stderr).toContain(line);
  });

  it('a wrong password: health reports it per endpoint (took empty), status ends with exit 2', async () => {
    const msg = 'etcdserver: authentication failed, invalid user ID or password';
    const ep = ['--endpoints', etcd.endpoint, '--user', 'root:bad'];
    const h = await both([...ep, 'endpoint', 'health', '-w', 'json']);
    expect(h.ectl.stdout.toString()).toBe(
      `[{"endpoint":"${etcd.endpoint}","health":false,"took":"","error":"${msg}"}]\n`,
    );
    expect(h.ectl.code).toBe(1);
    if (h.etcdctl) expect(h.ectl.stdout.equals(h.etcdctl.stdout)).toBe(true);
    const s = await both([...ep, 'endpoint', 'status']);
    expect({ err: s.ectl.stderr, code: s.ectl.code }).toEqual({ err: `Error: ${msg}\n`, code: 2 });
    if (s.etcdctl) expect(errorLines(s.etcdctl)).toBe(`Error: ${msg}`);
  });
});
