// Typed flags: a command declares its flags once, as an object keyed by flag name, and gets both
// the FlagSpecs that register and parse them and a typed reader of their values. A typo in a flag
// name fails the type check, not a run.
import type { FlagKind, FlagSpec, FlagValue, ParsedFlags } from './flagspec.js';

/** One flag's declaration: a FlagSpec without its name (the key names it). */
export type FlagDecl = Omit<FlagSpec, 'name'>;

/** The value type of a kind: integers and durations (nanoseconds) are bigint, never number. */
export type ValueOfKind<K extends FlagKind> = K extends 'bool'
  ? boolean
  : K extends 'string'
    ? string
    : K extends 'stringSlice'
      ? string[]
      : bigint;

/** `from-key` -> `fromKey`. */
export type CamelCase<S extends string> = S extends `${infer A}-${infer B}`
  ? `${A}${Capitalize<CamelCase<B>>}`
  : S;

/** The typed values of a set of declarations, camel-cased. */
export type ValuesOf<D extends Record<string, FlagDecl>> = {
  -readonly [K in keyof D & string as CamelCase<K>]: ValueOfKind<D[K]['kind']>;
};

/** The typed values of a command's flag set: `OptionsOf<typeof getFlags>`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OptionsOf<S extends FlagSet<any>> = ReturnType<S['read']>;

/** A command's flags: their specs (for registration and parsing) and a typed reader. */
export interface FlagSet<D extends Record<string, FlagDecl>> {
  readonly specs: readonly FlagSpec[];
  /** The values of one parse, typed. */
  read(flags: ParsedFlags): ValuesOf<D>;
  /** True when the flag was given on the command line (pflag's Changed). */
  changed(flags: ParsedFlags, name: keyof D & string): boolean;
}

function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The parsed value of one flag, by its kind. */
export function flagValue(flags: ParsedFlags, spec: FlagSpec): FlagValue {
  switch (spec.kind) {
    case 'bool':
      return flags.bool(spec.name);
    case 'string':
      return flags.string(spec.name);
    case 'stringSlice':
      return flags.strings(spec.name);
    default:
      return flags.int(spec.name);
  }
}

/** Declares a set of flags; keys are the flag names as typed (`from-key`). */
export function defineFlags<const D extends Record<string, FlagDecl>>(decls: D): FlagSet<D> {
  const specs: FlagSpec[] = Object.entries(decls).map(([name, d]) => ({ name, ...d }));
  // Named once: read() runs for every command (for each line of a batch), camel() is a regex.
  const keys = specs.map((spec) => camel(spec.name));
  return {
    specs,
    read(flags) {
      const out: Record<string, FlagValue> = {};
      for (let i = 0; i < specs.length; i++) out[keys[i]!] = flagValue(flags, specs[i]!);
      return out as ValuesOf<D>;
    },
    changed: (flags, name) => flags.changed(name),
  };
}

/** A boolean flag, false by default. */
export function boolFlag(usage: string): { kind: 'bool'; default: false; usage: string } {
  return { kind: 'bool', default: false, usage };
}

/** An integer flag, 0 by default. */
export function intFlag(usage: string): { kind: 'int64'; default: 0n; usage: string } {
  return { kind: 'int64', default: 0n, usage };
}

/** A string flag. */
export function stringFlag(
  usage: string,
  def = '',
): { kind: 'string'; default: string; usage: string } {
  return { kind: 'string', default: def, usage };
}
