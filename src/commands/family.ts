// Which family a command belongs to, by its help group: the etcdctl family (etcdctl's bytes, -o
// only where a command declares it) or ectl's own (cockpit, scripts, patterns).
import { type EctlCommand, Groups } from '../cli/command.js';

const ectlGroups: readonly string[] = [Groups.cockpit, Groups.scripts, Groups.patterns];

/** Whether the commands of help group `title` are the etcdctl family's. */
export function isEtcdctlGroup(title: string): boolean {
  return !ectlGroups.includes(title);
}

/** Marks a command and its sub-commands as the etcdctl family's (-o only where declared). */
export function markEtcdctlFamily(cmd: EctlCommand): void {
  cmd.etcdctlFamily = true;
  for (const sub of cmd.subs) markEtcdctlFamily(sub);
}
