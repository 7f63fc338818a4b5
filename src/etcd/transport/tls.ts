// TLS material from --cacert/--cert/--key, checked with etcdctl's messages and exit codes before
// anything connects.
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ClientError } from '../errors.js';
import type { ClientConfig } from '../client-config.js';

/** The PEM bytes a TLS connection needs (undefined: not given). */
export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  skipVerify: boolean;
}

const goErrno: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

function tlsError(message: string): ClientError {
  return new ClientError(message, 'tls-files');
}

function readPem(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const op = code === 'EISDIR' ? 'read' : 'open';
    throw tlsError(`${op} ${path}: ${goErrno[code] ?? (err as Error).message}`);
  }
}

/** Loads and validates the TLS files named by the global flags. */
export function loadTls(config: ClientConfig): TlsMaterial {
  if ((config.cert === '') !== (config.key === '')) {
    throw tlsError(
      `KeyFile and CertFile must both be present[key: ${config.key}, cert: ${config.cert}]`,
    );
  }
  const material: TlsMaterial = { skipVerify: config.insecureSkipTlsVerify };
  if (config.cert) {
    material.cert = readPem(config.cert);
    material.key = readPem(config.key);
  }
  if (config.cacert) material.ca = readPem(config.cacert);
  // Validating builds a secure context, which costs ~15 ms when it loads the system roots: only
  // when there is material to check.
  if (material.cert || material.ca) {
    try {
      createSecureContext({ cert: material.cert, key: material.key, ca: material.ca });
    } catch (err) {
      throw tlsError(`tls: ${(err as Error).message}`);
    }
  }
  return material;
}
