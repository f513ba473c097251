import { readdirSync, readFileSync } from 'node:fs';
import { modelProfileSchema } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { findVllmKnownModel, vllmKnownModels } from './vllm-known-models.js';

const modelsDir = new URL('../../../catalog/models/', import.meta.url);
const profiles = readdirSync(modelsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((lab) =>
    readdirSync(new URL(`${lab.name}/`, modelsDir)).map((file) =>
      modelProfileSchema.parse(JSON.parse(readFileSync(new URL(`${lab.name}/${file}`, modelsDir), 'utf8'))),
    ),
  );

describe('vllm well-known served names', () => {
  it('are exactly the catalog profiles with a Hugging Face repo id, with the profile source and reasoning dialect', () => {
    const expected = profiles.flatMap((profile) => {
      const repo = profile.openWeights.huggingFaceRepo;
      if (repo === 'unknown') return [];
      const dialect = profile.openWeights.reasoningDialect;
      return [
        {
          name: repo.value,
          canonical: profile.id,
          source: repo.source.url,
          ...(dialect && dialect !== 'unknown' ? { reasoning: dialect.value } : {}),
        },
      ];
    });
    expect(expected.length).toBeGreaterThanOrEqual(12);
    expect([...vllmKnownModels].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      expected.sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(new Set(vllmKnownModels.map((model) => model.name)).size).toBe(vllmKnownModels.length);
  });

  it('keeps the names and dialects it recognised before the tables moved to the profiles, byte-for-byte', () => {
    expect(vllmKnownModels.map((model) => model.name)).toEqual(
      expect.arrayContaining([
        'deepseek-ai/DeepSeek-V4-Pro',
        'deepseek-ai/DeepSeek-V4-Flash',
        'Qwen/Qwen3-Coder-480B-A35B-Instruct',
        'Qwen/Qwen3-Coder-Next',
        'openai/gpt-oss-120b',
        'openai/gpt-oss-20b',
        'moonshotai/Kimi-K2.6',
        'moonshotai/Kimi-K2.7-Code',
        'moonshotai/Kimi-K2-Instruct-0905',
        'zai-org/GLM-5.1',
        'zai-org/GLM-4.7',
        'meta-llama/Llama-3.3-70B-Instruct',
      ]),
    );
    expect(
      Object.fromEntries(
        vllmKnownModels.filter((model) => model.reasoning).map((model) => [model.name, model.reasoning]),
      ),
    ).toEqual({
      'deepseek-ai/DeepSeek-V4-Pro': 'deepseek-v4',
      'deepseek-ai/DeepSeek-V4-Flash': 'deepseek-v4',
      'Qwen/Qwen3-Coder-480B-A35B-Instruct': 'non-thinking',
      'Qwen/Qwen3-Coder-Next': 'non-thinking',
      'openai/gpt-oss-120b': 'gpt-oss',
      'openai/gpt-oss-20b': 'gpt-oss',
    });
    expect(findVllmKnownModel('openai/gpt-oss-120b')?.canonical).toBe('gpt-oss-120b');
    expect(findVllmKnownModel('OpenAI/gpt-oss-120b')).toBeUndefined();
    expect(findVllmKnownModel('constructor')).toBeUndefined();
  });
});
