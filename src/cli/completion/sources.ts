// What etcdctl's arguments and flag values complete to. Keyed by flag name and by command path so
// that commands registered anywhere in the tree get their completions without a hook of their own;
// a command or flag that declares its own source (EctlCommand.completeArgs, FlagSpec.complete)
// wins. A path that names no command of the tree is simply never looked up.
import { outputFormats } from '../globals.js';
import { colourModes } from '../../io.js';
import {
  type ValueSource,
  choices,
  commandNames,
  files,
  live,
  liveContexts,
  nothing,
} from './types.js';

const keys = live('keys');
const leases = live('leases');
const members = live('members');
const users = live('users');
const roles = live('roles');

/** The shells `completion` writes scripts for. */
export const shells = ['bash', 'zsh', 'fish', 'powershell'] as const;

/** Flag values by flag name, whichever command has the flag. */
export const flagSources: Readonly<Record<string, ValueSource>> = {
  'write-out': choices(...outputFormats),
  consistency: choices(['l', 'linearizable'], ['s', 'serializable']),
  order: choices('ASCEND', 'DESCEND'),
  'sort-by': choices('CREATE', 'KEY', 'MODIFY', 'VALUE', 'VERSION'),
  load: choices('small', 'medium', 'large', 'xLarge'),
  color: choices(...colourModes),
  lease: leases,
  cacert: files,
  cert: files,
  key: files,
  'dest-cacert': files,
  'dest-cert': files,
  'dest-key': files,
  context: liveContexts,
  'password-file': files,
};

/** Positional arguments by command path, one source per position (the last one repeats). */
export const argSources: Readonly<Record<string, readonly ValueSource[]>> = {
  get: [keys, keys, nothing],
  put: [keys, nothing],
  del: [keys, keys, nothing],
  watch: [keys, keys, nothing],
  'lease revoke': [leases, nothing],
  'lease timetolive': [leases, nothing],
  'lease keep-alive': [leases, nothing],
  lock: [live('locks'), files],
  elect: [live('elections'), nothing],
  'member remove': [members, nothing],
  'member update': [members, nothing],
  'member promote': [live('learners'), nothing],
  'move-leader': [members, nothing],
  'downgrade validate': [live('downgrade-targets'), nothing],
  'downgrade enable': [live('downgrade-targets'), nothing],
  'snapshot save': [files, nothing],
  'make-mirror': [nothing],
  'user delete': [users, nothing],
  'user get': [users, nothing],
  'user passwd': [users, nothing],
  'user grant-role': [users, roles, nothing],
  'user revoke-role': [users, roles, nothing],
  'role delete': [roles, nothing],
  'role get': [roles, nothing],
  'role grant-permission': [roles, choices('read', 'write', 'readwrite'), keys, keys, nothing],
  'role revoke-permission': [roles, keys, keys, nothing],
  completion: [choices(...shells), nothing],
  help: [commandNames],
};
