// Where `--help` and error hints send a user: the docs site (what scripts/docs.mjs builds from docs/ into docs/reference/,
// published as GitHub Pages) and the issue tracker. Never a path inside the repository: an installed CLI has no docs/.

/** The docs site. */
export const DOCS_SITE_URL = 'https://codewhale.github.io/codewhale-route-catalog/';
/** The CLI guide on the docs site: the page typedoc makes of docs/cli.md (a "project document"). */
export const CLI_GUIDE_URL = `${DOCS_SITE_URL}documents/cli.html`;
/** Where bugs are reported. */
export const BUGS_URL = 'https://github.com/codewhale/codewhale-route-catalog/issues';
