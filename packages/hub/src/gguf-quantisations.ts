import type { HubSibling } from './hub-types.js';

/** One quantisation of a GGUF repository: the files that hold it and their summed size when every size is known. */
export interface GgufQuantisation {
  /** Upper case, as in the file name, e.g. `Q4_K_M`, `IQ2_XXS`, `Q8_0`, `F16`, `BF16`. */
  readonly name: string;
  readonly files: readonly string[];
  /** Summed bytes, or `undefined` when a file's size was not listed. */
  readonly bytes: number | undefined;
}

const QUANT = /^(?:I?Q\d+(?:_[A-Z0-9]+)*|TQ\d_\d|BF16|F16|F32|FP16|FP32|MXFP4(?:_MOE)?)$/i;
const SHARD = /-\d{5}-of-\d{5}$/;

/** The quantisation a `.gguf` file name names (its last quantisation-like token), or undefined (projectors, unnamed). */
export function ggufQuantisationOf(path: string): string | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (!/\.gguf$/i.test(base) || /^mmproj/i.test(base)) return undefined;
  const stem = base.slice(0, -'.gguf'.length).replace(SHARD, '');
  const tokens = stem.split(/[-.]/);
  for (let index = tokens.length - 1; index >= 0; index--) {
    const token = tokens[index] as string;
    if (QUANT.test(token)) return token.toUpperCase();
  }
  return undefined;
}

/** The quantisations of a repository's `.gguf` files, in file-list order, split files grouped. */
export function ggufQuantisations(siblings: readonly HubSibling[]): GgufQuantisation[] {
  const byName = new Map<string, { files: string[]; bytes: number | undefined }>();
  for (const file of siblings) {
    const name = ggufQuantisationOf(file.rfilename);
    if (name === undefined) continue;
    const entry = byName.get(name) ?? { files: [], bytes: 0 };
    entry.files.push(file.rfilename);
    entry.bytes = entry.bytes !== undefined && file.size !== undefined ? entry.bytes + file.size : undefined;
    byName.set(name, entry);
  }
  return [...byName].map(([name, entry]) => ({ name, files: entry.files, bytes: entry.bytes }));
}
