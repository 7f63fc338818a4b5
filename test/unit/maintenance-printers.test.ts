// Printers of alarm, move-leader and downgrade, defrag's lines and downgrade's arguments, on fixed
// values. Shapes etcdctl 3.4.23 printed the same way are written as it printed them; main's own
// (alarm text without the trailing space, fields with no header, defrag's `took`) follow main.
import { describe, expect, it } from 'vitest';
import type { AlarmResponse, ResponseHeader } from '../../src/etcd/proto/gen/messages.js';
import { alarmPrinters, alarmText } from '../../src/output/alarm.js';
import { downgradePrinters, moveLeaderPrinters } from '../../src/output/maintenance.js';
import { defragLine } from '../../src/commands/etcdctl/defrag.js';
import { downgradeRequest } from '../../src/commands/etcdctl/downgrade.js';
import { print } from '../../src/output/print.js';
import type { OutputFormat } from '../../src/cli/globals.js';
import { failure } from '../helpers/failure.js';

const header: ResponseHeader = {
  cluster_id: 0x412ca885fa6038dbn,
  member_id: 0x866e9665bbc7041fn,
  revision: 0n,
  raft_term: 2n,
};

describe('alarm printers', () => {
  const nospace: AlarmResponse = { alarms: [{ memberID: 14490753584591010766n, alarm: 1 }] };
  const render = (format: OutputFormat, resp: AlarmResponse, hex = false) =>
    print(alarmPrinters, format, resp, { hex })
      .map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('hex')))
      .join('');

  it('simple: one text line per alarm (main: no trailing space), nothing without alarms', () => {
    expect(render('simple', nospace)).toBe('memberID:14490753584591010766 alarm:NOSPACE\n');
    expect(render('simple', { alarms: [] })).toBe('');
    expect(alarmText({ memberID: 0n, alarm: 2 })).toBe('alarm:CORRUPT');
    expect(alarmText({ memberID: 5n, alarm: 7 })).toBe('memberID:5 alarm:7');
  });

  it('json and protobuf as etcdctl 3.4.23 printed them (no header from a 3.4 server)', () => {
    expect(render('json', nospace)).toBe(
      '{"alarms":[{"memberID":14490753584591010766,"alarm":1}]}\n',
    );
    expect(render('json', { alarms: [] })).toBe('{}\n');
    // The bytes etcdctl 3.4.23 printed for this alarm of member 285cda58f9f43421.
    const seen: AlarmResponse = { alarms: [{ memberID: 2908439535060005921n, alarm: 1 }] };
    expect(render('protobuf', seen)).toBe('120c08a1e8d0cf8fcbb6ae281001');
  });

  it('fields: a zero header when the server sent none (3.4 crashed), --hex member IDs', () => {
    expect(render('fields', nospace)).toBe(
      '"ClusterID" : 0\n"MemberID" : 0\n"RaftTerm" : 0\n' +
        '"MemberID" : 14490753584591010766\n"AlarmType" : NOSPACE\n\n',
    );
    expect(render('fields', { header, alarms: [{ memberID: 0xabcn, alarm: 2 }] }, true)).toBe(
      '"ClusterID" : 412ca885fa6038db\n"MemberID" : 866e9665bbc7041f\n"RaftTerm" : 2\n' +
        '"MemberID" : abc\n"AlarmType" : CORRUPT\n\n',
    );
    expect(failure(() => render('table', nospace))[0]).toBe('table not supported as output format');
  });
});

describe('defrag lines (main: with the time taken)', () => {
  it('finished on stdout, failed with the error', () => {
    expect(defragLine('127.0.0.1:2379', 12_345_000n)).toBe(
      'Finished defragmenting etcd member[127.0.0.1:2379]. took 12.345ms\n',
    );
    expect(defragLine('http://h:1', 1_000_612_345n, 'context deadline exceeded')).toBe(
      'Failed to defragment etcd member[http://h:1]. took 1.000612345s. (context deadline exceeded)\n',
    );
  });
});

describe('move-leader printers', () => {
  it('move-leader: %x IDs; json of the response; fields unsupported', () => {
    const o = { leader: 0x8f515a2f313d7eeen, target: 0xabcn, resp: {} };
    expect(print(moveLeaderPrinters, 'simple', o, undefined)).toEqual([
      'Leadership transferred from 8f515a2f313d7eee to abc\n',
    ]);
    expect(print(moveLeaderPrinters, 'json', o, undefined)).toEqual(['{}\n']);
    expect(failure(() => print(moveLeaderPrinters, 'fields', o, undefined))[1]).toBe(4);
  });
});

describe('downgrade printers and arguments', () => {
  it('downgrade: the action and the cluster version the server answered', () => {
    const resp = { header, version: '3.6' };
    expect(print(downgradePrinters, 'simple', { action: 'enable', resp }, undefined)).toEqual([
      'Downgrade enable success, cluster version 3.6\n',
    ]);
    expect(print(downgradePrinters, 'json', { action: 'cancel', resp }, undefined)).toEqual([
      '{"header":{"cluster_id":4696313804825311451,"member_id":9686845212206760991,"raft_term":2},"version":"3.6"}\n',
    ]);
    expect(
      failure(() => print(downgradePrinters, 'table', { action: 'validate', resp }, 0))[0],
    ).toBe('table not supported as output format');
  });

  it('validate and enable need one non-empty version; cancel takes none', () => {
    expect(downgradeRequest('validate', ['3.5'])).toEqual({ action: 0, version: '3.5' });
    expect(downgradeRequest('enable', ['3.5'])).toEqual({ action: 1, version: '3.5' });
    expect(downgradeRequest('cancel', ['ignored'])).toEqual({ action: 2, version: '' });
    expect(failure(() => downgradeRequest('enable', []))).toEqual([
      'TARGET_VERSION not provided',
      128,
      undefined,
    ]);
    expect(failure(() => downgradeRequest('validate', ['1', '2']))[0]).toBe('too many arguments');
    expect(failure(() => downgradeRequest('validate', ['']))[0]).toBe(
      'target version not provided',
    );
  });
});
