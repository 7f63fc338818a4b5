// ectl's commands, in help's order, each with its help group and its registration, loaded when a
// run needs it: adding a command is one line here. A run whose first word is a command's exact name
// builds a root with that command alone (cli.ts), so start-up initialises and compiles that
// command's modules instead of all of them; commands/index.ts builds the whole tree from the same
// list for everything else. etcdctl's family comes first, in etcdctl main's order; ectl's own
// commands (commands/ectl/) follow under their own groups.
import { type EctlCommand, Groups } from '../cli/command.js';
import type { Register } from './index.js';

const ectlGroups: readonly string[] = [Groups.cockpit, Groups.scripts, Groups.patterns];

/**
 * Whether the commands of help group `title` are the etcdctl family's (etcdctl's bytes, -o only
 * where a command declares it) rather than ectl's own (cockpit, scripts, patterns).
 */
export function isEtcdctlGroup(title: string): boolean {
  return !ectlGroups.includes(title);
}

/** Marks a command and its sub-commands as the etcdctl family's. */
export function markEtcdctlFamily(cmd: EctlCommand): void {
  cmd.etcdctlFamily = true;
  for (const sub of cmd.subs) markEtcdctlFamily(sub);
}

/** Where a command's registration is, and its help group. */
export interface LazyCommand {
  group: string;
  load: () => Promise<Register>;
}

/** Every top-level command by name, in the order help lists them. */
export const lazyCommands: Readonly<Record<string, LazyCommand>> = {
  get: { group: Groups.kv, load: async () => (await import('./etcdctl/get.js')).register },
  put: { group: Groups.kv, load: async () => (await import('./etcdctl/put.js')).register },
  del: { group: Groups.kv, load: async () => (await import('./etcdctl/del.js')).register },
  txn: { group: Groups.kv, load: async () => (await import('./etcdctl/txn/txn.js')).register },
  compaction: {
    group: Groups.kv,
    load: async () => (await import('./etcdctl/compaction.js')).register,
  },
  watch: {
    group: Groups.kv,
    load: async () => (await import('./etcdctl/watch/watch.js')).register,
  },
  lease: {
    group: Groups.kv,
    load: async () => (await import('./etcdctl/lease/lease.js')).register,
  },
  alarm: { group: Groups.cluster, load: async () => (await import('./etcdctl/alarm.js')).register },
  defrag: {
    group: Groups.cluster,
    load: async () => (await import('./etcdctl/defrag.js')).register,
  },
  endpoint: {
    group: Groups.cluster,
    load: async () => (await import('./etcdctl/endpoint/endpoint.js')).register,
  },
  member: {
    group: Groups.cluster,
    load: async () => (await import('./etcdctl/member/member.js')).register,
  },
  'move-leader': {
    group: Groups.cluster,
    load: async () => (await import('./etcdctl/move-leader.js')).register,
  },
  snapshot: {
    group: Groups.cluster,
    load: async () => (await import('./etcdctl/snapshot.js')).register,
  },
  downgrade: {
    group: Groups.cluster,
    load: async () => (await import('./etcdctl/downgrade.js')).register,
  },
  elect: {
    group: Groups.concurrency,
    load: async () => (await import('./etcdctl/elect.js')).register,
  },
  lock: {
    group: Groups.concurrency,
    load: async () => (await import('./etcdctl/lock.js')).register,
  },
  auth: { group: Groups.auth, load: async () => (await import('./etcdctl/auth/auth.js')).register },
  user: { group: Groups.auth, load: async () => (await import('./etcdctl/auth/user.js')).register },
  role: { group: Groups.auth, load: async () => (await import('./etcdctl/auth/role.js')).register },
  version: {
    group: Groups.utility,
    load: async () => (await import('./etcdctl/version.js')).register,
  },
  options: {
    group: Groups.utility,
    load: async () => (await import('./etcdctl/options.js')).register,
  },
  check: {
    group: Groups.utility,
    load: async () => (await import('./etcdctl/check/check.js')).register,
  },
  completion: {
    group: Groups.utility,
    load: async () => (await import('./etcdctl/completion.js')).register,
  },
  'make-mirror': {
    group: Groups.utility,
    load: async () => (await import('./etcdctl/make-mirror.js')).register,
  },
  config: {
    group: Groups.cockpit,
    load: async () => (await import('./ectl/config/config.js')).register,
  },
  doctor: { group: Groups.cockpit, load: async () => (await import('./ectl/doctor.js')).register },
  status: { group: Groups.cockpit, load: async () => (await import('./ectl/status.js')).register },
  wait: { group: Groups.scripts, load: async () => (await import('./ectl/wait/wait.js')).register },
  edit: { group: Groups.scripts, load: async () => (await import('./ectl/edit/edit.js')).register },
  batch: {
    group: Groups.scripts,
    load: async () => (await import('./ectl/batch/batch.js')).register,
  },
  shell: {
    group: Groups.scripts,
    load: async () => (await import('./ectl/shell/shell.js')).register,
  },
  export: { group: Groups.scripts, load: async () => (await import('./ectl/export.js')).register },
  import: {
    group: Groups.scripts,
    load: async () => (await import('./ectl/import/import.js')).register,
  },
  register: {
    group: Groups.patterns,
    load: async () => (await import('./ectl/register.js')).register,
  },
  discover: {
    group: Groups.patterns,
    load: async () => (await import('./ectl/discover.js')).register,
  },
  history: {
    group: Groups.patterns,
    load: async () => (await import('./ectl/history.js')).register,
  },
  diff: { group: Groups.patterns, load: async () => (await import('./ectl/diff.js')).register },
};

/** Registers the command named `word` alone on `program`; false when no command has that name. */
export async function registerNamed(program: EctlCommand, word: string): Promise<boolean> {
  const entry = Object.hasOwn(lazyCommands, word) ? lazyCommands[word] : undefined;
  if (!entry) return false;
  const register = await entry.load();
  program.commandsGroup(entry.group);
  register(program);
  if (isEtcdctlGroup(entry.group)) for (const cmd of program.subs) markEtcdctlFamily(cmd);
  return true;
}
