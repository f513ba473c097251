import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findSglangKnownModel, sglangKnownModels } from './sglang-known-models.js';

const profileIds = new Set(
  readdirSync(new URL('../../../catalog/models/', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((lab) => readdirSync(new URL(`../../../catalog/models/${lab.name}/`, import.meta.url)).map((file) => file.replace(/\.json$/, ''))),
);

describe('sglang well-known served names', () => {
  it('name only existing canonical models, each with a source, under distinct names', () => {
    expect(new Set(sglangKnownModels.map((model) => model.name)).size).toBe(sglangKnownModels.length);
    for (const model of sglangKnownModels) {
      expect(profileIds.has(model.canonical), model.canonical).toBe(true);
      expect(model.source).toBe(`https://huggingface.co/${model.name}`);
    }
  });

  it('includes the ids the catalog expects and matches byte-for-byte', () => {
    expect(sglangKnownModels.map((model) => model.name)).toEqual(
      expect.arrayContaining(['deepseek-ai/DeepSeek-V4-Pro', 'deepseek-ai/DeepSeek-V4-Flash', 'Qwen/Qwen3-Coder-480B-A35B-Instruct', 'openai/gpt-oss-120b', 'openai/gpt-oss-20b']),
    );
    expect(findSglangKnownModel('openai/gpt-oss-120b')?.canonical).toBe('gpt-oss-120b');
    expect(findSglangKnownModel('OpenAI/gpt-oss-120b')).toBeUndefined();
  });
});
