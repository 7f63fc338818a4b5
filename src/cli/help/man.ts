// ectl(1), the man page, rendered from the same data as the help: each command's usage line,
// description, options (with their defaults, as EctlHelp shows them) and examples, grouped as the
// root help groups them; then the global options, the help topics and shell completion.
import type { Option } from 'commander';
import type { EctlCommand } from '../command.js';
import { completionInstallText } from '../completion/scripts.js';
import { globalFlags } from '../globals.js';
import { optionFor } from '../command.js';
import { helpTopics } from './topics.js';

/** Escapes prose for roff: backslashes, a dot or quote starting a line, non-ASCII characters. */
function prose(text: string): string {
  return text
    .replace(/\\/g, '\\e')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(
      /[^\x00-\x7f]/gu,
      (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`,
    );
}

/** Code (usage, options, examples): also every `-` is a minus sign, as options need. */
function roff(text: string): string {
  return prose(text).replace(/-/g, '\\-');
}

function visible(cmd: EctlCommand): EctlCommand[] {
  const help = cmd.createHelp();
  return help.visibleCommands(cmd) as EctlCommand[];
}

function optionEntries(cmd: EctlCommand, options: readonly Option[]): string {
  const help = cmd.createHelp();
  return options
    .map((o) => `.TP\n.B ${roff(o.flags)}\n${prose(help.optionDescription(o))}\n`)
    .join('');
}

function commandSection(cmd: EctlCommand): string {
  const help = cmd.createHelp();
  let out = `.SS "${roff(help.commandUsage(cmd))}"\n${prose(cmd.description())}\n`;
  const options = help.visibleOptions(cmd);
  if (options.length > 0) out += `.PP\nOptions:\n.RS 4\n${optionEntries(cmd, options)}.RE\n`;
  if (cmd.exampleLines.length > 0) {
    out += `.PP\nExamples:\n.PP\n.RS 4\n.nf\n${cmd.exampleLines.map(roff).join('\n')}\n.fi\n.RE\n`;
  }
  return out + visible(cmd).map(commandSection).join('');
}

function groups(program: EctlCommand): Map<string, EctlCommand[]> {
  const out = new Map<string, EctlCommand[]>();
  for (const cmd of visible(program)) {
    const name = (cmd.helpGroup() || 'Commands:').replace(/:$/, '');
    out.set(name, [...(out.get(name) ?? []), cmd]);
  }
  return out;
}

function topicSection(title: string, name: string): string {
  const topic = helpTopics.find((t) => t.name === name)!;
  const rows = topic
    .rows()
    .map(([term, meaning]) => `.TP\n.B ${roff(term)}\n${prose(meaning)}\n`)
    .join('');
  return `.SH ${title}\n${prose(topic.intro)}\n${rows}.PP\n${prose(topic.outro)}\n`;
}

/** The man page of the tree rooted at `program`, for ectl `version`. */
export function manPage(program: EctlCommand, version: string): string {
  const global = globalFlags.filter((f) => !f.hidden).map(optionFor);
  let out =
    `.\\" Generated from ectl's help by \`npm run gen:docs\`; do not edit.\n` +
    `.TH ECTL 1 "" "ectl ${roff(version)}" "User Commands"\n` +
    `.SH NAME\nectl \\- a drop\\-in replacement for etcdctl, the etcd v3 command\\-line client\n` +
    `.SH SYNOPSIS\n.B ectl\n${roff(program.usage())}\n` +
    `.SH DESCRIPTION\n${prose(program.description())}\n.PP\n` +
    'ectl has the commands, flags, positional rules, ETCDCTL_* variables, output bytes and exit ' +
    'codes of etcdctl, so a script written for etcdctl runs unchanged. ' +
    'Flags may appear anywhere among the arguments; any unambiguous prefix of a command works.\n' +
    `.PP\n"ectl help <command>" and "ectl <command> \\-\\-help" print what this page says of a command.\n`;
  for (const [name, cmds] of groups(program)) {
    out += `.SH "${roff(name.toUpperCase())}"\n${cmds.map(commandSection).join('')}`;
  }
  out += `.SH "GLOBAL OPTIONS"\nThese options apply to every command (see also "ectl options").\n`;
  out += optionEntries(program, global);
  out += topicSection('ENVIRONMENT', 'environment');
  out += topicSection('"EXIT STATUS"', 'exit-codes');
  out += `.SH "SHELL COMPLETION"\n.nf\n${roff(completionInstallText.trim())}\n.fi\n`;
  out += '.SH "SEE ALSO"\n.BR etcdctl (1),\n.BR etcd (1)\n';
  return out;
}
