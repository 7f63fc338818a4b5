// The guardian of a command run under a lock or leadership (exec/supervise.ts), with real child
// processes but no etcd: it reports the command's end, terminates it at its deadline (moved later
// by every confirmed renewal), on stop (SIGKILL after the grace when SIGTERM is ignored), passes
// signals on, and reports start failures in os/exec's words.
import { describe, expect, it } from 'vitest';
import { type Supervised, superviseCommand } from '../../src/exec/supervise.js';
import { bufferIo } from '../helpers/io.js';

const env = { PATH: '/usr/bin:/bin' };

async function start(script: string, graceMs = 5000) {
  const b = bufferIo({ env });
  const s = await superviseCommand(['sh', '-c', script], { X: 'from-ectl' }, b.io, graceMs);
  if ('text' in s) throw new Error(s.text);
  return { s: s as Supervised, out: () => b.stdout().toString() };
}

const READY = 'echo up; while :; do sleep 0.05; done';

async function ready(out: () => string): Promise<void> {
  for (let i = 0; i < 200 && !out().includes('up'); i++)
    await new Promise((r) => setTimeout(r, 25));
}

describe('superviseCommand', () => {
  it('runs the command with the extra environment and reports its exit status', async () => {
    const { s, out } = await start('echo "$X"; exit 3');
    expect(await s.done).toEqual({ failure: { text: 'exit status 3', status: 3 } });
    expect(out()).toBe('from-ectl\n');
  });

  it('a command that succeeds: no failure, no reason', async () => {
    const { s } = await start('true');
    expect(await s.done).toEqual({ failure: undefined });
  });

  it('terminates at the deadline unless a renewal moved it later', async () => {
    const { s, out } = await start(READY);
    await ready(out);
    const t0 = Date.now();
    s.deadline(t0 + 300);
    s.deadline(t0 + 800); // a renewal came in
    const end = await s.done;
    expect(end).toEqual({
      failure: { text: 'signal: terminated', signal: 'SIGTERM' },
      why: 'deadline',
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(750);
  });

  it('stop: SIGTERM, then SIGKILL after the grace when SIGTERM is ignored', async () => {
    const { s, out } = await start(`trap "" TERM; ${READY}`, 600);
    await ready(out);
    const t0 = Date.now();
    s.stop();
    expect(await s.done).toEqual({
      failure: { text: 'signal: killed', signal: 'SIGKILL' },
      why: 'stop',
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550);
  });

  it('passes a signal on without a reason of its own', async () => {
    const { s, out } = await start(`trap "echo INT; exit 9" INT; ${READY}`);
    await ready(out);
    s.signal('SIGINT');
    expect(await s.done).toEqual({ failure: { text: 'exit status 9', status: 9 } });
    expect(out()).toBe('up\nINT\n');
  });

  it('a command not found: os/exec’s error, nothing started', async () => {
    const b = bufferIo({ env });
    const s = await superviseCommand(['no-such-command-xyz'], {}, b.io, 1000);
    expect(s).toEqual({ text: 'exec: "no-such-command-xyz": executable file not found in $PATH' });
  });
});
