// `version`: etcdctl's version_command.go — two lines, no server contact, any -w ignored.
import type { EctlCommand } from '../../cli/command.js';
import { apiVersion, ectlVersion } from '../../version.js';

/** The text `version` prints. */
export function versionText(): string {
  return `ectl version: ${ectlVersion}\nAPI version: ${apiVersion}\n`;
}

/** Registers `version`. */
export function register(program: EctlCommand): void {
  program
    .command('version')
    .description('Prints the version of ectl')
    .examples(['ectl version'])
    .handle(async (ctx) => ctx.write(versionText()));
}
