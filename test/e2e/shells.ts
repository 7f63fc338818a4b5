// Real shells for the completion tests: bash and zsh driven through a pseudo-terminal (util-linux
// `script`), pressing Tab and reading the completed line back; fish through `complete -C`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, which } from '../harness/bins.js';
import { ECTL_BIN, REPO_ROOT } from '../harness/run.js';
import { trackPid, untrackPid } from '../harness/pids.js';

export type Shell = 'bash' | 'zsh' | 'fish';

/** Why a shell's tests cannot run here, or undefined when they can. */
export function missing(shell: Shell): string | undefined {
  if (!which(shell))
    return `${shell} not found: install it (apt-get install ${shell}) or run npm test as root`;
  if (shell !== 'fish' && !which('script')) return 'util-linux `script` (a pty) not found';
  return undefined;
}

/** A scratch HOME whose bin/ has `ectl` (the built one), put first on PATH. */
export function scratch(): { env: Record<string, string>; dispose: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'ectl-shell-'));
  symlinkSync(ECTL_BIN, join(home, 'ectl'));
  const env = cleanEnv({ HOME: home, PATH: `${home}:${process.env.PATH ?? ''}`, TERM: 'xterm' });
  return { env, dispose: () => rmSync(home, { recursive: true, force: true }) };
}

const scriptFile = {
  bash: join(REPO_ROOT, 'completions/ectl.bash'),
  zsh: join(REPO_ROOT, 'completions/_ectl'),
  fish: join(REPO_ROOT, 'completions/ectl.fish'),
};

/** Loads the checked-in script in a fresh shell; returns what the shell printed. */
export function loadScript(shell: Shell, env: Record<string, string>) {
  const probe = {
    bash: ['--norc', '--noprofile', '-c', `source ${scriptFile.bash} && complete -p ectl`],
    zsh: [
      '-f',
      '-c',
      `autoload -U compinit && compinit -u -D && source ${scriptFile.zsh} && print -r -- $_comps[ectl]`,
    ],
    fish: ['--no-config', '-c', `source ${scriptFile.fish}; and complete -c ectl`],
  }[shell];
  const r = spawnSync(shell, probe, { env, encoding: 'utf8', timeout: 10_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** fish's own completion of `line` (as typed, Tab at the end): one `value\tdescription` a line. */
export function fishComplete(line: string, env: Record<string, string>): string[] {
  const cmd = `source ${scriptFile.fish}; complete -C ${JSON.stringify(line)}`;
  const r = spawnSync('fish', ['--no-config', '-c', cmd], {
    env,
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (r.stderr) throw new Error(`fish: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

/**
 * Types each line into an interactive bash or zsh, presses Tab at its end, then makes the shell
 * echo the line as completed (Ctrl-A, `echo MARKn `, Enter). Returns the completed lines.
 */
export async function tabComplete(
  shell: 'bash' | 'zsh',
  lines: string[],
  env: Record<string, string>,
): Promise<string[]> {
  const interactive = shell === 'bash' ? 'bash --norc --noprofile -i' : 'zsh -f -i';
  const setup =
    shell === 'bash'
      ? `source ${scriptFile.bash}`
      : `autoload -U compinit; compinit -u -D; source ${scriptFile.zsh}; bindkey -e`;
  const child = spawn('script', ['-qfec', interactive, '/dev/null'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (child.pid) trackPid(child.pid, false);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
  const waitFor = (re: RegExp, ms: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const m = out
          .split(/\r\n|\r|\n/)
          .map((l) => re.exec(l))
          .find(Boolean);
        if (m) resolve(m);
        else if (Date.now() - started > ms)
          reject(new Error(`${shell}: no ${re} in:\n${JSON.stringify(out.slice(-2000))}`));
        else setTimeout(poll, 20);
      };
      poll();
    });
  try {
    child.stdin.write(`${setup}; echo READY\n`);
    await waitFor(/^READY$/, 10_000);
    const done: string[] = [];
    for (const [i, line] of lines.entries()) {
      child.stdin.write(`${line}\t\x01echo MARK${i} \n`);
      done.push((await waitFor(new RegExp(`^MARK${i} (.*?)\\s*$`), 10_000))[1]!);
    }
    return done;
  } finally {
    child.stdin.end('exit\n');
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await new Promise((r) => child.once('close', r));
    clearTimeout(timer);
    if (child.pid) untrackPid(child.pid);
  }
}
