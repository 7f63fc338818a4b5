// Printers of member add/remove/update/promote on fixed responses. Shapes etcdctl 3.4.23 printed
// the same way are written as it printed them; main's own (learner wording, --hex JSON) follow
// main's printer_simple.go and printer_json.go.
import { describe, expect, it } from 'vitest';
import type {
  Member,
  MemberAddResponse,
  ResponseHeader,
} from '../../src/etcd/proto/gen/messages.js';
import { encode } from '../../src/etcd/proto/codec.js';
import { type MemberChange, memberChangePrinters } from '../../src/output/member-change.js';
import { print } from '../../src/output/print.js';
import type { OutputFormat } from '../../src/cli/globals.js';
import { failure } from '../helpers/failure.js';

const header: ResponseHeader = {
  cluster_id: 0x412ca885fa6038dbn,
  member_id: 0x866e9665bbc7041fn,
  revision: 0n,
  raft_term: 2n,
};
const started: Member = {
  ID: 0x866e9665bbc7041fn,
  name: 'default',
  peerURLs: ['http://127.0.0.1:52380'],
  clientURLs: ['http://127.0.0.1:52379'],
  isLearner: false,
};
// A new member whose %x has fewer than 16 digits, with two peer URLs.
const added: Member = {
  ID: 0xd6dd63f7e25n,
  name: '',
  peerURLs: ['http://127.0.0.1:52390', 'http://127.0.0.1:52392'],
  clientURLs: [],
  isLearner: false,
};
// Another member that has not started yet (no name).
const unstarted: Member = { ...added, ID: 0xabcn, peerURLs: ['http://127.0.0.1:52394'] };
const addResp: MemberAddResponse = { header, member: added, members: [started, unstarted, added] };
const addChange: MemberChange = {
  kind: 'add',
  resp: addResp,
  name: 'newm',
  peerUrls: 'http://127.0.0.1:52390,http://127.0.0.1:52392',
};

const text = (format: OutputFormat, c: MemberChange, hex = false) =>
  print(memberChangePrinters, format, c, { hex })
    .map((p) => (typeof p === 'string' ? p : Buffer.from(p).toString('latin1')))
    .join('');

describe('member add/remove/update/promote printers', () => {
  it('add, simple: %16x IDs, then the ETCD_* lines with the new member under its name', () => {
    expect(text('simple', addChange)).toBe(
      'Member      d6dd63f7e25 added to cluster 412ca885fa6038db\n' +
        '\n' +
        'ETCD_NAME="newm"\n' +
        'ETCD_INITIAL_CLUSTER="default=http://127.0.0.1:52380,=http://127.0.0.1:52394,newm=http://127.0.0.1:52390,newm=http://127.0.0.1:52392"\n' +
        'ETCD_INITIAL_ADVERTISE_PEER_URLS="http://127.0.0.1:52390,http://127.0.0.1:52392"\n' +
        'ETCD_INITIAL_CLUSTER_STATE="existing"\n',
    );
  });

  it('add, simple: "added as learner" for a learner (main; 3.4 said "added")', () => {
    const learner = { ...added, isLearner: true };
    const c: MemberChange = { ...addChange, resp: { ...addResp, member: learner } };
    expect(text('simple', c).split('\n')[0]).toBe(
      'Member      d6dd63f7e25 added as learner to cluster 412ca885fa6038db',
    );
  });

  it('add: names and URLs are %q-quoted', () => {
    const c: MemberChange = { ...addChange, name: 'a "b"\n', peerUrls: 'x\ty' };
    const out = text('simple', c);
    expect(out).toContain('ETCD_NAME="a \\"b\\"\\n"\n');
    expect(out).toContain('ETCD_INITIAL_ADVERTISE_PEER_URLS="x\\ty"\n');
  });

  it('remove, update, promote: the ID given and the cluster, %16x', () => {
    const resp = { header, members: [started] };
    expect(text('simple', { kind: 'remove', id: 0x12n, resp })).toBe(
      'Member               12 removed from cluster 412ca885fa6038db\n',
    );
    expect(text('simple', { kind: 'update', id: 0x866e9665bbc7041fn, resp })).toBe(
      'Member 866e9665bbc7041f updated in cluster 412ca885fa6038db\n',
    );
    expect(text('simple', { kind: 'promote', id: 0xabcn, resp })).toBe(
      'Member              abc promoted in cluster 412ca885fa6038db\n',
    );
  });

  it('json: the response, zero fields left out (as etcdctl 3.4.23 printed it)', () => {
    expect(text('json', addChange)).toBe(
      '{"header":{"cluster_id":4696313804825311451,"member_id":9686845212206760991,"raft_term":2},' +
        '"member":{"ID":14765397081637,"peerURLs":["http://127.0.0.1:52390","http://127.0.0.1:52392"]},' +
        '"members":[{"ID":9686845212206760991,"name":"default","peerURLs":["http://127.0.0.1:52380"],"clientURLs":["http://127.0.0.1:52379"]},' +
        '{"ID":2748,"peerURLs":["http://127.0.0.1:52394"]},' +
        '{"ID":14765397081637,"peerURLs":["http://127.0.0.1:52390","http://127.0.0.1:52392"]}]}\n',
    );
    expect(text('json', { kind: 'remove', id: 1n, resp: { members: [] } })).toBe('{}\n');
  });

  it('json --hex (main): hex-string IDs; members (and member) always present', () => {
    expect(text('json', addChange, true)).toBe(
      '{"header":{"cluster_id":"412ca885fa6038db","member_id":"866e9665bbc7041f","raft_term":2},' +
        '"member":{"ID":"d6dd63f7e25","peerURLs":["http://127.0.0.1:52390","http://127.0.0.1:52392"]},' +
        '"members":[{"ID":"866e9665bbc7041f","name":"default","peerURLs":["http://127.0.0.1:52380"],"clientURLs":["http://127.0.0.1:52379"]},' +
        '{"ID":"abc","peerURLs":["http://127.0.0.1:52394"]},' +
        '{"ID":"d6dd63f7e25","peerURLs":["http://127.0.0.1:52390","http://127.0.0.1:52392"]}]}\n',
    );
    const bare: MemberChange = { ...addChange, resp: { members: [] } };
    expect(text('json', bare, true)).toBe('{"header":null,"member":null,"members":[]}\n');
    expect(text('json', { kind: 'promote', id: 1n, resp: { header, members: [] } }, true)).toBe(
      '{"header":{"cluster_id":"412ca885fa6038db","member_id":"866e9665bbc7041f","raft_term":2},"members":[]}\n',
    );
  });

  it('protobuf: the response message; fields and table are not supported (exit 4)', () => {
    const bytes = print(memberChangePrinters, 'protobuf', addChange, { hex: false })[0];
    expect(Buffer.from(bytes as Uint8Array)).toEqual(
      Buffer.from(encode('MemberAddResponse', addResp)),
    );
    for (const format of ['fields', 'table'] as const)
      expect(failure(() => text(format, addChange))).toEqual([
        `${format} not supported as output format`,
        4,
        undefined,
      ]);
  });
});
