import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// @see issue 14 (Publishing): the tarballs of scripts/pack.sh install as a user would install them before the first
// release, in empty projects, with `npm install --offline`: nothing of this workspace can come from a registry, so a
// dependency on an unpublished package fails the install instead of being fetched (or found in the workspace).
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'codewhale-packed-'));
const packed = join(work, 'packed');
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface PackedManifest {
  readonly name: string;
  readonly license?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

/** A file of a tarball, as text. */
const fromTarball = (tarball: string, file: string): string =>
  execFileSync('tar', ['-xzOf', tarball, `package/${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const manifestOf = (tarball: string): PackedManifest =>
  JSON.parse(fromTarball(tarball, 'package.json')) as PackedManifest;
const npm = (cwd: string, args: readonly string[]): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: 'pipe',
  });

/** An empty project with only a package.json. */
function emptyProject(name: string, dependencies: Readonly<Record<string, string>> = {}): string {
  const project = join(work, name);
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', dependencies }, null, 2),
  );
  return project;
}

/** Every installed copy of a package under node_modules (nested ones included). */
function installedCopies(project: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string): void => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      const dirs = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map((child) => join(modules, entry, child))
        : [join(modules, entry)];
      for (const dir of dirs) {
        if (dir.endsWith(`${join('node_modules', name)}`)) found.push(dir);
        walk(join(dir, 'node_modules'));
      }
    }
  };
  walk(join(project, 'node_modules'));
  return found;
}

// npm's network settings of this machine (registry, proxy, CA file, the global npmrc that holds them) are kept: a user
// reaches the registry the way this machine does. Nothing else of this workspace's npm or pnpm config is.
const NETWORK_NPM_CONFIG =
  /^(npm_config_(registry|https?_proxy|proxy|noproxy|strict_ssl|cafile|globalconfig)|NODE_EXTRA_CA_CERTS)$/i;

/** The environment of a user with no CodeWhale config, no cache and no keys. */
function userEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => NETWORK_NPM_CONFIG.test(name))),
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    CODEWHALE_CACHE_DIR: join(home, 'live'),
    NO_COLOR: '1',
  };
}

let tarballs: string[] = [];
beforeAll(() => {
  // The packages are built by turbo before this package's tests (they are its devDependencies).
  execFileSync('bash', [join(root, 'scripts', 'pack.sh'), '--no-build', packed], { cwd: root, stdio: 'pipe' });
  tarballs = readdirSync(packed)
    .filter((file) => file.endsWith('.tgz'))
    .sort();
}, 240_000);

describe('scripts/pack.sh', () => {
  it('packs every published package under a stable name, with its LICENSE and README and no workspace: ranges', () => {
    expect(tarballs).toEqual(
      expect.arrayContaining([
        'codewhale-core.tgz',
        'codewhale-node.tgz',
        'codewhale-plugin-kit.tgz',
        'codewhale-cli.tgz',
        'codewhale-provider-together.tgz',
      ]),
    );
    expect(tarballs).toHaveLength(
      readdirSync(join(root, 'packages')).length + readdirSync(join(root, 'plugins')).length,
    );
    for (const tarball of tarballs) {
      const file = join(packed, tarball);
      const manifest = manifestOf(file);
      expect(tarball).toBe(`${manifest.name.replace(/^@/, '').replace('/', '-')}.tgz`);
      expect(manifest.license).toBe('Apache-2.0');
      expect(fromTarball(file, 'LICENSE')).toContain('Apache License');
      expect(fromTarball(file, 'README.md')).toMatch(/^# @codewhale\//);
      expect(JSON.stringify({ ...manifest.dependencies, ...manifest.peerDependencies })).not.toContain('workspace:');
    }
  });
});

describe('the CLI tarball, installed alone', () => {
  it('declares no dependencies, loads only Node built-ins and its own files, and explains a route', () => {
    const tarball = join(packed, 'codewhale-cli.tgz');
    expect(manifestOf(tarball).dependencies ?? {}).toEqual({});
    const project = emptyProject('cli-alone');
    npm(project, ['install', '--offline', tarball]);
    expect(readdirSync(join(project, 'node_modules')).filter((entry) => !entry.startsWith('.'))).toEqual([
      '@codewhale',
    ]);
    expect(readdirSync(join(project, 'node_modules', '@codewhale'))).toEqual(['cli']);

    // What the bundles load: built-ins (maybe node:-prefixed) and sibling bundles that ship in dist/.
    const dist = join(project, 'node_modules', '@codewhale', 'cli', 'dist');
    const bundles = readdirSync(dist).filter((file) => /\.[cm]?js$/.test(file));
    expect(bundles).toContain('codewhale-route.cjs');
    expect(bundles.filter((file) => !file.endsWith('.cjs'))).toEqual([]);
    for (const bundle of bundles) {
      const code = readFileSync(join(dist, bundle), 'utf8');
      // The bundles are CommonJS: require() and import() are all the loading there is.
      for (const match of code.matchAll(/\b(?:require|import)\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
        const specifier = match[1] as string;
        if (specifier.startsWith('./'))
          expect(existsSync(join(dist, specifier)), `${bundle} loads ${specifier}`).toBe(true);
        // `node:`-only built-ins (node:sqlite, node:test) keep their prefix; the others may be bare.
        else
          expect(
            builtinModules.includes(specifier.replace(/^node:/, '')) || specifier.startsWith('node:'),
            `${bundle} loads ${specifier}`,
          ).toBe(true);
      }
    }

    const bin = join(project, 'node_modules', '.bin', 'codewhale-route');
    const output = execFileSync(bin, ['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'], {
      cwd: project,
      env: userEnv(join(work, 'cli-home')),
      encoding: 'utf8',
    });
    expect(output).toMatch(/^route\s+together:deepseek-ai\/DeepSeek-V4-Pro$/m);
    expect(output).toMatch(/^endpoint\s+https:\/\/api\.together\.xyz\/v1\b/m);
    expect(output).toMatch(/^auth\s+missing$/m);
    expect(output).toMatch(/^cost\s+token pricing/m);
  });
});

describe('core + node + one plugin, installed as docs/getting-started.md says', () => {
  it('installs offline from the packed folder with the one command of the guide, imports and resolves, with one copy of zod', () => {
    // The guide's command names the tarballs; plugin-kit must be among them (node and every plugin depend on it).
    const guide = readFileSync(join(root, 'docs', 'getting-started.md'), 'utf8');
    const command = guide
      .split('\n')
      .find((line) => line.startsWith('npm install ') && line.includes('packed/codewhale-core.tgz'));
    expect(command, 'docs/getting-started.md: an `npm install ./packed/...` line').toBeDefined();
    const named = [...(command as string).matchAll(/packed\/(codewhale-[a-z-]+\.tgz)/g)].map(
      (match) => match[1] as string,
    );
    expect(named).toEqual(
      expect.arrayContaining(['codewhale-core.tgz', 'codewhale-node.tgz', 'codewhale-plugin-kit.tgz']),
    );
    const files = named.map((name) => join(packed, name));
    for (const file of files) expect(existsSync(file), file).toBe(true);

    // Third-party dependencies come from the registry as for any user: put them in npm's cache first, so that the
    // install itself can run offline. No newer zod 4 minor than 4.6.7 exists yet: the host pins 4.6.7, which the
    // packages' ^4.6.7 must share.
    const thirdParty = new Set<string>(['zod@4.6.7']);
    for (const file of files)
      for (const [name, range] of Object.entries(manifestOf(file).dependencies ?? {}))
        if (!name.startsWith('@codewhale/')) thirdParty.add(`${name}@${range}`);
    npm(work, ['cache', 'add', ...thirdParty]);

    const project = emptyProject('host', { zod: '4.6.7' });
    npm(project, ['install', '--offline', ...files]);
    expect(readdirSync(join(project, 'node_modules', '@codewhale')).sort()).toEqual(
      named.map((name) => name.replace(/^codewhale-/, '').replace(/\.tgz$/, '')).sort(),
    );
    expect(installedCopies(project, 'zod')).toHaveLength(1);

    expect(named).toContain('codewhale-provider-together.tgz');
    const script = [
      "import { createRegistry, createRouteResolver, explainRoute } from '@codewhale/core';",
      "import { createCredentialSource } from '@codewhale/node';",
      "import { createHttpClient } from '@codewhale/plugin-kit';",
      "import { togetherPlugin } from '@codewhale/provider-together';",
      'const registry = createRegistry({ plugins: [togetherPlugin] });',
      'const resolver = createRouteResolver({ registry, credentials: createCredentialSource({ env: {} }) });',
      "const result = resolver.resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' });",
      'if (!result.ok) { console.error(result.error.message); process.exit(1); }',
      'console.log(JSON.stringify({ ...explainRoute(result.candidate), httpClient: typeof createHttpClient }));',
    ].join('\n');
    writeFileSync(join(project, 'resolve.mjs'), script);
    const output = execFileSync(process.execPath, ['resolve.mjs'], {
      cwd: project,
      env: userEnv(join(work, 'host-home')),
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toMatchObject({
      route: 'together:deepseek-ai/DeepSeek-V4-Pro',
      endpoint: { baseUrl: 'https://api.together.xyz/v1' },
      auth: 'missing',
      httpClient: 'function',
    });
  });
});
