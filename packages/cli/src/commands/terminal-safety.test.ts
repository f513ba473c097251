// @see issue 13 item 8: provider-controlled text (model ids, error bodies, versions, loaded model names) must never reach
// a terminal with raw control characters: no ESC/CSI/OSC/BEL, no 8-bit CSI (\x9b), no carriage return or line break that
// fakes a line, with or without colour. JSON output stays exact (same values once parsed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { discoverOutputSchema, healthOutputSchema, modelsOutputSchema, usageOutputSchema } from '../output/schemas.js';
import { closeReplays, createSandbox, json, replay, type CliRun } from '../test-utils/cli-harness.js';

const sandbox = createSandbox();

/** Hostile text a malicious server sends: clear screen, set the title, write the clipboard (OSC 52), 8-bit CSI, a forged colour, a fake line. */
const HOSTILE = {
  clear: 'evil\u001b[2J\u001b[H-model',
  title: 'title\u001b]0;pwned\u0007-model',
  clipboard: 'clip\u001b]52;c;ZWNobyBwd25lZA==\u001b\\-model',
  csi8: 'csi8\u009b2J\u009b31m-model',
  forged: '\u001b[31mforged-red\u001b[39m-model',
  fake: 'two\r\nFAKE: vllm up-model',
  bidi: 'bidi\u202egnp.exe-model',
} as const;
const ids = Object.values(HOSTILE);
const errorBody = `engine dead\u001b[2J\u001b]0;owned\u0007\u009b31m\nFAKE LINE`;

/** Anything a terminal could act on: C0 controls but tab and newline, ESC, DEL, C1 (8-bit CSI, OSC...), bidi overrides. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** The CLI's own colour sequences (allowed only when colour is on). */
const OWN_STYLES = /\u001b\[(?:0|1|2|22|31|32|33|36|39)m/g;

function expectTerminalSafe(run: CliRun, colour: boolean): void {
  for (const [stream, text] of [
    ['stdout', run.stdout],
    ['stderr', run.stderr],
  ] as const) {
    const rest = colour ? text.replace(OWN_STYLES, '') : text;
    const match = CONTROL.exec(rest);
    expect(
      match,
      `${stream} has a raw control character ${JSON.stringify(match?.[0])} near ${JSON.stringify(rest.slice(Math.max(0, (match?.index ?? 0) - 30), (match?.index ?? 0) + 30))}`,
    ).toBeNull();
    // A forged colour from the server is shown escaped, never applied.
    expect(text).not.toContain('\u001b[31mforged');
    expect(text).not.toMatch(/^FAKE/m);
  }
}

beforeAll(async () => {
  const vllm = await replay({
    'GET /v1/models': {
      status: 200,
      json: { object: 'list', data: ids.map((id) => ({ id, object: 'model', owned_by: 'vllm', max_model_len: 4096 })) },
    },
    'GET /health': { status: 200, text: '' },
    'GET /version': { status: 200, json: { version: `0.9\u001b]0;version-title\u0007\u009b2J` } },
  });
  const sglang = await replay({
    'GET /v1/models': {
      status: 500,
      json: { object: 'error', message: errorBody, type: 'InternalServerError', code: 500 },
    },
  });
  const ollama = await replay({
    'GET /api/tags': {
      status: 200,
      json: {
        models: ids
          .slice(0, 3)
          .map((name) => ({ name, model: name, size: 1, digest: 'a'.repeat(64), details: { family: 'x' } })),
      },
    },
    'GET /api/version': { status: 200, json: { version: '0.12.0' } },
    'GET /api/ps': {
      status: 200,
      json: { models: [{ name: HOSTILE.title, model: HOSTILE.title, size: 1, size_vram: 1024, context_length: 2048 }] },
    },
    'POST /api/show': { status: 500, json: { error: errorBody } },
  });
  sandbox.writeConfig(
    [
      '[providers.vllm]',
      `base_url = "${vllm.url}/v1"`,
      '',
      '[providers.sglang]',
      `base_url = "${sglang.url}/v1"`,
      '',
      '[providers.ollama]',
      `base_url = "${ollama.url}/v1"`,
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await closeReplays();
  sandbox.cleanup();
});

describe.each([
  ['NO_COLOR', { NO_COLOR: '1' }, false],
  ['FORCE_COLOR', { FORCE_COLOR: '1' }, true],
] as const)('untrusted text reaches the terminal escaped (%s)', (_name, env, colour) => {
  it('discover, models, health, usage and providers print hostile ids and error bodies escaped', async () => {
    const discover = await sandbox.run(['discover', '--provider', 'vllm,sglang,ollama'], { env });
    expect(discover.code).toBe(EXIT_CODES.network);
    expectTerminalSafe(discover, colour);
    // (plugin-kit's error normalisation already folds the body's line break; the rest arrives as the server sent it.)
    expect(discover.stdout).toContain('engine dead\\x1b[2J\\x1b]0;owned\\x07');

    const models = await sandbox.run(['models', '--provider', 'vllm,ollama'], { env });
    expect(models.code, models.stderr).toBe(EXIT_CODES.ok);
    expectTerminalSafe(models, colour);
    expect(models.stdout).toContain('vllm:title\\x1b]0;pwned\\x07-model');
    expect(models.stdout).toContain('vllm:csi8\\x9b2J\\x9b31m-model');
    expect(models.stdout).toContain('vllm:two\\r\\nFAKE: vllm up-model');
    expect(models.stdout).toContain('vllm:bidi\\u202egnp.exe-model');

    const live = await sandbox.run(['models', '--provider', 'sglang', '--live'], { env });
    expectTerminalSafe(live, colour);

    const health = await sandbox.run(['health', '--provider', 'vllm,sglang,ollama'], { env });
    expectTerminalSafe(health, colour);
    expect(health.stdout).toContain('0.9\\x1b]0;version-title\\x07\\x9b2J');

    const usage = await sandbox.run(['usage', '--provider', 'ollama'], { env });
    expectTerminalSafe(usage, colour);
    expect(usage.stdout).toContain('title\\x1b]0;pwned\\x07-model');

    expectTerminalSafe(await sandbox.run(['providers'], { env }), colour);
    expectTerminalSafe(await sandbox.run(['explain', '--provider', 'vllm', '--model', HOSTILE.clear], { env }), colour);
    expectTerminalSafe(await sandbox.run(['explain', '--provider', `x\u001b]0;t\u0007`], { env }), colour);
  });
});

describe('JSON output stays exact', () => {
  it('keeps the hostile values as they were sent (control characters as JSON escapes)', async () => {
    const discover = await sandbox.run(['discover', '--provider', 'sglang', '--json'], { env: { FORCE_COLOR: '1' } });
    expect(CONTROL.test(discover.stdout)).toBe(false);
    expect(discoverOutputSchema.parse(json(discover)).results[0]?.error?.message).toContain(
      'engine dead\u001b[2J\u001b]0;owned\u0007',
    );

    const models = await sandbox.run(['models', '--provider', 'vllm', '--json'], { env: { FORCE_COLOR: '1' } });
    expect(CONTROL.test(models.stdout)).toBe(false);
    expect(modelsOutputSchema.parse(json(models)).models.map((row) => row.wireId)).toEqual(expect.arrayContaining(ids));

    const health = await sandbox.run(['health', '--provider', 'vllm', '--json']);
    expect(CONTROL.test(health.stdout)).toBe(false);
    expect(healthOutputSchema.parse(json(health)).checks[0]?.result.version).toBe(
      `0.9\u001b]0;version-title\u0007\u009b2J`,
    );

    const usage = await sandbox.run(['usage', '--provider', 'ollama', '--json']);
    expect(CONTROL.test(usage.stdout)).toBe(false);
    expect(JSON.stringify(usageOutputSchema.parse(json(usage)).reports[0]?.reading)).toContain(
      JSON.stringify(HOSTILE.title).slice(1, -1),
    );
  });
});
