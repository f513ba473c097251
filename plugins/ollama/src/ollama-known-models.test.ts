import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findOllamaKnownModel, ollamaKnownModels } from './ollama-known-models.js';
import { ollamaModelIdPolicy } from './ollama-model-id-policy.js';

const profileIds = new Set(
  readdirSync(new URL('../../../catalog/models/', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((lab) => readdirSync(new URL(`../../../catalog/models/${lab.name}/`, import.meta.url)).map((file) => file.replace(/\.json$/, ''))),
);

describe('ollama well-known models', () => {
  it('name only existing canonical models, with a source URL, under valid and distinct names', () => {
    const keys = new Set<string>();
    for (const model of ollamaKnownModels) {
      expect(profileIds.has(model.canonical), model.canonical).toBe(true);
      expect(new URL(model.source).protocol).toBe('https:');
      expect(ollamaModelIdPolicy.classify(model.name, { providerId: 'ollama', endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:11434/v1', official: true } }).kind).toBe('pass-through');
      const key = ollamaModelIdPolicy.lookupKey?.(model.name) ?? model.name;
      expect(keys.has(key), model.name).toBe(false);
      keys.add(key);
    }
  });

  it('includes the names the catalog expects', () => {
    expect(ollamaKnownModels.map((model) => model.name)).toEqual(
      expect.arrayContaining(['gpt-oss:120b', 'gpt-oss:20b', 'qwen3-coder:480b', 'qwen3-coder-next', 'kimi-k2.6', 'kimi-k2.7-code', 'glm-5.1', 'glm-4.7', 'deepseek-v4-pro', 'deepseek-v4-flash', 'llama3.3:70b', 'gpt-oss:120b-cloud']),
    );
  });

  it('finds by case-insensitive name with :latest implied, and strips a -cloud tag suffix', () => {
    expect(findOllamaKnownModel('Kimi-K2.6:Latest')?.canonical).toBe('kimi-k2.6');
    expect(findOllamaKnownModel('qwen3-coder:480b-cloud')?.canonical).toBe('qwen3-coder-480b-a35b');
    expect(findOllamaKnownModel('glm-5.1-cloud')).toBeUndefined();
    expect(findOllamaKnownModel('gpt-oss')).toBeUndefined();
    expect(findOllamaKnownModel('constructor')).toBeUndefined();
  });
});
