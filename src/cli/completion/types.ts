// The completion protocol's vocabulary: candidates, cobra's directive bits (so the shell scripts
// read what cobra's read) and where a value's candidates come from.

/** One completion candidate, with an optional one-line description. */
export interface Candidate {
  value: string;
  description?: string;
}

/** cobra's ShellCompDirective bits, printed as the last line `:<n>`. */
export const Directive = {
  /** Complete file names (the shell's default). */
  Default: 0,
  /** Something went wrong: complete nothing. */
  Error: 1,
  /** Do not add a space after the completion. */
  NoSpace: 2,
  /** Do not fall back to file names when there is no candidate. */
  NoFileComp: 4,
  /** Keep the candidates in the order given. */
  KeepOrder: 32,
} as const;

/** What the cluster is asked for. */
export type LiveSource =
  | 'keys'
  | 'leases'
  | 'members'
  | 'learners'
  | 'downgrade-targets'
  | 'locks'
  | 'elections'
  | 'users'
  | 'roles'
  | 'contexts';

/** Where the candidates of a positional argument or a flag value come from. */
export type ValueSource =
  | { kind: 'choices'; values: readonly Candidate[] }
  | { kind: 'live'; source: LiveSource }
  | { kind: 'files' }
  | { kind: 'commands' }
  | { kind: 'none' };

/** Fixed values, each a string or `[value, description]`. */
export function choices(...values: (string | readonly [string, string])[]): ValueSource {
  return {
    kind: 'choices',
    values: values.map((v) =>
      typeof v === 'string' ? { value: v } : { value: v[0], description: v[1] },
    ),
  };
}

/** Values read from the cluster while completing. */
export function live(source: LiveSource): ValueSource {
  return { kind: 'live', source };
}

/** File names, completed by the shell itself. */
export const files: ValueSource = { kind: 'files' };
/** Command names of the tree (for `help`). */
export const commandNames: ValueSource = { kind: 'commands' };
/** The names of the config file's contexts (read from the file, no cluster asked). */
export const liveContexts: ValueSource = { kind: 'live', source: 'contexts' };
/** Nothing to offer (a free-form value). */
export const nothing: ValueSource = { kind: 'none' };
