import { readdirSync, readFileSync } from 'node:fs';
import { modelProfileSchema, servedNamesFileSchema } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { findOllamaKnownModel, ollamaKnownModels } from './ollama-known-models.js';
import { ollamaModelIdPolicy } from './ollama-model-id-policy.js';

const profileIds = new Set(
  readdirSync(new URL('../../../catalog/models/', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((lab) =>
      readdirSync(new URL(`../../../catalog/models/${lab.name}/`, import.meta.url)).map((file) =>
        file.replace(/\.json$/, ''),
      ),
    ),
);

const modelsDir = new URL('../../../catalog/models/', import.meta.url);
const profiles = new Map(
  readdirSync(modelsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((lab) =>
      readdirSync(new URL(`${lab.name}/`, modelsDir)).map((file) =>
        modelProfileSchema.parse(JSON.parse(readFileSync(new URL(`${lab.name}/${file}`, modelsDir), 'utf8'))),
      ),
    )
    .map((profile) => [profile.id, profile] as const),
);
const servedNames = servedNamesFileSchema.parse(
  JSON.parse(readFileSync(new URL('../../../catalog/served-names/ollama.json', import.meta.url), 'utf8')),
);

describe('ollama well-known models', () => {
  it('are the rows of catalog/served-names/ollama.json, with the reasoning trait of each model profile', () => {
    expect(ollamaKnownModels.map(({ name, canonical, source }) => ({ name, canonical, source }))).toEqual(
      servedNames.names.map(({ name, model, source }) => ({ name, canonical: model, source: source.url })),
    );
    for (const model of ollamaKnownModels) {
      const dialect = profiles.get(model.canonical)?.openWeights.reasoningDialect;
      const value = dialect === undefined || dialect === 'unknown' ? undefined : dialect.value;
      expect(model.reasoning, model.name).toBe(value === 'gpt-oss' || value === 'non-thinking' ? value : undefined);
    }
  });

  it('keeps the reasoning traits it had before they moved to the model profiles', () => {
    expect(
      Object.fromEntries(
        ollamaKnownModels.filter((model) => model.reasoning).map((model) => [model.name, model.reasoning]),
      ),
    ).toEqual({
      'gpt-oss:120b': 'gpt-oss',
      'gpt-oss:120b-cloud': 'gpt-oss',
      'gpt-oss:20b': 'gpt-oss',
      'qwen3-coder:480b': 'non-thinking',
      'qwen3-coder-next': 'non-thinking',
    });
  });

  it('name only existing canonical models, with a source URL, under valid and distinct names', () => {
    const keys = new Set<string>();
    for (const model of ollamaKnownModels) {
      expect(profileIds.has(model.canonical), model.canonical).toBe(true);
      expect(new URL(model.source).protocol).toBe('https:');
      expect(
        ollamaModelIdPolicy.classify(model.name, {
          providerId: 'ollama',
          endpoint: { key: 'chat', baseUrl: 'http://127.0.0.1:11434/v1', official: true },
        }).kind,
      ).toBe('pass-through');
      const key = ollamaModelIdPolicy.lookupKey?.(model.name) ?? model.name;
      expect(keys.has(key), model.name).toBe(false);
      keys.add(key);
    }
  });

  it('includes the names the catalog expects', () => {
    expect(ollamaKnownModels.map((model) => model.name)).toEqual(
      expect.arrayContaining([
        'gpt-oss:120b',
        'gpt-oss:20b',
        'qwen3-coder:480b',
        'qwen3-coder-next',
        'kimi-k2.6',
        'kimi-k2.7-code',
        'glm-5.1',
        'glm-4.7',
        'deepseek-v4-pro',
        'deepseek-v4-flash',
        'llama3.3:70b',
        'gpt-oss:120b-cloud',
      ]),
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
