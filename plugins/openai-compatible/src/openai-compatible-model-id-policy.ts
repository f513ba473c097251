import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';

const MAX_LENGTH = 512;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The policy of an endpoint you named: every id is the server's to judge and is sent byte-for-byte; only ids no
 * server could have (whitespace, control characters, over 512 characters) are `invalid`.
 */
export const openAICompatibleModelIdPolicy: ModelIdPolicy = {
  classify(id): ModelIdVerdict {
    if (id.length > MAX_LENGTH)
      return { kind: 'invalid', reason: `it is ${id.length} characters long; ids are at most ${MAX_LENGTH}` };
    if (/\s/u.test(id)) return { kind: 'invalid', reason: 'it contains whitespace' };
    if (CONTROL.test(id)) return { kind: 'invalid', reason: 'it contains control characters' };
    return { kind: 'pass-through', reason: 'an OpenAI-compatible endpoint you configured decides which ids it serves' };
  },
};
