// The resilient watcher against scripted streams: a lost stream is resumed on another endpoint at
// the first revision not delivered, so every event is delivered once and in order; cancellations,
// expired tokens, a cluster that never answers and slow printers behave as specified.
import { describe, expect, it } from 'vitest';
import type { WatchRequest, WatchResponse } from '../../src/etcd/proto/gen/messages.js';
import type { StreamEnd, WatchDeps } from '../../src/etcd/watch/stream.js';
import { WatchTrack } from '../../src/etcd/watch/track.js';
import { type Delivery, Watcher } from '../../src/etcd/watch/watcher.js';

const resp = (r: Partial<WatchResponse> & { rev?: bigint }): WatchResponse => ({
  header: { cluster_id: 1n, member_id: 2n, revision: r.rev ?? 0n, raft_term: 3n },
  watch_id: 0n,
  created: false,
  canceled: false,
  compact_revision: 0n,
  cancel_reason: '',
  fragment: false,
  events: [],
  ...r,
});
const ev = (rev: bigint) => ({ type: 0, kv: { key: Buffer.from('k'), mod_revision: rev } });
const events = (id: bigint, ...revs: bigint[]) =>
  resp({ watch_id: id, rev: revs[revs.length - 1]!, events: revs.map(ev) as never });
const spec = (start = 0n) => ({
  key: Buffer.from('k'),
  range_end: new Uint8Array(0),
  start_revision: start,
  prev_kv: false,
  progress_notify: false,
});
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await tick(10))
    if (Date.now() > end) throw new Error('timed out');
}

class FakeStream {
  readonly writes: WatchRequest[] = [];
  paused = false;
  constructor(
    readonly endpointIndex: number,
    private readonly data: (r: WatchResponse) => void,
    private readonly onEnd: (e: StreamEnd) => void,
  ) {}
  get endpoint() {
    return `ep${this.endpointIndex}`;
  }
  write = (r: unknown) => void this.writes.push(r as WatchRequest);
  pause = () => void (this.paused = true);
  resume = () => void (this.paused = false);
  cancel = () => this.onEnd({ code: 1, details: 'Cancelled on client' });
  send = (...rs: WatchResponse[]) => rs.forEach((r) => this.data(r));
  drop = (code = 14, details = 'Connection dropped') => this.onEnd({ code, details });
  starts = () => this.writes.map((w) => w.create_request?.start_revision);
}

/** A cluster of `n` endpoints; `refuse` makes the next opens fail as if nothing answered. */
function fakeCluster(n = 3) {
  const streams: FakeStream[] = [];
  // `frozen`: endpoints whose member no longer answers; `dropped`: those given up as frozen.
  const state = {
    refuse: 0,
    preferred: 0,
    reauths: 0,
    frozen: new Set<number>(),
    dropped: [] as number[],
  };
  const deps: WatchDeps = {
    async open(_by, _signal, onData, onEnd) {
      await tick();
      if (state.refuse > 0) {
        state.refuse--;
        throw new Error('context deadline exceeded (ep: connection refused)');
      }
      const s = new FakeStream(state.preferred, onData, onEnd);
      streams.push(s);
      return s;
    },
    avoid: (i) => void (state.preferred = (i + 1) % n),
    reauthenticate: async () => void state.reauths++,
    answers: async (i, ms) => (state.frozen.has(i) ? (await tick(ms), false) : true),
    unresponsive: (i) => void (state.dropped.push(i), (state.preferred = (i + 1) % n)),
  };
  const last = () => streams[streams.length - 1]!;
  // Waits for the `n`th stream to carry its create request: a fixed sleep lost that race on a
  // loaded CI machine, and the test then spoke to the stream the watcher had already left.
  const opened = (n: number) => until(() => streams.length === n && last().writes.length > 0);
  return { deps, streams, state, last, opened };
}

function watcher(
  deps: WatchDeps,
  deliver?: (d: Delivery) => void | Promise<void>,
  liveness?: { idleMs: number; timeoutMs: number },
) {
  const got: Delivery[] = [];
  const warnings: string[] = [];
  const w = new Watcher(deps, {
    signal: new AbortController().signal,
    dialTimeoutMs: 50,
    initialTimeoutMs: 100,
    liveness,
    deliver: (_w, d) => (got.push(d), deliver?.(d)),
    warn: (l) => warnings.push(l),
  });
  const revs = () => got.flatMap((d) => d.resp.events.map((e) => e.kv!.mod_revision));
  return { w, got, warnings, revs };
}

describe('WatchTrack', () => {
  it('resumes after the created revision, the last event, or its own progress', () => {
    const t = new WatchTrack(spec());
    expect(t.createRequest().start_revision).toBe(0n);
    t.onCreated(resp({ created: true, rev: 10n }));
    expect(t.createRequest().start_revision).toBe(11n);
    expect(t.accept(events(1n, 11n, 12n))!.events).toHaveLength(2);
    expect(t.accept(events(1n, 12n))).toBeUndefined();
    expect(t.accept(events(1n, 12n, 13n))!.events.map((e) => e.kv!.mod_revision)).toEqual([13n]);
    t.accept(resp({ rev: 20n }), true);
    expect(t.nextRevision).toBe(14n);
    t.accept(resp({ rev: 20n }));
    expect(t.nextRevision).toBe(21n);
    const fromRev = new WatchTrack(spec(5n));
    fromRev.onCreated(resp({ created: true, rev: 2n }));
    expect(fromRev.createRequest().start_revision).toBe(5n);
  });
});

describe('Watcher', () => {
  it('resumes a lost stream on the next endpoint: every event once, in order, no warning', async () => {
    const c = fakeCluster();
    const { w, revs, warnings } = watcher(c.deps);
    w.add(spec());
    await c.opened(1);
    c.last().send(resp({ created: true, watch_id: 7n, rev: 10n }), events(7n, 11n, 12n));
    c.last().drop();
    await c.opened(2);
    expect(c.streams).toHaveLength(2);
    expect(c.last().endpointIndex).toBe(1);
    expect(c.last().starts()).toEqual([13n]);
    c.last().send(resp({ created: true, watch_id: 0n, rev: 12n }), events(0n, 12n, 13n));
    c.last().send(events(0n, 14n));
    expect(revs()).toEqual([11n, 12n, 13n, 14n]);
    expect(warnings).toEqual([]);
    w.close();
  });

  it('warns once per outage while reconnecting, and keeps trying', async () => {
    const c = fakeCluster(1);
    const { w, revs, warnings } = watcher(c.deps);
    w.add(spec(3n));
    await c.opened(1);
    c.last().send(resp({ created: true, watch_id: 1n, rev: 2n }), events(1n, 3n));
    c.state.refuse = 3;
    c.last().drop();
    await until(() => c.streams.length === 2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Warning: watch stream lost \(ep0: .*Connection dropped\); .* 4$/);
    c.last().send(resp({ created: true, watch_id: 1n, rev: 9n }), events(1n, 4n, 9n));
    expect(revs()).toEqual([3n, 4n, 9n]);
    w.close();
  });

  it('delivers a compaction on resume as etcdctl does, and ends the watch', async () => {
    const c = fakeCluster();
    const { w, got } = watcher(c.deps);
    const watch = w.add(spec(5n));
    await c.opened(1);
    c.last().send(resp({ created: true, watch_id: 1n }), events(1n, 5n));
    c.last().drop();
    await c.opened(2);
    c.last().send(resp({ created: true, watch_id: 1n }));
    c.last().send(resp({ watch_id: 1n, canceled: true, compact_revision: 9n }));
    await watch.done;
    expect(got.map((d) => d.error)).toEqual([
      undefined,
      'etcdserver: mvcc: required revision has been compacted',
    ]);
  });

  it('a create refused for an expired token: a new token, then the same watch again', async () => {
    const c = fakeCluster();
    const { w, revs } = watcher(c.deps);
    w.add(spec(4n));
    await c.opened(1);
    const reason = 'rpc error: code = Unauthenticated desc = etcdserver: invalid auth token';
    c.last().send(resp({ created: true, canceled: true, watch_id: -1n, cancel_reason: reason }));
    await c.opened(2);
    expect(c.state.reauths).toBe(1);
    expect(c.last().starts()).toEqual([4n]);
    c.last().send(resp({ created: true, watch_id: 0n }), events(0n, 4n));
    expect(revs()).toEqual([4n]);
    w.close();
  });

  it('server cancellations at creation and halting stream errors close with their text', async () => {
    const c = fakeCluster();
    const { w, got } = watcher(c.deps);
    const a = w.add(spec());
    const b = w.add(spec());
    await c.opened(1);
    c.last().send(
      resp({ created: true, canceled: true, cancel_reason: 'mvcc: watcher range is empty' }),
    );
    await a.done;
    c.last().send(resp({ created: true, watch_id: 1n, rev: 3n }));
    c.last().drop(7, 'etcdserver: permission denied');
    await b.done;
    expect(got.map((d) => [d.resp.canceled, d.error])).toEqual([
      [true, 'mvcc: watcher range is empty'],
      [true, 'etcdserver: permission denied'],
    ]);
  });

  it('fails when the first stream cannot be opened in time', async () => {
    const c = fakeCluster();
    c.state.refuse = 1;
    const { w } = watcher(c.deps);
    w.add(spec());
    await expect(w.failed).rejects.toThrow('context deadline exceeded');
  });

  it('a silent stream whose member stops answering is given up and resumed elsewhere', async () => {
    const c = fakeCluster();
    const { w, revs, warnings } = watcher(c.deps, undefined, { idleMs: 30, timeoutMs: 20 });
    w.add(spec());
    await c.opened(1);
    c.last().send(resp({ created: true, watch_id: 1n, rev: 10n }), events(1n, 11n));
    // Alive and silent: probed, answered, nothing happens.
    await tick(80);
    expect(c.streams).toHaveLength(1);
    c.state.frozen.add(0);
    await until(() => c.streams.length === 2);
    expect(c.state.dropped).toEqual([0]);
    expect(c.last().endpointIndex).toBe(1);
    expect(c.last().starts()).toEqual([12n]);
    c.last().send(resp({ created: true, watch_id: 0n, rev: 12n }), events(0n, 12n));
    expect(revs()).toEqual([11n, 12n]);
    expect(warnings).toEqual([]);
    w.close();
  });

  it('a created watch whose first stream breaks after the initial deadline resumes', async () => {
    const c = fakeCluster();
    const { w, got, revs } = watcher(c.deps);
    w.add(spec());
    await c.opened(1);
    c.last().send(resp({ created: true, watch_id: 1n, rev: 10n }));
    await tick(150); // past initialTimeoutMs (100)
    c.last().drop();
    await until(() => c.streams.length === 2);
    c.last().send(resp({ created: true, watch_id: 0n, rev: 10n }), events(0n, 11n));
    expect(revs()).toEqual([11n]);
    expect(got.some((d) => d.resp.canceled)).toBe(false);
    w.close();
  });

  it('a slow printer holds its watch back in order and pauses a stream that piles up', async () => {
    const c = fakeCluster();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { w, revs } = watcher(c.deps, (d) =>
      d.resp.events[0]!.kv!.mod_revision === 1n ? gate : undefined,
    );
    w.add(spec(1n));
    await c.opened(1);
    const s = c.last();
    s.send(resp({ created: true, watch_id: 1n }));
    for (let r = 1n; r <= 1100n; r++) s.send(events(1n, r));
    expect(revs()).toEqual([1n]);
    expect(s.paused).toBe(true);
    release();
    await until(() => revs().length === 1100);
    expect(revs()).toHaveLength(1100);
    expect(revs()[1099]).toBe(1100n);
    expect(s.paused).toBe(false);
    w.close();
  });
});
