import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogHubServedModels, catalogModelProfiles } from './catalog-model-profiles.js';

const modelsDir = new URL('../../../../catalog/models/', import.meta.url);

describe('catalogModelProfiles', () => {
  it('lists every profile file in catalog/models, once', () => {
    const onDisk = readdirSync(modelsDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.json'))
      .map((file) => (JSON.parse(readFileSync(new URL(file, modelsDir), 'utf8')) as { id: string }).id)
      .sort();
    expect(catalogModelProfiles.map((profile) => profile.id).sort()).toEqual(onDisk);
  });

  it('knows a served name only from a profile with a sourced Hugging Face repo id', () => {
    for (const [name, known] of catalogHubServedModels) {
      const profile = catalogModelProfiles.find((entry) => entry.id === known.canonical);
      const repo = profile?.openWeights.huggingFaceRepo;
      expect(repo !== undefined && repo !== 'unknown' && repo.value).toBe(name);
    }
    expect(catalogHubServedModels.get('openai/gpt-oss-120b')).toMatchObject({
      canonical: 'gpt-oss-120b',
      reasoning: 'gpt-oss',
    });
  });
});
