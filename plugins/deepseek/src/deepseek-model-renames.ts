import { catalogModelRenames } from '@codewhale/core';
import renamesFile from '../../../catalog/renames/deepseek.json' with { type: 'json' };

/** One retired or renamed DeepSeek model id and where DeepSeek's API sends it now. */
export interface DeepseekModelRename {
  /** The wire id to send instead (one of the offerings). */
  readonly to: string;
  /** When the old id stopped being its own model (YYYY-MM-DD). */
  readonly since: string;
  /** Why, for the `model-renamed` warning. */
  readonly reason: string;
  /** Where this is documented or was seen. */
  readonly sources: readonly string[];
}

/**
 * DeepSeek's retired and renamed ids (catalog/renames/deepseek.json, each with its sources), keyed by the old id.
 * Applied only on DeepSeek's official endpoints: a custom endpoint (a proxy, a gateway) decides for itself what an id
 * means.
 */
export const DEEPSEEK_MODEL_RENAMES: Readonly<Record<string, DeepseekModelRename>> = Object.freeze(
  Object.fromEntries(
    catalogModelRenames(renamesFile).map(({ from, to, since, reason, sources }) => [
      from,
      Object.freeze({ to, since, reason, sources: Object.freeze(sources.map((source) => source.url)) }),
    ]),
  ),
);

/** The rename entry for an id, if any (own keys only: `constructor` is not a model). */
export function deepseekRenameOf(id: string): DeepseekModelRename | undefined {
  return Object.hasOwn(DEEPSEEK_MODEL_RENAMES, id) ? DEEPSEEK_MODEL_RENAMES[id] : undefined;
}
