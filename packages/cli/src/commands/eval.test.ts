import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { evalCompareOutputSchema, evalReportOutputSchema, evalRunOutputSchema } from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';

// @see issue 19 items 2 and 4: `eval run` sends the suite's cases to each route, `eval report` and `eval compare` read
// the run back. Two loopback vLLM servers: one answers every case right, the other answers "no" to everything.

const sandbox = createSandbox();
const servers: Server[] = [];
const bodies: Record<string, unknown>[] = [];

async function server(answer: (prompt: string) => string): Promise<string> {
  const created = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => {
      raw += chunk;
    });
    request.on('end', () => {
      const body = JSON.parse(raw) as { model: string; messages: { content: string }[] };
      bodies.push(body as unknown as Record<string, unknown>);
      const prompt = body.messages.at(-1)?.content ?? '';
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          created: 1,
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer(prompt) }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
        }),
      );
    });
  });
  servers.push(created);
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}

let env: Record<string, string>;
const suiteDir = join(sandbox.dir, 'suite');

beforeAll(async () => {
  const right = await server((prompt) => (prompt.includes('2+2') ? '4' : 'Paris'));
  const wrong = await server(() => 'no');
  mkdirSync(suiteDir, { recursive: true });
  writeFileSync(
    join(suiteDir, 'suite.toml'),
    'name = "tiny"\ncases = "cases.jsonl"\n\n[settings]\nmax_output_tokens = 16\ntemperature = 0\n',
  );
  writeFileSync(
    join(suiteDir, 'cases.jsonl'),
    [
      { id: 'sum', messages: [{ role: 'user', content: 'What is 2+2?' }], graders: [{ type: 'contains', value: '4' }] },
      {
        id: 'capital',
        messages: [{ role: 'user', content: 'Capital of France?' }],
        graders: [{ type: 'contains', value: 'Paris' }],
      },
    ]
      .map((entry) => JSON.stringify(entry))
      .join('\n'),
  );
  const config = join(sandbox.dir, 'eval.toml');
  writeFileSync(config, `[providers.vllm]\nbase_url = "${right}/v1"\n\n[providers.sglang]\nbase_url = "${wrong}/v1"\n`);
  env = { CODEWHALE_CONFIG: config, CODEWHALE_STATE_DIR: join(sandbox.dir, 'state') };
});
afterAll(async () => {
  for (const each of servers) await new Promise((resolve) => each.close(resolve));
  sandbox.cleanup();
});

describe('codewhale-route eval', () => {
  it('runs a suite on two routes with the same bytes, reports per route and per case, and compares runs', async () => {
    const routes = 'vllm:My-Org/Model,sglang:My-Org/Model';
    const run = await sandbox.run(['eval', 'run', join(suiteDir, 'suite.toml'), '--routes', routes, '--json'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    expect(evalRunOutputSchema.safeParse(json(run)).error).toBeUndefined();
    const out = json(run) as {
      runId: string;
      report: { routes: { ref: string; passed: number; runs: number }[]; cases: { id: string; passedOn: string[] }[] };
    };
    expect(out.report.routes.map(({ ref, passed, runs }) => ({ ref, passed, runs }))).toEqual([
      { ref: 'vllm:My-Org/Model', passed: 2, runs: 2 },
      { ref: 'sglang:My-Org/Model', passed: 0, runs: 2 },
    ]);
    expect(out.report.cases.map(({ id, passedOn }) => ({ id, passedOn }))).toEqual([
      { id: 'sum', passedOn: ['vllm:My-Org/Model'] },
      { id: 'capital', passedOn: ['vllm:My-Org/Model'] },
    ]);
    // The same request bytes to both routes, apart from the wire id (here the same) and reasoning (none).
    const sums = bodies.filter((body) => JSON.stringify(body).includes('2+2'));
    expect(sums).toHaveLength(2);
    expect(sums[0]).toEqual(sums[1]);

    const reported = await sandbox.run(['eval', 'report', out.runId, '--json'], { env });
    expect(evalReportOutputSchema.safeParse(json(reported)).error).toBeUndefined();
    const text = await sandbox.run(['eval', 'report', out.runId], { env });
    expect(text.code, text.stderr).toBe(EXIT_CODES.ok);
    expect(text.stdout).toMatch(/vllm:My-Org\/Model\s+2\/2\s+100%/);
    expect(text.stdout).toMatch(/sglang:My-Org\/Model\s+0\/2\s+0%/);

    const again = json(
      await sandbox.run(['eval', 'run', join(suiteDir, 'suite.toml'), '--routes', routes, '--json'], { env }),
    ) as {
      runId: string;
    };
    const compared = await sandbox.run(['eval', 'compare', out.runId, again.runId, '--json'], { env });
    expect(compared.code, compared.stderr).toBe(EXIT_CODES.ok);
    expect(evalCompareOutputSchema.safeParse(json(compared)).error).toBeUndefined();
    expect(json(compared)).toMatchObject({ comparison: { sameSuite: true, changedCases: [], flips: [] } });
  });

  it('refuses a suite it cannot read, naming the file and the fix (exit 5), and an unknown run (exit 2)', async () => {
    writeFileSync(join(suiteDir, 'broken.toml'), 'name = "broken"\ncases = "missing.jsonl"\n');
    const broken = await sandbox.run(['eval', 'run', join(suiteDir, 'broken.toml'), '--routes', 'vllm:x'], { env });
    expect(broken.code).toBe(EXIT_CODES.config);
    expect(broken.stderr).toContain('missing.jsonl');
    const unknown = await sandbox.run(['eval', 'report', 'no-such-run'], { env });
    expect(unknown.code).toBe(EXIT_CODES.usage);
    expect(unknown.stderr).toContain('No eval run "no-such-run"');
  });
});
