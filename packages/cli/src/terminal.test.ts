// Screenshot-level check: run `explain` and `compare` in a real terminal (tmux), capture the pane, and compare it with
// the text kept in __fixtures__/tmux-*.txt, so layout changes show up in review. Update with `vitest -u`.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, closeReplays, createSandbox, replay } from './test-utils/cli-harness.js';

const tmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
const available = tmux.status === 0;
// CI must run it (the CI script installs tmux); elsewhere a missing tmux skips it with this reason.
if (!available && process.env.CI === 'true')
  throw new Error('tmux is required in CI for the terminal screenshot tests (apt-get install -y tmux).');

const sandbox = createSandbox();
afterAll(async () => {
  await closeReplays();
  sandbox.cleanup();
});
const WIDTH = 150;
const HEIGHT = 60;
// How long one CLI run may take to finish in the tmux pane (a test may take a few screenshots: see its own timeout).
const FINISH_WITHIN_MS = 25_000;

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** Run the CLI in a detached tmux pane of WIDTH x HEIGHT and capture what the terminal shows (and the pane's title). */
async function screenshot(
  args: readonly string[],
  extraEnv: Readonly<Record<string, string>> = {},
  escapes = false,
  seen?: { title?: string },
): Promise<string> {
  const socket = `codewhale-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const env = Object.entries(sandbox.env({ TERM: 'xterm-256color', ...extraEnv }))
    .map(([name, value]) => `${name}=${quote(value)}`)
    .join(' ');
  const command = `printf 'BEFORE\\n'; env -i ${env} ${quote(process.execPath)} ${quote(BIN)} ${args.map(quote).join(' ')}; printf '\\n__END__'; sleep 120`;
  const run = (tmuxArgs: string[]) =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...tmuxArgs], { encoding: 'utf8' });
  run(['new-session', '-d', '-s', 'cw', '-x', String(WIDTH), '-y', String(HEIGHT), command]);
  try {
    // A generous deadline: a busy shared 2-core machine can take seconds to start a Node process under tmux.
    const deadline = Date.now() + FINISH_WITHIN_MS;
    while (Date.now() < deadline) {
      const pane = run(['capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', 'cw']);
      if (pane.includes('__END__')) {
        // The line printed before the CLI ran is still there: nothing cleared the screen.
        if (!pane.includes('BEFORE\n')) throw new Error(`the screen was cleared:\n${pane}`);
        if (seen) seen.title = run(['display-message', '-p', '-t', 'cw', '#{pane_title}']).trim();
        return pane.slice(pane.indexOf('BEFORE\n') + 'BEFORE\n'.length, pane.indexOf('__END__')).trimEnd();
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the CLI did not finish within ${FINISH_WITHIN_MS / 1000} s in tmux`);
  } finally {
    run(['kill-server']);
  }
}

/** Replace what changes between runs: temp paths and source ages in days. */
function normalise(text: string): string {
  return `${text
    .split(sandbox.dir)
    .join('<tmp>')
    .replace(/\((\d+)d\)/g, '(Nd)')}\n`;
}

describe.skipIf(!available)('in a terminal (tmux)', { timeout: 120_000 }, () => {
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

  // @see issue 14 item 2 (CLI polish): the BSD/macOS convention; CLICOLOR_FORCE does not beat NO_COLOR.
  it('colours a terminal with CLICOLOR=1, never with CLICOLOR=0 or with NO_COLOR and CLICOLOR_FORCE=1', async () => {
    expect(await screenshot(['compare', 'deepseek-v4-pro'], { CLICOLOR: '1' }, true)).toMatch(/\u001b\[/);
    expect(await screenshot(['compare', 'deepseek-v4-pro'], { CLICOLOR: '0' }, true)).not.toMatch(/\u001b\[/);
    expect(await screenshot(['compare', 'deepseek-v4-pro'], { CLICOLOR_FORCE: '1', NO_COLOR: '1' }, true)).not.toMatch(
      /\u001b\[/,
    );
  });

  // @see issue 13 item 8: on a real terminal, with the progress display (cursor moves) and colour on, a hostile server
  // clears nothing, sets no title and shows its escape sequences as text.
  it('shows what a hostile server sends as text: no screen clearing, no title change', async () => {
    const hostile = await replay({
      'GET /v1/models': {
        status: 500,
        json: { object: 'error', message: 'dead\u001b[2J\u001b[H\u001b]0;pwned-title\u0007\u009b2J', code: 500 },
      },
    });
    const models = await replay({
      'GET /v1/models': {
        status: 200,
        json: { object: 'list', data: [{ id: 'ok\u001b]2;pwned-title\u001b\\-model', object: 'model' }] },
      },
    });
    const config = `${sandbox.dir}/hostile.toml`;
    writeFileSync(
      config,
      `[providers.sglang]\nbase_url = "${hostile.url}/v1"\n\n[providers.vllm]\nbase_url = "${models.url}/v1"\n`,
    );
    for (const args of [
      ['discover', '--provider', 'sglang,vllm'],
      ['models', '--provider', 'vllm'],
    ]) {
      const seen: { title?: string } = {};
      const pane = await screenshot(args, { CODEWHALE_CONFIG: config }, false, seen);
      expect(seen.title).not.toContain('pwned');
      if (args[0] === 'discover') {
        expect(pane).toContain('dead\\x1b[2J\\x1b[H\\x1b]0;pwned-title\\x07\\x9b2J');
        expect(pane).toMatch(/2 providers: 1 refreshed, 0 skipped, 1 failed/);
      } else expect(pane).toContain('vllm:ok\\x1b]2;pwned-title\\x1b\\-model');
    }
  });
});
