// `envdiff completion bash|zsh|fish`, loaded into the real shells: bash through its programmable
// completion variables, zsh through a pseudo-terminal (zsh/zpty) pressing <Tab>, fish through
// `complete -C`. What they offer comes from the command declarations.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEnvdiff } from '../support/cli.js';
import { completionScript } from '../../src/cli/completion.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import type { CommandSpec } from '../../src/cli/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'envdiff-completion-'));
const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;

async function script(shell: string): Promise<string> {
  const r = await runEnvdiff(['completion', shell]);
  expect(r.exitCode, r.stderr).toBe(0);
  const file = join(dir, `envdiff.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

describe.skipIf(!has('bash'))('bash', () => {
  const complete = (file: string, words: string[]): string[] => {
    const program = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _envdiff_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = spawnSync('bash', ['-c', program], { encoding: 'utf8', cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.split('\n').filter(Boolean);
  };

  it('commands, options, choices and files', async () => {
    const file = await script('bash');
    expect(complete(file, ['envdiff', 'comp'])).toEqual(['compare', 'completion']);
    expect(complete(file, ['envdiff', 'compare', '--fo'])).toEqual(['--format']);
    expect(complete(file, ['envdiff', 'compare', 'a', 'b', '--format', ''])).toEqual([
      'table',
      'json',
      'markdown',
      'sarif',
      'junit',
      'github',
      'html',
    ]);
    expect(complete(file, ['envdiff', 'capture', '--engine', 'p'])).toEqual(['podman']);
    expect(complete(file, ['envdiff', 'capture', '--probe-t'])).toEqual(['--probe-timeout']);
    expect(complete(file, ['envdiff', 'help', 'sh'])).toEqual(['show']);
    expect(complete(file, ['envdiff', 'compare', 'envdiff.ba'])).toEqual(['envdiff.bash']);
  });
});

describe.skipIf(!has('fish'))('fish', () => {
  const complete = (file: string, line: string): string[] => {
    const r = spawnSync('fish', ['--no-config', '-c', `source ${file}; complete -C ${JSON.stringify(line)}`], {
      encoding: 'utf8',
      cwd: dir,
    });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0]!);
  };

  it('commands, options and choices', async () => {
    const file = await script('fish');
    expect(complete(file, 'envdiff comp').sort()).toEqual(['compare', 'completion']);
    expect(complete(file, 'envdiff compare --fo')).toEqual(['--format']);
    expect(complete(file, 'envdiff compare a b --format ').sort()).toEqual([
      'github',
      'html',
      'json',
      'junit',
      'markdown',
      'sarif',
      'table',
    ]);
    expect(complete(file, 'envdiff capture --engine ').sort()).toEqual(['docker', 'podman']);
    expect(complete(file, 'envdiff completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
  });
});

// Presses <Tab> after `$2` in an interactive zsh with the script loaded, and prints the screen.
const ZSH_DRIVER = `
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1=$'\\x3e' ; autoload -U compinit; compinit -u -D; source $1; setopt nobeep"
sleep 0.5
zpty -n -w z "$2"$'\\t'
out=''
# Read until the prompt has shown ('>', written \\x3e above so that the echo of that line holds
# none) and the screen has then been quiet for 1.5 s, at most 30 s: compinit on a loaded machine
# takes seconds before the line editor reads the line.
idle=0
for i in {1..300}; do
  got=0
  while zpty -r -t z chunk 2>/dev/null; do out+=$chunk; got=1; done
  if (( got )); then idle=0; else (( idle++ )); fi
  [[ $out == *'>'* ]] && (( idle >= 15 )) && break
  sleep 0.1
done
print -r -- "$out"
zpty -d z
`;

describe.skipIf(!has('zsh'))('zsh', () => {
  const complete = (file: string, line: string): string => {
    const driver = join(dir, 'driver.zsh');
    writeFileSync(driver, ZSH_DRIVER);
    const r = spawnSync('zsh', ['-f', driver, file, line], { encoding: 'utf8', cwd: dir, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    // The screen after the prompt line: what completion listed or inserted.
    // eslint-disable-next-line no-control-regex
    const text = r.stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
    return text.slice(text.lastIndexOf(`>${line.slice(0, 1)}`));
  };

  it('commands with their summaries, options and choices', async () => {
    const file = await script('zsh');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const commands = complete(file, 'envdiff comp');
    expect(commands).toMatch(/compare +-- report what will break/);
    expect(commands).toMatch(/completion +-- print a completion script/);
    const formats = complete(file, 'envdiff compare a b --format ');
    for (const f of ['table', 'json', 'markdown', 'sarif', 'junit', 'github', 'html']) expect(formats).toMatch(new RegExp(`(^|\\s)${f}`));
    expect(complete(file, 'envdiff capture --probe-t')).toContain('--probe-timeout');
  });
});

describe('one declaration', () => {
  it('a command or option added to the declarations is completed by every shell', () => {
    const extra: CommandSpec = {
      name: 'frobnicate',
      summary: 'a command added in one place',
      args: [],
      options: [{ name: 'wobble', value: 'LEVEL', description: 'how much', choices: ['low', 'high'] }],
      examples: [],
      run: () => Promise.resolve(0 as const),
    };
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const text = completionScript(shell, { program: 'envdiff', commands: [...COMMANDS, extra] });
      expect(text, shell).toContain('frobnicate');
      expect(text, shell).toContain('wobble');
      expect(text, shell).toMatch(/low.high/);
      for (const spec of COMMANDS) for (const o of spec.options) expect(text, `${shell} --${o.name}`).toContain(o.name);
    }
  });
});
