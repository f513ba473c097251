import type { ModelIdPolicy } from '@codewhale/core';
import { passThroughModelIdPolicy } from '@codewhale/plugin-kit';
import { nvidiaNimOfferings } from './nvidia-nim-offerings.js';

/**
 * NIM is an aggregator, and the same plugin also serves self-hosted NIM containers whose served model names are the
 * operator's choice. So every syntactically valid id is sent byte-for-byte: namespaced ids of any publisher are never
 * rejected. Catalog matching is exact (hosted ids are lower-case); a differently-cased spelling of a catalog id
 * passes through with a note naming the hosted spelling, because a self-hosted container may really serve it.
 */
export const nvidiaNimModelIdPolicy: ModelIdPolicy = passThroughModelIdPolicy({
  offerings: nvidiaNimOfferings,
  otherCasing: (hosted, id) =>
    `the hosted API spells it "${hosted}" (ids there are lower-case); "${id}" is sent unchanged`,
  unlisted:
    'NIM serves more models than this catalog lists (and self-hosted containers serve names of their own); the id is sent unchanged',
});
