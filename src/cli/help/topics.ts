// `ectl help <topic>`: exit codes and environment variables, written from the same tables the code
// uses (errors.ts, globals.ts), so the manual cannot drift from the behaviour.
import { ExitCode } from '../../errors.js';
import { envName, globalFlags } from '../globals.js';
import type { FlagSpec } from '../flagspec.js';
import { formatDuration } from '../../go/format.js';
import type { EctlCommand } from '../command.js';

/** One help topic: a name after `ectl help`, a summary line and its text. */
export interface HelpTopic {
  name: string;
  summary: string;
  /** [term, meaning] rows; the text and the man page are both rendered from them. */
  rows: () => [string, string][];
  intro: string;
  outro: string;
}

const exitRows: [number | string, string][] = [
  [ExitCode.Success, 'success'],
  [
    ExitCode.Error,
    'server or RPC errors, timeouts, command-line parse errors, peer URLs the client rejects ' +
      '(member add, update), a member defrag could not defragment (after the others); ' +
      'make-mirror when anything stops it (a compacted source revision included); ' +
      'check perf and datascale: FAIL; under --strict: a get that found nothing, a del that ' +
      'deleted nothing, a lease keep-alive whose lease is gone',
  ],
  [
    ExitCode.BadConnection,
    'the client could not be created: authentication failed (make-mirror: at either cluster), ' +
      'no endpoints, bad message limits; ' +
      'lease timetolive, list and keep-alive RPC errors',
  ],
  [
    ExitCode.InvalidInput,
    'invalid input read from stdin (txn, watch -i); check: its --prefix already holds keys; ' +
      'edit: the edited JSON, YAML or hex no longer parses (without a terminal)',
  ],
  [
    ExitCode.BadFeature,
    'unsupported output format or feature, bad --order, --sort-by or --consistency, ' +
      'unknown check --load (a format is checked after the request: member add in -w table ' +
      'adds, then exits 4); an -o format the command does not print (refused before anything ' +
      'is sent)',
  ],
  [
    ExitCode.Interrupted,
    'interrupted by the server (watch canceled); any snapshot save failure (no endpoint, ' +
      'several endpoints, the file, the stream)',
  ],
  [
    ExitCode.PreconditionFailed,
    "ectl's own: a put/del --if-* precondition failed (nothing was written); under --strict, " +
      'a txn whose compares failed (after its output); edit: the key changed while it was ' +
      'edited (nothing was written); import found existing keys under --on-conflict fail',
  ],
  [
    ExitCode.BadArgs,
    'bad arguments or flags, unreadable TLS files, bad lease or member IDs, ' +
      'no leader among the endpoints of move-leader; -o with -w, or with a flag it cannot ' +
      'honour (put/del -o value without --prev-kv, get --count-only -o ndjson)',
  ],
  [
    '130',
    'killed by SIGINT (Ctrl-C), as the shell reports it: ectl ends by the signal, as etcdctl',
  ],
  ['143', 'killed by SIGTERM, likewise; lock and elect catch both and exit as etcdctl does'],
];

function defaultOf(spec: FlagSpec): string {
  const d = spec.default;
  if (Array.isArray(d)) return d.join(',');
  if (spec.kind === 'duration' && typeof d === 'bigint') return formatDuration(d);
  if (d === '' || d === 0n) return '';
  return String(d);
}

// etcdctl's usage text (kept by `ectl options`) names a Go constant; the manual gives its value.
const plainUsage: Record<string, string> = {
  'max-recv-bytes':
    'client-side response receive limit in bytes (if 0, it defaults to 2147483647, 2 GiB - 1)',
};

function envRows(): [string, string][] {
  const rows: [string, string][] = [['ETCDCTL_API', 'unset or 3 (ectl speaks the v3 API only)']];
  for (const spec of globalFlags) {
    const d = defaultOf(spec);
    const usage = plainUsage[spec.name] ?? spec.usage;
    rows.push([envName(spec.name), `--${spec.name}: ${usage}${d ? ` (default ${d})` : ''}`]);
  }
  rows.push([
    'ECTL_DNS_SERVERS',
    'comma-separated host:port of the DNS servers --discovery-srv asks (default: the system resolver)',
  ]);
  rows.push(['NO_COLOR', 'set (not empty): the txn editor (txn -i on a terminal) draws no colour']);
  rows.push(['FORCE_COLOR', '0 or false: no colour; any other value: colour, despite NO_COLOR']);
  rows.push(['TERM', 'dumb: no colour, and txn -i prompts line by line as etcdctl does']);
  rows.push([
    'ECTL_CONFIG',
    'the config file of contexts (default $XDG_CONFIG_HOME/ectl/config.yaml, else ~/.config/ectl/config.yaml)',
  ]);
  rows.push([
    'ECTL_CHECK_PERF_DURATION',
    "how long check perf's load lasts, a duration such as 5s (default: the model's 60s; for tests)",
  ]);
  return rows;
}

/** The help topics, in the order `ectl help` lists them. */
export const helpTopics: readonly HelpTopic[] = [
  {
    name: 'exit-codes',
    summary: 'What the exit status of ectl means',
    intro: 'ectl exits with the status etcdctl uses for the same failure:',
    rows: () => exitRows.map(([code, meaning]) => [String(code), meaning]),
    outro:
      'Errors are one line on stderr, "Error: <message>", with etcd\'s own text for server errors.',
  },
  {
    name: 'environment',
    summary: 'The environment variables ectl reads',
    intro:
      'Every global flag can be set through its variable: --some-flag <-> ETCDCTL_SOME_FLAG.\n' +
      'Giving both is an error (exit 1); a value that does not parse is ignored; command flags\n' +
      'cannot come from the environment; unknown ETCDCTL_* variables draw a warning.\n' +
      "ectl's own flags (--strict) use ECTL_* variables: there the flag wins over its variable\n" +
      'and a value that does not parse is an error.',
    rows: envRows,
    outro: 'Shell completion reads the same variables, and the ones typed before "ectl".',
  },
];

/** The text of a topic, as `ectl help <topic>` prints it. */
export function topicText(topic: HelpTopic): string {
  const rows = topic.rows();
  const width = Math.max(...rows.map(([t]) => t.length));
  const body = rows.map(([t, m]) => `  ${t.padEnd(width)}  ${m}\n`).join('');
  return `${topic.intro}\n\n${body}\n${topic.outro}\n`;
}

/** The text of `ectl help <words>` when the words name a topic. */
export function helpTopicText(words: readonly string[]): string | undefined {
  if (words.length !== 1) return undefined;
  const topic = helpTopics.find((t) => t.name === words[0]);
  return topic ? topicText(topic) : undefined;
}

/** The lines listing the topics, for the help of `help` and of the root. */
export function topicsHelpText(): string {
  const width = Math.max(...helpTopics.map((t) => t.name.length));
  const lines = helpTopics.map((t) => `  ${t.name.padEnd(width)}  ${t.summary}`).join('\n');
  // commander ends each added help text with a newline of its own: this one ends in a blank line.
  return `\nHelp topics (ectl help <topic>):\n${lines}\n`;
}

/** Lists the topics in the help of the root and of `help` (call before the root's last lines). */
export function addHelpTopics(program: EctlCommand): void {
  program.addHelpText('after', topicsHelpText());
  // After the examples of `help`, which end in a blank line already.
  program.subs.find((c) => c.name() === 'help')?.addHelpText('after', topicsHelpText().slice(1));
}
