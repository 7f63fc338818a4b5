// The direct path's streams opened ahead, for a client that makes many calls in a row (`ectl
// batch`): once two calls in a row had the same method and metadata, a third such stream is opened
// while the second waits for its answer, and the next such call only writes its request on it.
// Opening a stream is most of node:http2's cost for a call (~75 µs here), and it then falls outside
// the time between one answer and the next request. Alternating methods (put, get, put...) or a
// one-off call (Authenticate) would only open streams to reset them, hence the repeat.
//
// A stream opened ahead carries no request: etcd runs nothing for it until one is written, and it
// is reset (an empty end of stream, then RST_STREAM) when the next call does not match or the
// channel closes. It has no grpc-timeout header, since its call's deadline is not known yet; the
// call's own timer still resets the stream at the deadline, and etcd then stops as it would have.
import * as http2 from 'node:http2';

/** What a call finds: the stream opened for its headers, and whether it repeats the call before. */
export interface Taken {
  stream?: http2.ClientHttp2Stream;
  repeated: boolean;
}

/** At most one stream opened ahead, for the headers of the last call. */
export class StreamsAhead {
  private ahead?: { key: string; stream: http2.ClientHttp2Stream };
  private lastKey?: string;
  private closing = false;

  /** For a call with headers `key`: the stream opened for them, if one is (any other is reset). */
  take(key: string): Taken {
    const repeated = key === this.lastKey;
    this.lastKey = key;
    const ahead = this.ahead;
    this.ahead = undefined;
    if (!ahead) return { repeated };
    const { stream } = ahead;
    if (ahead.key === key && !stream.closed && !stream.destroyed) return { stream, repeated };
    if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
    return { repeated };
  }

  /** Opens the stream that the next call with headers `key` will take. */
  open(session: http2.ClientHttp2Session, key: string, headers: http2.OutgoingHttpHeaders): void {
    if (this.ahead || this.closing || session.closed || session.destroyed) return;
    const stream = session.request(headers, { endStream: false });
    stream.on('error', () => undefined);
    this.ahead = { key, stream };
  }

  /**
   * Resets the stream opened ahead, and opens none from now on (the channel is closing); true when
   * there was one, whose reset goes out with the connection's next write.
   */
  reset(): boolean {
    this.closing = true;
    const stream = this.ahead?.stream;
    this.ahead = undefined;
    if (!stream || stream.closed) return false;
    stream.close(http2.constants.NGHTTP2_CANCEL);
    return true;
  }
}
