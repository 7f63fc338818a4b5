// Flag declarations with pflag's value types, and pflag's parsing of each value (texts included).
import {
  GoParseError,
  parseGoBool,
  parseGoDuration,
  parseGoInt64,
  parseGoUint64,
} from '../go/parse.js';
import type { ValueSource } from './completion/types.js';

/** pflag value types used by etcdctl. */
export type FlagKind = 'bool' | 'string' | 'int64' | 'int' | 'uint' | 'duration' | 'stringSlice';
/** Parsed values: integers and durations (nanoseconds) are bigint, never number. */
export type FlagValue = boolean | string | bigint | string[];

/** One flag of a command (or a global one). */
export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
  default: FlagValue;
  usage: string;
  hidden?: boolean;
  /** ectl's own global flag: its variable is ECTL_*, not ETCDCTL_* (see cli/config.ts). */
  ectlOnly?: true;
  /** What the flag's value completes to (default: by flag name, src/cli/completion/sources.ts). */
  complete?: ValueSource;
}

/** Parses a flag value the way pflag's Value.Set does; throws GoParseError with Go's text. */
export function parseFlagValue(
  spec: FlagSpec,
  raw: string,
  previous: FlagValue | undefined,
): FlagValue {
  switch (spec.kind) {
    case 'bool':
      return parseGoBool(raw);
    case 'string':
      return raw;
    case 'int64':
    case 'int':
      return parseBase0(raw, false);
    case 'uint':
      return parseBase0(raw, true);
    case 'duration':
      return parseGoDuration(raw);
    case 'stringSlice': {
      const items = raw === '' ? [] : parseCsvLine(raw);
      return Array.isArray(previous) ? [...previous, ...items] : items;
    }
  }
}

/** pflag parses integers with base 0: `0x1f`, `0o17`, `017`, `0b11`, `1_000` and decimal. */
function parseBase0(raw: string, unsigned: boolean): bigint {
  return unsigned ? parseGoUint64(raw, 0) : parseGoInt64(raw, 0);
}

/** Go's encoding/csv reading of one line, as pflag's string slices use it. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0)
          throw new GoParseError(
            `parse error on line 1, column ${line.length + 1}: extraneous or missing " in quoted-field`,
          );
        field += line.slice(i, q);
        i = q + 1;
        if (line[i] === '"') {
          field += '"';
          i++;
          continue;
        }
        break;
      }
      const comma = line.indexOf(',', i);
      i = comma < 0 ? line.length + 1 : comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      field = comma < 0 ? line.slice(i) : line.slice(i, comma);
      i = comma < 0 ? line.length + 1 : comma + 1;
    }
    out.push(field);
    if (i > line.length) return out;
  }
}

/** Typed access to the flags of one invocation, with pflag's "changed" bit. */
export class ParsedFlags {
  constructor(
    private readonly values: ReadonlyMap<string, FlagValue>,
    private readonly changedSet: ReadonlySet<string>,
    /** pflag's ArgsLenAtDash: how many positional arguments preceded `--`, or -1 without one. */
    readonly argsLenAtDash = -1,
    /** The values of the flags `values` lacks (a parse records only the flags given). */
    private readonly defaults?: ReadonlyMap<string, FlagValue>,
  ) {}

  /** True when the flag was given on the command line. */
  changed(name: string): boolean {
    return this.changedSet.has(name);
  }

  /** The names of the flags given on the command line. */
  changedNames(): Iterable<string> {
    return this.changedSet.values();
  }

  bool(name: string): boolean {
    return this.get(name) === true;
  }

  string(name: string): string {
    const v = this.get(name);
    if (typeof v !== 'string') throw new Error(`flag --${name} is not a string flag`);
    return v;
  }

  int(name: string): bigint {
    const v = this.get(name);
    if (typeof v !== 'bigint') throw new Error(`flag --${name} is not an integer flag`);
    return v;
  }

  strings(name: string): string[] {
    const v = this.get(name);
    if (!Array.isArray(v)) throw new Error(`flag --${name} is not a slice flag`);
    return v;
  }

  private get(name: string): FlagValue {
    const v = this.values.get(name) ?? this.defaults?.get(name);
    if (v === undefined) throw new Error(`unknown flag --${name}`);
    return v;
  }
}
