// The ordered list of ectl's commands with their help groups: adding a command is one line here
// and one in lazy.ts (by name, for runs that name it; test/unit/lazy-commands.test.ts checks both).
// etcdctl's family (commands/etcdctl/) comes first, in etcdctl main's order; ectl's own commands
// (commands/ectl/) join under their own group.
import { type EctlCommand, Groups, newRoot } from '../cli/command.js';
import { addHelpTopics } from '../cli/help/topics.js';
import type { Io } from '../io.js';
import { isEtcdctlGroup, markEtcdctlFamily } from './lazy.js';
import { register as get } from './etcdctl/get.js';
import { register as put } from './etcdctl/put.js';
import { register as del } from './etcdctl/del.js';
import { register as txn } from './etcdctl/txn/txn.js';
import { register as compaction } from './etcdctl/compaction.js';
import { register as watch } from './etcdctl/watch/watch.js';
import { register as lease } from './etcdctl/lease/lease.js';
import { register as alarm } from './etcdctl/alarm.js';
import { register as defrag } from './etcdctl/defrag.js';
import { register as endpoint } from './etcdctl/endpoint/endpoint.js';
import { register as member } from './etcdctl/member/member.js';
import { register as moveLeader } from './etcdctl/move-leader.js';
import { register as downgrade } from './etcdctl/downgrade.js';
import { register as snapshot } from './etcdctl/snapshot.js';
import { register as elect } from './etcdctl/elect.js';
import { register as lock } from './etcdctl/lock.js';
import { register as auth } from './etcdctl/auth/auth.js';
import { register as user } from './etcdctl/auth/user.js';
import { register as role } from './etcdctl/auth/role.js';
import { register as version } from './etcdctl/version.js';
import { register as options } from './etcdctl/options.js';
import { register as completion } from './etcdctl/completion.js';
import { register as makeMirror } from './etcdctl/make-mirror.js';
import { register as check } from './etcdctl/check/check.js';
import { register as wait } from './ectl/wait/wait.js';
import { register as batch } from './ectl/batch/batch.js';
import { register as shell } from './ectl/shell/shell.js';
import { register as registerCmd } from './ectl/register.js';
import { register as discover } from './ectl/discover.js';
import { register as edit } from './ectl/edit/edit.js';
import { register as history } from './ectl/history.js';
import { register as diff } from './ectl/diff.js';
import { register as config } from './ectl/config/config.js';
import { register as exportDump } from './ectl/export.js';
import { register as importDump } from './ectl/import/import.js';
import { register as doctor } from './ectl/doctor.js';
import { register as status } from './ectl/status.js';

/** Registers a command (and its sub-commands) on the root. */
export type Register = (program: EctlCommand) => void;

/** The root help's groups, each with its commands in the order help lists them. */
export const commandGroups: readonly { title: string; commands: readonly Register[] }[] = [
  { title: Groups.kv, commands: [get, put, del, txn, compaction, watch, lease] },
  {
    title: Groups.cluster,
    commands: [alarm, defrag, endpoint, member, moveLeader, snapshot, downgrade],
  },
  { title: Groups.concurrency, commands: [elect, lock] },
  { title: Groups.auth, commands: [auth, user, role] },
  { title: Groups.utility, commands: [version, options, check, completion, makeMirror] },
  // ectl's own family: one line per command in its group (config/doctor/status; wait/edit/batch/
  // shell/export/import; register/discover/history/diff).
  { title: Groups.cockpit, commands: [config, doctor, status] },
  { title: Groups.scripts, commands: [wait, edit, batch, shell, exportDump, importDump] },
  { title: Groups.patterns, commands: [registerCmd, discover, history, diff] },
];

/** Registers every command, group by group. */
export function registerCommands(program: EctlCommand): void {
  for (const group of commandGroups) {
    if (group.commands.length === 0) continue;
    program.commandsGroup(group.title);
    const before = new Set(program.subs);
    for (const register of group.commands) register(program);
    if (!isEtcdctlGroup(group.title)) continue;
    for (const cmd of program.subs) if (!before.has(cmd)) markEtcdctlFamily(cmd);
  }
}

/**
 * The whole command tree: what help, completion, `ectl batch` and `ectl shell` need, and any run
 * whose first word is not exactly a command's name (cli.ts loads this module only then).
 */
export function buildProgram(io: Io): EctlCommand {
  const program = newRoot(io);
  registerCommands(program);
  // `help` is the last of the utility group, after the commands registered above.
  program
    .command('help')
    // Its group is named: the groups of ectl's own commands come after the utility group.
    .helpGroup(Groups.utility)
    .description('Help about any command')
    .argument('[command...]')
    .examples(['ectl help get', 'ectl help lease grant']);
  addHelpTopics(program);
  return program;
}
