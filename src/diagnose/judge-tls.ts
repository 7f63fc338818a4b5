// Turns what a TLS handshake showed into checks with fixes: who signed the certificate and whether
// it is trusted, whether it names the host, its validity window (and expiry within 30 days), and
// whether the server accepted our client certificate, or wanted one.
import { type Check, fail, ok, warn } from './check.js';
import type { CertFacts } from './tls.js';

const DAY_MS = 24 * 3600 * 1000;
/** Certificates expiring sooner than this get a warning. */
export const EXPIRY_WARNING_DAYS = 30;

// OpenSSL's verification errors that mean "nobody we trust signed this".
const UNTRUSTED =
  /UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT|CERT_SIGNATURE_FAILURE|CERT_UNTRUSTED|unable to verify|self.signed/i;
// The alerts a server sends when it wants a client certificate or refuses ours.
const CLIENT_CERT_ALERT =
  /ALERT_BAD_CERTIFICATE|CERTIFICATE_REQUIRED|ALERT_UNKNOWN_CA|ALERT_HANDSHAKE_FAILURE|ALERT_ACCESS_DENIED|ALERT_CERTIFICATE_UNKNOWN|alert number (42|40|46|48|49|116)/i;

/** What the judgement needs besides the certificate. */
export interface TlsContext {
  host: string;
  /** Whether --cacert, --cert were given, and --insecure-skip-tls-verify. */
  caGiven: boolean;
  certGiven: boolean;
  skipVerify: boolean;
}

function day(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whether a handshake or socket error is the server refusing (or wanting) a client certificate. */
export function isClientCertAlert(code: string, message: string): boolean {
  return CLIENT_CERT_ALERT.test(code) || CLIENT_CERT_ALERT.test(message);
}

/** The trust check: is the chain signed by a CA we trust, and does the certificate name the host. */
export function trustCheck(
  facts: CertFacts,
  authorizationError: string | undefined,
  namesHost: boolean,
  ctx: TlsContext,
): Check {
  const soft = ctx.skipVerify ? warn : fail;
  if (authorizationError && UNTRUSTED.test(authorizationError)) {
    const by = facts.issuer ? ` ("${facts.issuer}")` : '';
    const detail = `certificate signed by unknown authority${by}`;
    if (ctx.skipVerify) return warn('tls', `${detail}; not verified (--insecure-skip-tls-verify)`);
    return fail(
      'tls',
      detail,
      ctx.caGiven
        ? `the --cacert file does not hold the CA that signed the server's certificate${by}: pass that CA's file`
        : `--cacert ca.pem (the CA that signed the server's certificate${by})`,
    );
  }
  if (!namesHost) {
    const names = facts.sans || `CN=${facts.subject}`;
    return soft(
      'tls',
      `certificate is for ${names}, not ${ctx.host}`,
      ctx.skipVerify
        ? ''
        : `connect by a name the certificate lists, or reissue it with ${/^[\d.]+$|:/.test(ctx.host) ? 'IP' : 'DNS'}:${ctx.host} in its subjectAltName`,
    );
  }
  return ok('tls', `verified (issuer "${facts.issuer}")`);
}

/** The validity window: not yet valid or expired fail; expiry within 30 days warns. */
export function validityCheck(facts: CertFacts, now: Date): Check {
  const { validFrom, validTo } = facts;
  if (now < validFrom)
    return fail(
      'certificate',
      `not valid before ${day(validFrom)}`,
      'check the clocks of this machine and of the server, or reissue the certificate',
    );
  if (now > validTo)
    return fail(
      'certificate',
      `expired on ${day(validTo)}`,
      'renew the server certificate (etcd --cert-file) and restart etcd',
    );
  const days = Math.floor((validTo.getTime() - now.getTime()) / DAY_MS);
  if (days < EXPIRY_WARNING_DAYS)
    return warn(
      'certificate',
      `expires in ${days} day${days === 1 ? '' : 's'} (${day(validTo)})`,
      `renew the server certificate before ${day(validTo)}`,
    );
  return ok('certificate', `valid until ${day(validTo)} (${days} days)`);
}

/** The client certificate: refused or missing (an alert after the handshake), or accepted. */
export function clientCertCheck(alert: string | undefined, ctx: TlsContext): Check {
  if (alert !== undefined) {
    return ctx.certGiven
      ? fail(
          'client cert',
          `the server rejected the client certificate (${alert})`,
          "use a client certificate signed by the CA of the server's --trusted-ca-file",
        )
      : fail(
          'client cert',
          `the server requires a client certificate (${alert})`,
          '--cert client.pem --key client-key.pem (signed by the CA the server trusts)',
        );
  }
  return ok('client cert', ctx.certGiven ? 'accepted' : 'none required');
}

/** A short name for an alert ("bad certificate") from OpenSSL's code or message. */
export function alertName(code: string, message: string): string {
  const m = /alert ([a-z ]+?)(?::|$)/i.exec(message) ?? /ALERT_([A-Z_]+)$/.exec(code);
  return (m?.[1] ?? code).toLowerCase().replace(/_/g, ' ').trim();
}
