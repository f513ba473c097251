// Reads every JSON file under catalog/models, catalog/offerings, catalog/served-names and catalog/renames (paths relative to catalog/).
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export const catalogRoot = new URL('../catalog/', import.meta.url).pathname;

async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files = [];
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.name.endsWith('.json')) files.push(full);
  }
  return files;
}

/** Returns { files: [{ path, json }], syntaxErrors: [{ path, message }] }, sorted by path. */
export async function readCatalogFiles() {
  const folders = ['models', 'offerings', 'served-names', 'renames'];
  const paths = (await Promise.all(folders.map((folder) => walk(join(catalogRoot, folder))))).flat().sort();
  const files = [];
  const syntaxErrors = [];
  for (const full of paths) {
    const path = relative(catalogRoot, full).split(sep).join('/');
    const text = await readFile(full, 'utf8');
    try {
      files.push({ path, json: JSON.parse(text) });
    } catch (error) {
      syntaxErrors.push({ path, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { files, syntaxErrors };
}
