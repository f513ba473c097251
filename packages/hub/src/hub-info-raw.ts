import type { HubModelInfo } from './hub-types.js';

/** A parsed model info back in the Hub's own field names (for the cache), so the same parser reads it back. */
export function hubInfoToRaw(info: HubModelInfo): Record<string, unknown> {
  const card = info.cardData;
  return {
    id: info.id,
    sha: info.sha,
    author: info.author,
    private: info.private,
    gated: info.gated,
    disabled: info.disabled,
    pipeline_tag: info.pipelineTag,
    library_name: info.libraryName,
    tags: info.tags,
    lastModified: info.lastModified,
    createdAt: info.createdAt,
    downloads: info.downloads,
    likes: info.likes,
    cardData: card && {
      license: card.license,
      license_name: card.licenseName,
      license_link: card.licenseLink,
      base_model: card.baseModel,
      datasets: card.datasets,
    },
    safetensors: info.safetensors,
    gguf: info.gguf && {
      architecture: info.gguf.architecture,
      context_length: info.gguf.contextLength,
      total: info.gguf.total,
      totalFileSize: info.gguf.totalFileSize,
    },
    siblings: info.siblings,
    inferenceProviderMapping: info.inferenceProviderMapping,
  };
}
