// One grpc-js channel to one endpoint, configured as etcdctl's client is: message limits, keepalive,
// credentials, and grpc-js's own retries and channelz off.
import * as grpc from '@grpc/grpc-js';
import type { Endpoint } from './endpoints.js';
import type { ConnectionOptions } from './connection.js';

/** Creates the channel (a grpc-js Client) for one endpoint, with TLS or in plaintext. */
export function newChannel(ep: Endpoint, o: ConnectionOptions, tls: boolean): grpc.Client {
  const options: grpc.ChannelOptions = {
    'grpc.max_receive_message_length': o.maxRecvBytes,
    'grpc.max_send_message_length': -1,
    // grpc-go raises keepalive pings below 10 s to 10 s, and etcd answers pings more frequent
    // than its 5 s minimum with GOAWAY: never ping faster.
    'grpc.keepalive_time_ms': Math.max(o.keepaliveTimeMs, 10_000),
    'grpc.keepalive_timeout_ms': o.keepaliveTimeoutMs,
    'grpc.keepalive_permit_without_calls': 0,
    'grpc.initial_reconnect_backoff_ms': 100,
    'grpc.max_reconnect_backoff_ms': 1000,
    'grpc.enable_retries': 0,
    'grpc.enable_channelz': 0,
    'grpc.use_local_subchannel_pool': 1,
  };
  if (tls && ep.serverName) options['grpc.ssl_target_name_override'] = ep.serverName;
  const t = o.tls;
  const creds = tls
    ? grpc.credentials.createSsl(
        t?.ca ?? null,
        t?.key ?? null,
        t?.cert ?? null,
        t?.skipVerify ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {},
      )
    : grpc.credentials.createInsecure();
  return new grpc.Client(ep.target, creds, options);
}
