import { readdirSync, readFileSync } from 'node:fs';
import { modelProfileSchema, type ModelProfile } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { MODEL_REASONING_DIALECTS } from '../reasoning/model-reasoning-dialects.js';
import { hubServedModels } from './hub-served-models.js';

const source = { url: 'https://huggingface.co/acme/Acme-1', retrieved: '2026-11-21', kind: 'official' } as const;

function profile(id: string, openWeights: ModelProfile['openWeights']): ModelProfile {
  return {
    id,
    displayName: id,
    lab: 'acme',
    family: 'acme',
    limits: { contextWindow: 'unknown', maxOutput: 'unknown' },
    modalities: 'unknown',
    capabilities: { reasoning: 'unknown', tools: 'unknown', json: 'unknown', streaming: 'unknown', vision: 'unknown' },
    openWeights,
  };
}

describe('hubServedModels', () => {
  it('maps each known Hugging Face repo id to its profile, with the repo source and the reasoning dialect when known', () => {
    const known = hubServedModels([
      profile('acme-1', {
        license: 'unknown',
        huggingFaceRepo: { value: 'acme/Acme-1', source },
        reasoningDialect: { value: 'qwen3', source },
      }),
      profile('acme-2', {
        license: 'unknown',
        huggingFaceRepo: { value: 'acme/Acme-2', source },
        reasoningDialect: 'unknown',
      }),
      profile('acme-3', { license: 'unknown', huggingFaceRepo: 'unknown' }),
      profile('acme-1-copy', { license: 'unknown', huggingFaceRepo: { value: 'acme/Acme-1', source } }),
      profile('acme-4', {
        license: 'unknown',
        huggingFaceRepo: { value: 'acme/Acme-4', source },
        reasoningDialect: { value: 'acme-future-template', source },
      }),
    ]);
    expect([...known.values()]).toEqual([
      { name: 'acme/Acme-1', canonical: 'acme-1', source: source.url, reasoning: 'qwen3' },
      { name: 'acme/Acme-2', canonical: 'acme-2', source: source.url },
      { name: 'acme/Acme-4', canonical: 'acme-4', source: source.url },
    ]);
    expect(known.get('ACME/Acme-1')).toBeUndefined();
    expect(Object.isFrozen(known.get('acme/Acme-1'))).toBe(true);
  });
});

describe('the reasoning dialects of the catalog profiles', () => {
  it('are all dialects plugin-kit knows (a typo in catalog/models would silently fall back to the plugin default)', () => {
    const modelsDir = new URL('../../../../catalog/models/', import.meta.url);
    const dialects = readdirSync(modelsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((lab) =>
        readdirSync(new URL(`${lab.name}/`, modelsDir)).map((file) =>
          modelProfileSchema.parse(JSON.parse(readFileSync(new URL(`${lab.name}/${file}`, modelsDir), 'utf8'))),
        ),
      )
      .flatMap((model) =>
        model.openWeights.reasoningDialect && model.openWeights.reasoningDialect !== 'unknown'
          ? [model.openWeights.reasoningDialect.value]
          : [],
      );
    expect(dialects.length).toBeGreaterThan(0);
    for (const dialect of dialects) expect(MODEL_REASONING_DIALECTS, dialect).toContain(dialect);
  });
});
