// Screenshot-level check: run `explain` and `compare` in a real terminal (tmux), capture the pane, and compare it with
// the text kept in __fixtures__/tmux-*.txt, so layout changes show up in review. Update with `vitest -u`.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, createSandbox } from './test-utils/cli-harness.js';

const tmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
const available = tmux.status === 0;
// CI must run it (the CI script installs tmux); elsewhere a missing tmux skips it with this reason.
if (!available && process.env.CI === 'true') throw new Error('tmux is required in CI for the terminal screenshot tests (apt-get install -y tmux).');

const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());
const WIDTH = 150;
const HEIGHT = 60;

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Run the CLI in a detached tmux pane of WIDTH x HEIGHT and capture what the terminal shows. */
async function screenshot(args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}, escapes = false): Promise<string> {
  const socket = `codewhale-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const env = Object.entries(sandbox.env({ TERM: 'xterm-256color', ...extraEnv })).map(([name, value]) => `${name}=${quote(value)}`).join(' ');
  const command = `env -i ${env} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; printf '\\n__END__'; sleep 30`;
  const run = (tmuxArgs: string[]) => execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...tmuxArgs], { encoding: 'utf8' });
  run(['new-session', '-d', '-s', 'cw', '-x', String(WIDTH), '-y', String(HEIGHT), command]);
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      const pane = run(['capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'cw']);
      if (pane.includes('__END__')) return pane.slice(0, pane.indexOf('__END__')).trimEnd();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the CLI did not finish within 10 s in tmux');
  } finally {
    run(['kill-server']);
  }
}

/** Replace what changes between runs: temp paths and source ages in days. */
function normalise(text: string): string {
  return `${text.split(sandbox.dir).join('<tmp>').replace(/\((\d+)d\)/g, '(Nd)')}\n`;
}

describe.skipIf(!available)('in a terminal (tmux)', () => {
  it('explain keeps its layout', async () => {
    const pane = await screenshot(['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro']);
    await expect(normalise(pane)).toMatchFileSnapshot('./__fixtures__/tmux-explain.txt');
  });

  it('compare keeps its layout', async () => {
    const pane = await screenshot(['compare', 'deepseek-v4-pro']);
    await expect(normalise(pane)).toMatchFileSnapshot('./__fixtures__/tmux-compare.txt');
  });

  it('colours a terminal, and never with NO_COLOR', async () => {
    const coloured = await screenshot(['compare', 'deepseek-v4-pro'], {}, true);
    expect(coloured).toMatch(/\u001b\[/);
    const plain = await screenshot(['compare', 'deepseek-v4-pro'], { NO_COLOR: '1' }, true);
    expect(plain).not.toMatch(/\u001b\[/);
  });
});
