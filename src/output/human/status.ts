// `ectl status`'s human view: one row per member (a member that did not answer says why across
// the value columns), fields a server did not report as `-`, within 120 columns; `-o wide` shows
// every field. Pure: the gathered state in, text out.
import type { ChalkInstance } from 'chalk';
import type { ClusterState, MemberState } from '../../etcd/recipes/cluster-status.js';
import { humanTable, type Cell } from './table.js';
import { hexUint64, iecScale } from '../../units.js';

/** The width the default view keeps within. */
export const STATUS_COLUMNS = 120;

/** How long a name, an endpoint and an unreachable member's reason may be (they shrink to fit). */
interface Caps {
  name: number;
  endpoint: number;
  reason: number;
}
const START: Caps = { name: 16, endpoint: 30, reason: 62 };
const LEAST: Caps = { name: 6, endpoint: 14, reason: 24 };

/** At most `n` characters, an ellipsis marking a cut. */
function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** A size in IEC units, short: "812 B", "20 KiB", "1.5 MiB". */
export function shortBytes(n: bigint): string {
  const { value, unit } = iecScale(n);
  return `${unit !== 'B' && value < 10 ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/** Whether a member counts as healthy (status exit code, HEALTH column). */
export function isHealthy(m: MemberState): boolean {
  return m.reachable && m.problem === '';
}

/** The HEALTH column's word. */
function health(m: MemberState): string {
  if (!m.reachable) return 'unreachable';
  return m.problem === '' ? 'healthy' : 'unhealthy';
}

function quotaPercent(m: MemberState): string {
  const s = m.status;
  if (!s || s.dbSizeQuota <= 0n) return '-';
  return `${Number((s.dbSize * 1000n) / s.dbSizeQuota) / 10}%`;
}

function latency(m: MemberState): string {
  return m.latencyMs === undefined ? '-' : `${Math.max(1, Math.round(m.latencyMs))}ms`;
}

const HEADER = [
  'NAME',
  'ENDPOINT',
  'ID',
  'VERSION',
  'DB SIZE',
  'QUOTA',
  'TERM',
  'INDEX',
  'LAG',
].concat(['ALARMS', 'HEALTH', 'LATENCY']);
const WIDE_HEADER = ['NAME', 'ENDPOINTS', 'ID', 'LEADER', 'LEARNER', 'VERSION', 'STORAGE']
  .concat(['DB SIZE', 'IN USE', 'QUOTA', 'QUOTA %', 'TERM', 'INDEX', 'APPLIED', 'LAG', 'ALARMS'])
  .concat(['ERRORS', 'HEALTH', 'LATENCY', 'PROBLEM', 'PEER URLS']);

function row(
  m: MemberState,
  state: ClusterState,
  wide: boolean,
  c: ChalkInstance,
  caps: Caps,
): Cell[] {
  const isLeader = state.leader !== 0n && m.member.ID === state.leader;
  const name = (wide ? m.member.name : cut(m.member.name, caps.name)) || '-';
  const first = [
    !wide && isLeader ? `${name} ${c.yellow('★')}` : name,
    wide ? m.member.clientURLs.join(',') || '-' : cut(m.endpoint || '-', caps.endpoint),
    hexUint64(m.member.ID),
  ];
  const s = m.status;
  const h = health(m);
  const healthCell = h === 'healthy' ? c.green(h) : c.red(h);
  if (!s) {
    const reason = `${h}: ${m.problem}`;
    const span = (wide ? WIDE_HEADER : HEADER).length - first.length;
    return [...first, { content: c.red(wide ? reason : cut(reason, caps.reason)), colSpan: span }];
  }
  const lag = s.raftAppliedIndex > 0n ? `${s.raftIndex - s.raftAppliedIndex}` : '-';
  const alarms = m.alarms.length ? c.red(m.alarms.join(',')) : '-';
  if (!wide)
    return [
      ...first,
      s.version || '-',
      shortBytes(s.dbSize),
      quotaPercent(m),
      `${s.raftTerm}`,
      `${s.raftIndex}`,
      lag,
      alarms,
      healthCell,
      latency(m),
    ];
  return [
    ...first,
    isLeader ? 'yes' : 'no',
    m.member.isLearner ? 'yes' : 'no',
    s.version || '-',
    s.storageVersion || '-',
    shortBytes(s.dbSize),
    s.dbSizeInUse > 0n ? shortBytes(s.dbSizeInUse) : '-',
    s.dbSizeQuota > 0n ? shortBytes(s.dbSizeQuota) : '-',
    quotaPercent(m),
    `${s.raftTerm}`,
    `${s.raftIndex}`,
    s.raftAppliedIndex > 0n ? `${s.raftAppliedIndex}` : '-',
    lag,
    alarms,
    s.errors.length ? s.errors.join('; ') : '-',
    healthCell,
    latency(m),
    m.problem || '-',
    m.member.peerURLs.join(',') || '-',
  ];
}

/** The title line: cluster, leader, how many members are healthy (and, watching, when). */
export function statusTitle(state: ClusterState, c: ChalkInstance, when?: string): string {
  const leader = state.members.find((m) => m.member.ID === state.leader);
  const healthy = state.members.filter(isHealthy).length;
  const total = state.members.length;
  const count = `${healthy} of ${total} member${total === 1 ? '' : 's'} healthy`;
  const parts = [
    `cluster ${hexUint64(state.clusterId)}`,
    state.leader === 0n
      ? c.red('no leader')
      : `leader ${leader?.member.name || hexUint64(state.leader)}`,
    healthy === total ? c.green(count) : c.red(count),
    ...(when ? [when] : []),
  ];
  return `${parts.join(' · ')}\n`;
}

const ANSI = /\x1b\[[0-9;]*m/g;
const widest = (text: string) =>
  Math.max(...text.split('\n').map((l) => l.replace(ANSI, '').length));

/**
 * The whole view: the title line, then the members' table. The default view shrinks long names,
 * endpoints and reasons (the longest first) until it fits STATUS_COLUMNS; -o wide keeps them whole.
 */
export function renderStatus(
  state: ClusterState,
  opts: { wide: boolean; when?: string },
  c: ChalkInstance,
): string {
  const header = opts.wide ? WIDE_HEADER : HEADER;
  const table = (caps: Caps) =>
    humanTable(
      header,
      state.members.map((m) => row(m, state, opts.wide, c, caps)),
      (s) => c.bold(s),
    );
  const caps = { ...START };
  let text = table(caps);
  while (!opts.wide && widest(text) > STATUS_COLUMNS) {
    const key = (['reason', 'endpoint', 'name'] as const)
      .filter((k) => caps[k] > LEAST[k])
      .sort((a, b) => caps[b] - LEAST[b] - (caps[a] - LEAST[a]))[0];
    if (!key) break;
    caps[key]--;
    text = table(caps);
  }
  return statusTitle(state, c, opts.when) + text;
}
