// doctor's pure parts: endpoint parsing, what a server's first bytes say, the peer port's answer,
// the certificate and client-certificate judgements, DB size against quota, raft lag between
// members, and the human report.
import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { parseTarget } from '../../src/diagnose/target.js';
import {
  classifiable,
  httpComplete,
  H2_PREFACE,
  peerMembers,
  speakerOf,
} from '../../src/diagnose/wire.js';
import {
  alertName,
  clientCertCheck,
  isClientCertAlert,
  trustCheck,
  validityCheck,
} from '../../src/diagnose/judge-tls.js';
import { dbCheck, lagChecks } from '../../src/diagnose/judge-cluster.js';
import type { StatusResponse } from '../../src/etcd/proto/gen/messages.js';
import { renderDoctor } from '../../src/output/human/doctor.js';
import type { CertFacts } from '../../src/diagnose/tls.js';

const plain = new Chalk({ level: 0 });

describe('parseTarget', () => {
  it('reads host:port, URLs and unix sockets; TLS from the scheme or the default', () => {
    expect(parseTarget('10.0.0.1:2379', false)).toEqual({
      display: '10.0.0.1:2379',
      host: '10.0.0.1',
      port: 2379,
      tls: false,
    });
    expect(parseTarget('10.0.0.1:2379', true)?.tls).toBe(true);
    expect(parseTarget('https://etcd.example:2379/', false)).toMatchObject({
      host: 'etcd.example',
      port: 2379,
      tls: true,
    });
    expect(parseTarget('http://etcd:2379', true)?.tls).toBe(false);
    expect(parseTarget('[::1]:2379', false)).toMatchObject({ host: '::1', port: 2379 });
    expect(parseTarget('unixs://localhost:1', false)).toMatchObject({
      socketPath: 'localhost:1',
      tls: true,
    });
    expect(parseTarget('etcd', false)).toBeUndefined();
    expect(parseTarget('etcd:99999', false)).toBeUndefined();
  });
});

describe('what the first bytes say', () => {
  const settings = Buffer.from([0, 0, 6, 4, 0, 0, 0, 0, 0, 0, 5, 0, 0, 64, 0]);
  it('classifies HTTP/2, HTTP/1, TLS records and silence', () => {
    expect(speakerOf(settings)).toBe('http2');
    expect(speakerOf(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toBe('http1');
    expect(speakerOf(Buffer.from([21, 3, 3, 0, 2, 2, 42]))).toBe('tls');
    expect(speakerOf(Buffer.alloc(0))).toBe('silent');
    expect(speakerOf(Buffer.from('SSH-2.0-OpenSSH_9.6\r\n'))).toBe('other');
    expect(classifiable(Buffer.from('HTTP/1.1 4'))).toBe(false);
    expect(classifiable(settings)).toBe(true);
    expect(H2_PREFACE.subarray(0, 24).toString()).toBe('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
  });

  it('knows when an HTTP/1 answer is complete, and the peer port by its member list', () => {
    const body =
      '[{"id":1,"peerURLs":["http://10.0.0.1:2380"],"clientURLs":["http://10.0.0.1:2379"]}]';
    const answer = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
    expect(httpComplete(Buffer.from(answer.slice(0, -3)))).toBe(false);
    expect(httpComplete(Buffer.from(answer))).toBe(true);
    expect(peerMembers(Buffer.from(answer))).toEqual(['http://10.0.0.1:2379']);
    expect(
      peerMembers(Buffer.from('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n')),
    ).toBeUndefined();
    expect(peerMembers(Buffer.from('HTTP/1.1 200 OK\r\n\r\n[{"name":"x"}]'))).toBeUndefined();
  });
});

describe('TLS judgements', () => {
  const facts: CertFacts = {
    subject: 'etcd',
    issuer: 'Team CA',
    sans: 'IP Address:10.0.0.1, DNS:etcd',
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validTo: new Date('2027-01-01T00:00:00Z'),
  };
  const ctx = { host: '10.0.0.1', caGiven: false, certGiven: false, skipVerify: false };

  it('unknown authority: --cacert, or the right CA when one was given; a warning when skipping', () => {
    expect(trustCheck(facts, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', true, ctx)).toEqual({
      name: 'tls',
      status: 'fail',
      detail: 'certificate signed by unknown authority ("Team CA")',
      hint: '--cacert ca.pem (the CA that signed the server\'s certificate ("Team CA"))',
    });
    expect(
      trustCheck(facts, 'SELF_SIGNED_CERT_IN_CHAIN', true, { ...ctx, caGiven: true }).hint,
    ).toMatch(/^the --cacert file does not hold/);
    expect(
      trustCheck(facts, 'DEPTH_ZERO_SELF_SIGNED_CERT', true, { ...ctx, skipVerify: true }).status,
    ).toBe('warn');
  });

  it('the host name must be in the certificate', () => {
    expect(trustCheck(facts, undefined, false, { ...ctx, host: 'etcd.prod' })).toEqual({
      name: 'tls',
      status: 'fail',
      detail: 'certificate is for IP Address:10.0.0.1, DNS:etcd, not etcd.prod',
      hint: 'connect by a name the certificate lists, or reissue it with DNS:etcd.prod in its subjectAltName',
    });
    expect(trustCheck(facts, undefined, true, ctx)).toMatchObject({
      status: 'ok',
      detail: 'verified (issuer "Team CA")',
    });
  });

  it('not yet valid and expired fail; within 30 days warns', () => {
    expect(validityCheck(facts, new Date('2025-12-31T00:00:00Z'))).toMatchObject({
      status: 'fail',
      detail: 'not valid before 2026-01-01',
    });
    expect(validityCheck(facts, new Date('2027-01-02T00:00:00Z'))).toMatchObject({
      status: 'fail',
      detail: 'expired on 2027-01-01',
    });
    expect(validityCheck(facts, new Date('2026-12-02T00:00:00Z'))).toMatchObject({
      status: 'ok',
      detail: 'valid until 2027-01-01 (30 days)',
    });
    expect(validityCheck(facts, new Date('2026-12-03T00:00:00Z'))).toMatchObject({
      status: 'warn',
      detail: 'expires in 29 days (2027-01-01)',
      hint: 'renew the server certificate before 2027-01-01',
    });
    expect(validityCheck(facts, new Date('2026-12-31T12:00:00Z')).detail).toBe(
      'expires in 0 days (2027-01-01)',
    );
    expect(validityCheck(facts, new Date('2026-06-01T00:00:00Z'))).toMatchObject({
      status: 'ok',
      detail: 'valid until 2027-01-01 (214 days)',
    });
  });

  it('client certificates: required, rejected, accepted', () => {
    const code = 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE';
    const message =
      'error:0A000412:SSL routines:ssl3_read_bytes:sslv3 alert bad certificate:../rec_layer_s3.c:1601:SSL alert number 42';
    expect(isClientCertAlert(code, message)).toBe(true);
    expect(isClientCertAlert('ECONNRESET', 'socket hang up')).toBe(false);
    expect(alertName(code, message)).toBe('bad certificate');
    expect(alertName('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', '')).toBe('certificate required');
    expect(clientCertCheck('bad certificate', ctx).detail).toBe(
      'the server requires a client certificate (bad certificate)',
    );
    expect(clientCertCheck('unknown ca', { ...ctx, certGiven: true }).detail).toBe(
      'the server rejected the client certificate (unknown ca)',
    );
    expect(clientCertCheck(undefined, { ...ctx, certGiven: true })).toMatchObject({
      status: 'ok',
      detail: 'accepted',
    });
  });
});

describe('cluster judgements', () => {
  const MiB = 1024n * 1024n;
  it('DB size against a reported quota (3.6+): ok, warning from 80 %, failure at 100 %', () => {
    const at = (size: bigint) =>
      dbCheck({ dbSize: size, dbSizeInUse: 0n, dbSizeQuota: 100n * MiB });
    expect(at(50n * MiB)).toMatchObject({
      status: 'ok',
      detail: '50.0 MiB of 100.0 MiB quota (50%)',
    });
    expect(at(85n * MiB).status).toBe('warn');
    expect(at(100n * MiB).status).toBe('fail');
  });

  it('no quota reported (3.4, 3.5): unknown, not 0; compared with the default 2 GiB only', () => {
    expect(dbCheck({ dbSize: 20480n, dbSizeInUse: 16384n, dbSizeQuota: 0n })).toEqual({
      name: 'db size',
      status: 'ok',
      detail:
        '20.0 KiB (in use 16.0 KiB); quota unknown (the server does not report it before etcd 3.6)',
      hint: '',
    });
    expect(dbCheck({ dbSize: 1900n * MiB, dbSizeInUse: 0n, dbSizeQuota: 0n }).status).toBe('warn');
  });

  const st = (cluster: bigint, index: bigint) =>
    ({
      header: { cluster_id: cluster, member_id: 1n, revision: 0n, raft_term: 0n },
      raftIndex: index,
    }) as StatusResponse;
  it('raft lag: against the most advanced member of the same cluster only', () => {
    const checks = lagChecks([
      st(1n, 9000n),
      st(1n, 8990n),
      undefined,
      st(1n, 7000n),
      st(1n, 2000n),
      st(2n, 5n),
    ]);
    expect(checks.map((c) => c?.status)).toEqual([
      'ok',
      'ok',
      undefined,
      'warn',
      'fail',
      undefined,
    ]);
    expect(checks[1]!.detail).toBe('10 entries behind the most advanced member');
    expect(checks[0]!.detail).toBe('up to date with the other members');
    expect(lagChecks([st(1n, 5n)])).toEqual([undefined]);
  });
});

describe('renderDoctor', () => {
  it('a table per endpoint, then one line per problem with its fix, failures first', () => {
    const out = renderDoctor(
      [
        {
          endpoint: 'a:2379',
          checks: [
            { name: 'dns', status: 'ok', detail: 'IP address, no lookup', hint: '' },
            {
              name: 'certificate',
              status: 'warn',
              detail: 'expires in 3 days (2027-01-01)',
              hint: 'renew it',
            },
          ],
        },
        {
          endpoint: 'b:2380',
          checks: [
            {
              name: 'client port',
              status: 'fail',
              detail: "this is etcd's peer port",
              hint: 'use port 2379, not 2380',
            },
            { name: 'grpc', status: 'skip', detail: 'not tried', hint: '' },
          ],
        },
      ],
      plain,
    );
    expect(out).toBe(
      [
        'a:2379',
        '   CHECK        RESULT',
        '✓  dns          IP address, no lookup',
        '!  certificate  expires in 3 days (2027-01-01)',
        '',
        'b:2380',
        '   CHECK        RESULT',
        "✗  client port  this is etcd's peer port",
        '-  grpc         not tried',
        '',
        '2 problems:',
        "✗ b:2380 client port: this is etcd's peer port → use port 2379, not 2380",
        '! a:2379 certificate: expires in 3 days (2027-01-01) → renew it',
        '',
      ].join('\n'),
    );
  });
});
