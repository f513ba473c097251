import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';

const MAX_LENGTH = 512;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * vLLM's model-id policy: the served name is whatever the operator chose (`--served-model-name`), so every id is
 * sent byte-for-byte; only ids no server could have (whitespace, control characters, over 512 characters) are
 * `invalid`. No look-up key: names are case-sensitive.
 */
export const vllmModelIdPolicy: ModelIdPolicy = {
  classify(id): ModelIdVerdict {
    if (id.length > MAX_LENGTH)
      return { kind: 'invalid', reason: `it is ${id.length} characters long; ids are at most ${MAX_LENGTH}` };
    if (/\s/u.test(id)) return { kind: 'invalid', reason: 'it contains whitespace' };
    if (CONTROL.test(id)) return { kind: 'invalid', reason: 'it contains control characters' };
    return { kind: 'pass-through', reason: 'a served model name is opaque; the vLLM server decides' };
  },
};
