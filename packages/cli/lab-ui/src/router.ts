// Hash routing: `#/routes`, `#/explain`, `#/health`, `#/spend`, `#/open-models`; anything else is the routes page.

/** The pages of the lab, in nav order, with their nav labels. */
export const PAGES = [
  { id: 'routes', label: 'Routes' },
  { id: 'explain', label: 'Explain' },
  { id: 'health', label: 'Health' },
  { id: 'spend', label: 'Spend' },
  { id: 'open-models', label: 'Open models' },
] as const;

/** One page id. */
export type PageId = (typeof PAGES)[number]['id'];

/** The page a location hash names (`#/spend?x=1` → `spend`); unknown or empty → `routes`. */
export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[?/]/, 1)[0] ?? '';
  return PAGES.find((page) => page.id === id)?.id ?? 'routes';
}

/** The hash of a page (`#/spend`). */
export function hashOf(page: PageId): string {
  return `#/${page}`;
}
