// member list printers on a fixed response, and the request builders of member list and
// compaction; formats etcdctl 3.4 does not have (main's fields, table, --hex JSON) are goldens.
import { describe, expect, it } from 'vitest';
import { compactionRequest } from '../../src/commands/etcdctl/compaction.js';
import { memberListFlags, memberListRequest } from '../../src/commands/etcdctl/member/member.js';
import { encode } from '../../src/etcd/proto/codec.js';
import type { MemberListResponse } from '../../src/etcd/proto/gen/messages.js';
import { ParsedFlags } from '../../src/cli/flagspec.js';
import { hexHeaderJson, memberListPrinters } from '../../src/output/member.js';
import type { OutputFormat } from '../../src/cli/globals.js';
import type { PrintOptions } from '../../src/output/kv.js';

const renderMemberList = (format: OutputFormat, resp: MemberListResponse, opts: PrintOptions) =>
  memberListPrinters[format](resp, opts);
import { expectGolden } from '../helpers/golden.js';

const resp: MemberListResponse = {
  header: {
    cluster_id: 0x412ca885fa6038dbn,
    member_id: 0x866e9665bbc7041fn,
    revision: 0n,
    raft_term: 2n,
  },
  members: [
    {
      ID: 0x866e9665bbc7041fn,
      name: 'default',
      peerURLs: ['http://127.0.0.1:52380'],
      clientURLs: ['http://127.0.0.1:52379', 'unix://sock'],
      isLearner: false,
    },
    // An unstarted learner: no name, no client URLs.
    {
      ID: 0xd6dd63f7e2592adan,
      name: '',
      peerURLs: ['http://127.0.0.1:52390'],
      clientURLs: [],
      isLearner: true,
    },
    // An ID whose %x has fewer than 16 digits.
    {
      ID: 0xabcn,
      name: 'nö "q"',
      peerURLs: ['http://a:1', 'http://b:2'],
      clientURLs: [],
      isLearner: false,
    },
  ],
};

describe('member list printers', () => {
  it('simple: the row joined with ", ", unstarted when the name is empty', () => {
    expect(renderMemberList('simple', resp, { hex: false })).toBe(
      '866e9665bbc7041f, started, default, http://127.0.0.1:52380, http://127.0.0.1:52379,unix://sock, false\n' +
        'd6dd63f7e2592ada, unstarted, , http://127.0.0.1:52390, , true\n' +
        'abc, started, nö "q", http://a:1,http://b:2, , false\n',
    );
  });

  it('json: the response as etcdctl prints it (isLearner only when true)', () => {
    expect(renderMemberList('json', resp, { hex: false })).toBe(
      '{"header":{"cluster_id":4696313804825311451,"member_id":9686845212206760991,"raft_term":2},"members":[' +
        '{"ID":9686845212206760991,"name":"default","peerURLs":["http://127.0.0.1:52380"],"clientURLs":["http://127.0.0.1:52379","unix://sock"]},' +
        '{"ID":15482641010275199706,"peerURLs":["http://127.0.0.1:52390"],"isLearner":true},' +
        '{"ID":2748,"name":"nö \\"q\\"","peerURLs":["http://a:1","http://b:2"]}]}\n',
    );
  });

  it('json --hex: IDs as hex strings (main)', () => {
    expect(renderMemberList('json', resp, { hex: true })).toBe(
      '{"header":{"cluster_id":"412ca885fa6038db","member_id":"866e9665bbc7041f","raft_term":2},"members":[' +
        '{"ID":"866e9665bbc7041f","name":"default","peerURLs":["http://127.0.0.1:52380"],"clientURLs":["http://127.0.0.1:52379","unix://sock"]},' +
        '{"ID":"d6dd63f7e2592ada","peerURLs":["http://127.0.0.1:52390"],"isLearner":true},' +
        '{"ID":"abc","name":"nö \\"q\\"","peerURLs":["http://a:1","http://b:2"]}]}\n',
    );
    expect(renderMemberList('json', { members: [] }, { hex: true })).toBe(
      '{"header":null,"members":[]}\n',
    );
    expect(hexHeaderJson({ cluster_id: 0n, member_id: 1n, revision: 5n, raft_term: 0n })).toBe(
      '{"cluster_id":"0","member_id":"1","revision":5}',
    );
  });

  for (const format of ['fields', 'table'] as const) {
    for (const hex of [false, true]) {
      it(`${format}${hex ? ' --hex' : ''}`, () =>
        expectGolden(
          `member/list.${hex ? 'hex-' : ''}${format}`,
          renderMemberList(format, resp, { hex }),
        ));
    }
  }

  it('protobuf: the MemberListResponse message', () => {
    expect(Buffer.from(renderMemberList('protobuf', resp, { hex: false }))).toEqual(
      Buffer.from(encode('MemberListResponse', resp)),
    );
  });
});

const flags = (values: Record<string, string>) =>
  new ParsedFlags(new Map(Object.entries(values)), new Set(Object.keys(values)));

describe('request builders', () => {
  it('member list: l is linearizable, s serializable, anything else exit 4', () => {
    expect(memberListRequest(memberListFlags.read(flags({ consistency: 'l' })))).toEqual({
      linearizable: true,
    });
    expect(memberListRequest(memberListFlags.read(flags({ consistency: 's' })))).toEqual({
      linearizable: false,
    });
    expect(() => memberListRequest(memberListFlags.read(flags({ consistency: 'x' })))).toThrow(
      expect.objectContaining({ message: 'unknown consistency flag "x"', exitCode: 4 }),
    );
  });

  it('compaction: one decimal int64; a bad number is exit 1, a bad count 128', () => {
    expect(compactionRequest(['42'], true)).toEqual({ revision: 42n, physical: true });
    expect(compactionRequest(['-1'], false)).toEqual({ revision: -1n, physical: false });
    for (const args of [[], ['1', '2']])
      expect(() => compactionRequest(args, false)).toThrow(
        expect.objectContaining({ message: 'compaction command needs 1 argument', exitCode: 128 }),
      );
    expect(() => compactionRequest(['0x10'], false)).toThrow(
      expect.objectContaining({
        message: 'strconv.ParseInt: parsing "0x10": invalid syntax',
        exitCode: 1,
      }),
    );
  });
});
