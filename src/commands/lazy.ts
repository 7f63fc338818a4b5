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

/** A command whose module exports `register`, in help group `group`. */
const entry = (group: string, load: () => Promise<{ register: Register }>): LazyCommand => ({
  group,
  load: async () => (await load()).register,
});

/** Every top-level command by name, in the order help lists them. */
export const lazyCommands: Readonly<Record<string, LazyCommand>> = {
  get: entry(Groups.kv, () => import('./etcdctl/get.js')),
  put: entry(Groups.kv, () => import('./etcdctl/put.js')),
  del: entry(Groups.kv, () => import('./etcdctl/del.js')),
  txn: entry(Groups.kv, () => import('./etcdctl/txn/txn.js')),
  compaction: entry(Groups.kv, () => import('./etcdctl/compaction.js')),
  watch: entry(Groups.kv, () => import('./etcdctl/watch/watch.js')),
  lease: entry(Groups.kv, () => import('./etcdctl/lease/lease.js')),
  alarm: entry(Groups.cluster, () => import('./etcdctl/alarm.js')),
  defrag: entry(Groups.cluster, () => import('./etcdctl/defrag.js')),
  endpoint: entry(Groups.cluster, () => import('./etcdctl/endpoint/endpoint.js')),
  member: entry(Groups.cluster, () => import('./etcdctl/member/member.js')),
  'move-leader': entry(Groups.cluster, () => import('./etcdctl/move-leader.js')),
  snapshot: entry(Groups.cluster, () => import('./etcdctl/snapshot.js')),
  downgrade: entry(Groups.cluster, () => import('./etcdctl/downgrade.js')),
  elect: entry(Groups.concurrency, () => import('./etcdctl/elect.js')),
  lock: entry(Groups.concurrency, () => import('./etcdctl/lock.js')),
  auth: entry(Groups.auth, () => import('./etcdctl/auth/auth.js')),
  user: entry(Groups.auth, () => import('./etcdctl/auth/user.js')),
  role: entry(Groups.auth, () => import('./etcdctl/auth/role.js')),
  version: entry(Groups.utility, () => import('./etcdctl/version.js')),
  options: entry(Groups.utility, () => import('./etcdctl/options.js')),
  check: entry(Groups.utility, () => import('./etcdctl/check/check.js')),
  completion: entry(Groups.utility, () => import('./etcdctl/completion.js')),
  'make-mirror': entry(Groups.utility, () => import('./etcdctl/make-mirror.js')),
  config: entry(Groups.cockpit, () => import('./ectl/config/config.js')),
  doctor: entry(Groups.cockpit, () => import('./ectl/doctor.js')),
  status: entry(Groups.cockpit, () => import('./ectl/status.js')),
  wait: entry(Groups.scripts, () => import('./ectl/wait/wait.js')),
  edit: entry(Groups.scripts, () => import('./ectl/edit/edit.js')),
  batch: entry(Groups.scripts, () => import('./ectl/batch/batch.js')),
  shell: entry(Groups.scripts, () => import('./ectl/shell/shell.js')),
  export: entry(Groups.scripts, () => import('./ectl/export.js')),
  import: entry(Groups.scripts, () => import('./ectl/import/import.js')),
  register: entry(Groups.patterns, () => import('./ectl/register.js')),
  discover: entry(Groups.patterns, () => import('./ectl/discover.js')),
  history: entry(Groups.patterns, () => import('./ectl/history.js')),
  diff: entry(Groups.patterns, () => import('./ectl/diff.js')),
};

/** Registers the command named `word` alone on `program`; false when no command has that name. */
export async function registerNamed(program: EctlCommand, word: string): Promise<boolean> {
  const command = Object.hasOwn(lazyCommands, word) ? lazyCommands[word] : undefined;
  if (!command) return false;
  const register = await command.load();
  program.commandsGroup(command.group);
  register(program);
  if (isEtcdctlGroup(command.group)) for (const cmd of program.subs) markEtcdctlFamily(cmd);
  return true;
}
