import type { ModelRename } from '../schema/model-renames.js';
import type { ServedName } from '../schema/served-names.js';

/** Type a `catalog/served-names/<plugin-id>.json` import (validated by `pnpm catalog:check`, like offerings). */
export function catalogServedNames(file: { readonly names: readonly object[] }): readonly ServedName[] {
  return file.names as readonly ServedName[];
}

/** Type a `catalog/renames/<plugin-id>.json` import (validated by `pnpm catalog:check`, like offerings). */
export function catalogModelRenames(file: { readonly renames: readonly object[] }): readonly ModelRename[] {
  return file.renames as readonly ModelRename[];
}
