import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// @see issue 14 (Publishing): every published package carries its licence, where it lives, how to report bugs, and
// installs on the supported Node; every package.json of the repository says which Node that is.
const root = fileURLToPath(new URL('../..', import.meta.url));
const REPOSITORY = 'https://github.com/codewhale/codewhale-route-catalog';
const SITE = 'https://codewhale.github.io/codewhale-route-catalog/';
const NODE_RANGE = '>=22.12';

interface Manifest {
  readonly name: string;
  readonly private?: boolean;
  readonly license?: string;
  readonly keywords?: readonly string[];
  readonly homepage?: string;
  readonly bugs?: { readonly url?: string };
  readonly repository?: { readonly type?: string; readonly url?: string; readonly directory?: string };
  readonly publishConfig?: Record<string, unknown>;
  readonly engines?: { readonly node?: string };
  readonly files?: readonly string[];
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

const read = (dir: string): Manifest => JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as Manifest;
const childDirs = (parent: string): string[] =>
  readdirSync(join(root, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, parent, entry.name, 'package.json')))
    .map((entry) => `${parent}/${entry.name}`);

/** Every package.json of the repository (the workspace, the root, and the example third-party plugin). */
const allDirs = [
  '.',
  ...childDirs('packages'),
  ...childDirs('plugins'),
  ...childDirs('examples'),
  'bench',
  'integration',
];
const published = allDirs.filter((dir) => dir !== '.' && !read(dir).private && !dir.startsWith('examples/'));
const licenseText = readFileSync(join(root, 'LICENSE'), 'utf8');

describe('package metadata', () => {
  it('publishes exactly the libraries, the CLI and the plugins', () => {
    expect(published.sort()).toEqual([...childDirs('packages'), ...childDirs('plugins')].sort());
    expect(published).toContain('packages/core');
    expect(published).toContain('packages/cli');
  });

  it('has the full Apache License 2.0 at the root', () => {
    expect(licenseText).toMatch(/^Apache License\s+Version 2\.0, January 2004/);
    expect(licenseText).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(licenseText).toContain('9. Accepting Warranty or Additional Liability.');
    expect(licenseText.trimEnd()).toMatch(/END OF TERMS AND CONDITIONS$/);
  });

  it.each(allDirs)('%s: engines.node is the supported floor', (dir) => {
    expect(read(dir).engines?.node).toBe(NODE_RANGE);
  });

  it.each(published)('%s: licence, repository, homepage, bugs, keywords, publishConfig', (dir) => {
    const manifest = read(dir);
    expect(manifest.license).toBe('Apache-2.0');
    expect(readFileSync(join(root, dir, 'LICENSE'), 'utf8')).toBe(licenseText);
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git`, directory: dir });
    expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    expect(manifest.homepage?.startsWith(SITE)).toBe(true);
    if (manifest.homepage !== SITE)
      expect(manifest.homepage).toMatch(
        /^https:\/\/codewhale\.github\.io\/codewhale-route-catalog\/documents\/[a-z-]+\.html$/,
      );
    expect(manifest.keywords).toEqual(expect.arrayContaining(['codewhale']));
    if (dir.startsWith('plugins/')) expect(manifest.keywords).toContain('codewhale-provider');
    expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
  });

  it.each(published)('%s: ships its LICENSE and a README with no repository-relative links', (dir) => {
    const manifest = read(dir);
    expect(manifest.files).toEqual(expect.arrayContaining(['dist', 'LICENSE', 'README.md']));
    const readme = readFileSync(join(root, dir, 'README.md'), 'utf8');
    expect(readme.startsWith(`# ${manifest.name}\n`)).toBe(true);
    // On npm a relative link (../../docs/x.md) leads nowhere: link the docs site instead.
    expect(readme.match(/\]\((?!https?:\/\/|#)[^)]*\)/g) ?? []).toEqual([]);
  });

  it.each(published)('%s: depends on no private workspace package', (dir) => {
    const manifest = read(dir);
    const privateNames = allDirs
      .filter((other) => other !== '.' && read(other).private)
      .map((other) => read(other).name);
    const runtime = { ...manifest.dependencies, ...manifest.peerDependencies };
    for (const name of privateNames) expect(runtime).not.toHaveProperty(name);
  });

  it('declares zod with one caret range everywhere it is a runtime or peer dependency (so a host gets one copy)', () => {
    const ranges = new Set<string>();
    for (const dir of published) {
      const manifest = read(dir);
      for (const range of [manifest.dependencies?.zod, manifest.peerDependencies?.zod])
        if (range !== undefined) ranges.add(range);
    }
    expect([...ranges]).toEqual(['^4.6.7']);
    expect(read('packages/core').dependencies?.zod).toBe('^4.6.7');
  });

  it('gives @codewhale/cli no runtime dependencies: its dist bundles everything it loads', () => {
    const cli = read('packages/cli');
    expect(cli.dependencies ?? {}).toEqual({});
    expect(cli.peerDependencies ?? {}).toEqual({});
  });
});
