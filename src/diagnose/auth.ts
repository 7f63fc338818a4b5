// The authentication check of a diagnosis: is auth enabled, are the given credentials (or token)
// accepted, and does a request with the resulting token pass. Errors are told apart by etcd's kinds.
import type { EtcdClient } from '../etcd/client.js';
import { isEtcdError, plainMessage } from '../etcd/errors.js';
import { type Check, fail, ok } from './check.js';

/** The credentials the configuration gives (the password already asked for). */
export interface AuthInput {
  credentials?: { name: string; password: string };
  jwtToken?: string;
}

type Call = (metadata?: Record<string, string>) => {
  deadline: number;
  idempotent: boolean;
  metadata: Record<string, string>;
};

const probeKey = new TextEncoder().encode('health');
const needsUser = (err: unknown) =>
  isEtcdError(err, 'permission-denied') || /user name is empty/.test(plainMessage(err));

/** The auth check, and the metadata (token) later calls should carry. */
export async function authChecks(
  client: EtcdClient,
  input: AuthInput,
  call: Call,
): Promise<{ checks: Check[]; metadata: Record<string, string> }> {
  const read = (metadata: Record<string, string>) =>
    client.connection.unary('KV.Range', { key: probeKey, serializable: true }, call(metadata));
  const one = (c: Check, metadata: Record<string, string> = {}) => ({ checks: [c], metadata });

  if (input.jwtToken)
    return one(await tokenCheck(read, input.jwtToken, 'the --auth-jwt-token'), {
      token: input.jwtToken,
    });

  if (!input.credentials) {
    try {
      await read({});
      return one(ok('auth', 'not enabled'));
    } catch (err) {
      if (needsUser(err))
        return one(
          fail(
            'auth',
            'enabled, and no credentials were given',
            '--user NAME (the password is asked for) or --user NAME:PASSWORD',
          ),
        );
      return one(fail('auth', `a read failed: ${plainMessage(err)}`));
    }
  }

  const { name } = input.credentials;
  let token: string;
  try {
    ({ token } = await client.connection.unary<{ token: string }>(
      'Auth.Authenticate',
      input.credentials,
      call(),
    ));
  } catch (err) {
    if (isEtcdError(err, 'auth-not-enabled'))
      return one(ok('auth', `not enabled (--user ${name} is not needed)`));
    if (isEtcdError(err, 'auth-failed'))
      return one(
        fail(
          'auth',
          `enabled; user "${name}": authentication failed (wrong user name or password)`,
          `check --user and the password (as root: ectl user passwd ${name})`,
        ),
      );
    return one(fail('auth', `authentication failed: ${plainMessage(err)}`));
  }
  return one(await tokenCheck(read, token, `user "${name}"`, true), { token });
}

async function tokenCheck(
  read: (metadata: Record<string, string>) => Promise<unknown>,
  token: string,
  who: string,
  authenticated = false,
): Promise<Check> {
  const prefix = authenticated ? `enabled; ${who} authenticated, ` : '';
  try {
    await read({ token });
    return ok('auth', `${prefix}token accepted`);
  } catch (err) {
    if (isEtcdError(err, 'permission-denied'))
      return ok('auth', `${prefix}token accepted (no read permission on "health")`);
    if (isEtcdError(err, 'invalid-token'))
      return fail(
        'auth',
        `${prefix}token rejected (${plainMessage(err)})`,
        authenticated
          ? 'the members disagree on --auth-token (its JWT keys): give every member the same'
          : 'get a fresh token (it may have expired) signed with the key the server uses',
      );
    return fail('auth', `${prefix}a read with the token failed: ${plainMessage(err)}`);
  }
}
