// Noticing a member that stopped answering (SIGSTOP, a hung host) under an idle watch stream: the
// stream itself breaks only when grpc's keepalive gives up (~16 s with etcdctl's defaults). After
// `idleMs` without a response the member is asked for its status; no answer within `timeoutMs`
// means it is frozen, and the watcher resumes elsewhere.

/** When to ask (--keepalive-time) and how long to wait for the answer (--keepalive-timeout). */
export interface LivenessOptions {
  idleMs: number;
  timeoutMs: number;
}

/** Watches one stream for silence and probes its member. */
export class Liveness {
  private last = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    private readonly o: LivenessOptions,
    /** Resolves true when the member answered within `timeoutMs` (with anything at all). */
    private readonly probe: (timeoutMs: number) => Promise<boolean>,
    /** True while the stream is paused by flow control: silence then means nothing. */
    private readonly paused: () => boolean,
    private readonly frozen: (why: string) => void,
  ) {
    this.schedule(o.idleMs);
  }

  /** A response arrived: the member is alive. */
  seen(): void {
    this.last = Date.now();
  }

  /** The stream ended. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), Math.max(ms, 10));
    this.timer.unref?.();
  }

  private async check(): Promise<void> {
    const idle = Date.now() - this.last;
    if (this.paused()) return this.schedule(this.o.idleMs);
    if (idle < this.o.idleMs) return this.schedule(this.o.idleMs - idle);
    const asked = Date.now();
    const answered = await this.probe(this.o.timeoutMs);
    if (this.stopped) return;
    // A response on the stream while the probe waited proves the member alive as well.
    if (answered || this.last >= asked) return this.schedule(this.o.idleMs);
    this.frozen(`member not answering (no reply within ${this.o.timeoutMs} ms)`);
  }
}
