// How a gRPC failure becomes etcdctl's message (reference §4.1): etcd's own server texts verbatim,
// the client's deadline and cancellation as Go's context errors, anything else as grpc-go renders it.
// Each error gets a typed kind once, here, so callers test `err.kind` instead of comparing texts.
// Nothing here knows exit codes: the CLI maps kinds to them (src/errors.ts).

const codeNames = [
  'OK',
  'Canceled',
  'Unknown',
  'InvalidArgument',
  'DeadlineExceeded',
  'NotFound',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
  'FailedPrecondition',
  'Aborted',
  'OutOfRange',
  'Unimplemented',
  'Internal',
  'Unavailable',
  'DataLoss',
  'Unauthenticated',
];

/** gRPC status codes used by the client logic. */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  DEADLINE_EXCEEDED: 4,
  RESOURCE_EXHAUSTED: 8,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

/** What a failure means to the caller, whatever its text. */
export type EtcdErrorKind =
  | 'invalid-token'
  | 'permission-denied'
  | 'auth-not-enabled'
  | 'auth-failed'
  | 'root-role-missing'
  | 'lease-not-found'
  | 'compacted'
  | 'future-revision'
  | 'unavailable'
  | 'deadline'
  | 'canceled'
  | 'other';

// etcd's server texts (api/v3rpc/rpctypes) that callers act on.
const kindByDetails: Readonly<Record<string, EtcdErrorKind>> = {
  'etcdserver: invalid auth token': 'invalid-token',
  'etcdserver: permission denied': 'permission-denied',
  'etcdserver: authentication is not enabled': 'auth-not-enabled',
  'etcdserver: authentication failed, invalid user ID or password': 'auth-failed',
  'etcdserver: root user does not have root role': 'root-role-missing',
  'etcdserver: requested lease not found': 'lease-not-found',
  'etcdserver: mvcc: required revision has been compacted': 'compacted',
  'etcdserver: mvcc: required revision is a future revision': 'future-revision',
};

function kindOf(code: number, details: string): EtcdErrorKind {
  const byText = kindByDetails[details];
  if (byText) return byText;
  if (code === GrpcCode.UNAVAILABLE) return 'unavailable';
  if (code === GrpcCode.DEADLINE_EXCEEDED) return 'deadline';
  if (code === GrpcCode.CANCELLED) return 'canceled';
  return 'other';
}

/** An error returned by etcd or by the transport; `message` is what etcdctl prints. */
export class EtcdError extends Error {
  readonly kind: EtcdErrorKind;

  constructor(
    message: string,
    readonly code: number,
    readonly details: string,
  ) {
    super(message);
    this.name = 'EtcdError';
    this.kind = kindOf(code, details);
  }
}

/** Whether `err` is an EtcdError of `kind`. */
export function isEtcdError(err: unknown, kind: EtcdErrorKind): err is EtcdError {
  return err instanceof EtcdError && err.kind === kind;
}

/** Why the client gave up before (or instead of) a server answered. */
export type ClientErrorKind =
  /** The TLS files cannot be read or do not fit together. */
  | 'tls-files'
  /** No endpoint, impossible message limits, or authentication failed while connecting. */
  | 'connect'
  /** DNS SRV discovery found nothing. */
  | 'discovery'
  /** A wait (lock, campaign) was cut short by the caller's signal. */
  | 'canceled'
  /** A concurrency session's lease is gone, or an election was lost. */
  | 'session';

/** A failure of the client itself, typed by kind; `message` is what etcdctl prints. */
export class ClientError extends Error {
  constructor(
    message: string,
    readonly kind: ClientErrorKind,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

/** Go's rendering of a status: `rpc error: code = Unavailable desc = ...`. */
export function rpcErrorText(code: number, details: string): string {
  return `rpc error: code = ${codeNames[code] ?? `Code(${code})`} desc = ${details}`;
}

/** Maps a status from the wire to the message etcdctl prints for it. */
export function fromStatus(code: number, details: string): EtcdError {
  // grpc-js words the receive limit differently from grpc-go, whose text etcdctl prints.
  const tooLarge = /^Received message larger than max \((\d+) vs (\d+)\)$/.exec(details);
  if (tooLarge)
    details = `grpc: received message larger than max (${tooLarge[1]} vs. ${tooLarge[2]})`;
  // The Go client turns etcd's `etcdserver: ...` texts into bare errors. A raw auth-store text
  // stays a status (3.4's maintenance RPCs without a user: `rpc error: code = Unknown desc =
  // auth: user name is empty`), as etcdctl prints it.
  if (details.startsWith('etcdserver: ') || details.startsWith('mvcc: ')) {
    return new EtcdError(details, code, details);
  }
  return new EtcdError(rpcErrorText(code, details), code, details);
}

/** The client's own deadline passed; `causes` names what went wrong per endpoint. */
export function deadlineExceeded(causes: ReadonlyMap<string, string>): EtcdError {
  const why = [...causes].map(([ep, cause]) => `${ep}: ${cause}`).join('; ');
  return new EtcdError(
    `context deadline exceeded${why ? ` (${why})` : ''}`,
    GrpcCode.DEADLINE_EXCEEDED,
    'context deadline exceeded',
  );
}

/**
 * The error text etcdctl prints for a failed call: ectl's deadline errors carry each endpoint's
 * cause in parentheses, which per-endpoint output leaves out (the endpoint is named already).
 */
export function plainMessage(err: unknown): string {
  if (
    err instanceof EtcdError &&
    err.code === GrpcCode.DEADLINE_EXCEEDED &&
    err.details === 'context deadline exceeded'
  )
    return err.details;
  return err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
}

/** The call was cancelled by a signal. */
export function canceled(): EtcdError {
  return new EtcdError('context canceled', GrpcCode.CANCELLED, 'context canceled');
}

/**
 * A short reason for a failed connection attempt, from grpc-js's "No connection established. Last
 * error: ..." text, in words an operator recognises.
 */
export function connectionCause(details: string): string {
  const m = /Last error: (.*?)(?:\. Resolution note:.*)?$/s.exec(details);
  const last = (m?.[1] ?? details)
    .replace(/ \(\d{4}-\d\d-\d\dT[^)]*\)$/, '')
    .replace(/\bError: /g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (/alert bad certificate|alert number 42|certificate required|alert number 116/i.test(last)) {
    return 'TLS handshake failed: the server rejected the client certificate (give --cert and --key)';
  }
  if (/wrong version number|packet length too long/i.test(last))
    return 'TLS handshake failed: the server does not speak TLS';
  if (/ECONNREFUSED/.test(last)) return 'connection refused';
  if (/ETIMEDOUT|timed out/i.test(last)) return 'connection timed out';
  if (/ENOTFOUND|EAI_AGAIN/.test(last)) return `cannot resolve host (${last})`;
  if (/ENOENT/.test(last)) return 'no such socket file';
  if (/certificate|SSL|TLS|self.signed|altnames|handshake|wrong version number/i.test(last))
    return `TLS handshake failed: ${last}`;
  return last;
}
