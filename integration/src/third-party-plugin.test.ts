import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRegistry, createRouteResolver, validateCatalogFiles, type ProviderPlugin } from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { nvidiaNimPlugin } from '@codewhale/provider-nvidia-nim';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterAll, describe, expect, it } from 'vitest';

// The example third-party plugin (examples/third-party-plugin, not a workspace member) must build and pass its own
// tests against the packages as published: core, plugin-kit and testkit are packed into tarballs and installed with
// npm into a temp copy of the example, so nothing can resolve through a workspace link.
const root = fileURLToPath(new URL('../..', import.meta.url));
const exampleDir = join(root, 'examples', 'third-party-plugin');
const work = mkdtempSync(join(tmpdir(), 'codewhale-third-party-'));
const project = join(work, 'openrouter-plugin');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PUBLISHED = {
  '@codewhale/core': 'packages/core',
  '@codewhale/plugin-kit': 'packages/plugin-kit',
  '@codewhale/plugin-testkit': 'packages/testkit',
} as const;
type PublishedName = keyof typeof PUBLISHED;

// Env for the child tools: pnpm (running this test) exports npm_config_* settings of this workspace; the temp project
// must install as a stranger's machine would, so only network-related npm settings are kept.
const KEPT_NPM_CONFIG =
  /^npm_config_(registry|cache|https?_proxy|proxy|noproxy|strict_ssl|cafile|userconfig|globalconfig)$/i;
const childEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' }).filter(
    ([name]) => !/^(npm_|pnpm_)/i.test(name) || KEPT_NPM_CONFIG.test(name),
  ),
);

/** `npx` arguments that run the project's own installed binary and never download one. */
const LOCAL_BIN = ['--yes=false', '--'] as const;

interface RunResult {
  readonly status: number | null;
  readonly output: string;
}

function run(command: string, args: readonly string[], cwd: string, timeoutMs: number): RunResult {
  const result = spawnSync(command, args, {
    cwd,
    env: childEnv,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${String(result.error)}` : ''}`;
  return { status: result.status, output };
}

function mustRun(command: string, args: readonly string[], cwd: string, timeoutMs: number): string {
  const { status, output } = run(command, args, cwd, timeoutMs);
  expect(status, `${command} ${args.join(' ')} in ${cwd} exited ${String(status)}:\n${output.slice(-6000)}`).toBe(0);
  return output;
}

/** The newest modification time of the non-test sources of a package (and its package.json). */
function newestSource(packageDir: string): number {
  let newest = statSync(join(packageDir, 'package.json')).mtimeMs;
  const stack = [join(packageDir, 'src')];
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (!/\.test(-d)?\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Build a package whose dist is missing or older than its sources (turbo builds core and plugin-kit for this package, not testkit). */
function ensureBuilt(packageDir: string): void {
  const built = join(packageDir, 'dist', 'index.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(packageDir)) return;
  mustRun('pnpm', ['run', 'build'], packageDir, 180_000);
}

function pack(packageDir: string, destination: string): string {
  const before = new Set(readdirSync(destination));
  mustRun('pnpm', ['pack', '--pack-destination', destination], packageDir, 120_000);
  const tarball = readdirSync(destination).find((name) => name.endsWith('.tgz') && !before.has(name));
  if (!tarball) throw new Error(`pnpm pack produced no tarball for ${packageDir}`);
  return join(destination, tarball);
}

/** Copy the example as its author would publish it from a clean checkout: no node_modules, dist or tool caches. */
function copyExample(): void {
  const skipped = new Set(['node_modules', 'dist', '.turbo', 'coverage', '.vitest-report.json']);
  cpSync(exampleDir, project, {
    recursive: true,
    filter: (source) =>
      !relative(exampleDir, source)
        .split(sep)
        .some((part) => skipped.has(part)),
  });
}

type DependencySection = 'dependencies' | 'devDependencies' | 'peerDependencies';
type PackageJson = { name: string } & Partial<Record<DependencySection, Record<string, string>>>;

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path, base) : [relative(base, path).split(sep).join('/')];
  });
}

describe('the third-party plugin example, installed from packed tarballs', () => {
  it('is a stranger to the workspace: published version ranges only, no deep imports, no repo paths', () => {
    expect(readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')).not.toMatch(/third-party-plugin|examples\/\*/);
    const manifest = readJson<PackageJson & { keywords: string[] }>(join(exampleDir, 'package.json'));
    expect(manifest.name).toMatch(/^@[a-z0-9-]+\/codewhale-provider-[a-z0-9-]+$/);
    expect(manifest.keywords).toContain('codewhale-provider');
    for (const section of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
      for (const [name, spec] of Object.entries(manifest[section] ?? {}))
        expect(spec, `${section}.${name}`).not.toMatch(/^(workspace|file|link|portal):/);
    }
    expect(manifest.peerDependencies).toMatchObject({ '@codewhale/core': '^0.1.0', zod: '^4.6.7' });
    expect(manifest.dependencies).toEqual({ '@codewhale/plugin-kit': '^0.1.0' });
    for (const file of listFiles(join(exampleDir, 'src')).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(exampleDir, 'src', file), 'utf8');
      expect(source, file).not.toMatch(/from ['"]@codewhale\/[a-z-]+\//);
      expect(source, file).not.toMatch(/from ['"](\.\.\/){2,}/);
    }
  });

  it('ships profile copies identical to the catalog (and the catalog schemas), and its offerings validate with them', () => {
    const ownCatalog = join(exampleDir, 'catalog');
    const modelFiles = listFiles(join(ownCatalog, 'models'));
    expect(modelFiles.length).toBeGreaterThan(0);
    for (const file of modelFiles) {
      expect(
        readFileSync(join(ownCatalog, 'models', file), 'utf8'),
        `catalog/models/${file} differs from the repo's copy`,
      ).toBe(readFileSync(join(root, 'catalog', 'models', file), 'utf8'));
    }
    for (const file of listFiles(join(ownCatalog, 'schema'))) {
      expect(readFileSync(join(ownCatalog, 'schema', file), 'utf8'), `catalog/schema/${file}`).toBe(
        readFileSync(join(root, 'catalog', 'schema', file), 'utf8'),
      );
    }
    const files = [
      { path: 'offerings/openrouter.json', json: readJson<unknown>(join(ownCatalog, 'offerings', 'openrouter.json')) },
      ...listFiles(join(root, 'catalog', 'models')).map((file) => ({
        path: `models/${file}`,
        json: readJson<unknown>(join(root, 'catalog', 'models', file)),
      })),
    ];
    expect(validateCatalogFiles(files)).toEqual([]);
  });

  it('typechecks, passes its own tests (conformance suite included) and builds; the build registers next to every first-party plugin', async () => {
    const started = Date.now();
    const tarballs = join(work, 'tarballs');
    mkdirSync(tarballs);
    const specs = {} as Record<PublishedName, string>;
    for (const [name, dir] of Object.entries(PUBLISHED) as [PublishedName, string][]) {
      ensureBuilt(join(root, dir));
      specs[name] = `file:${pack(join(root, dir), tarballs)}`;
    }

    copyExample();
    expect(existsSync(join(project, 'node_modules'))).toBe(false);
    const manifestPath = join(project, 'package.json');
    const manifest = readJson<PackageJson>(manifestPath);
    for (const section of ['dependencies', 'devDependencies'] as const) {
      for (const name of Object.keys(manifest[section] ?? {})) {
        if (name in specs) (manifest[section] as Record<string, string>)[name] = specs[name as PublishedName];
      }
    }
    writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

    // vitest, zod, tsup and typescript come from the registry; the three @codewhale packages from the tarballs.
    mustRun('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], project, 480_000);
    for (const name of Object.keys(PUBLISHED)) {
      const installed = join(project, 'node_modules', name);
      expect(lstatSync(installed).isSymbolicLink(), `${name} is a symlink`).toBe(false);
      expect(lstatSync(installed).isDirectory()).toBe(true);
      expect(realpathSync(installed).startsWith(root)).toBe(false);
      expect(existsSync(join(installed, 'src')), `${name} holds its sources: not the packed package`).toBe(false);
      expect(existsSync(join(installed, 'dist', 'index.js'))).toBe(true);
    }
    expect(readdirSync(join(project, 'node_modules', '@codewhale')).sort()).toEqual([
      'core',
      'plugin-kit',
      'plugin-testkit',
    ]);

    mustRun('npx', [...LOCAL_BIN, 'tsc', '--noEmit', '-p', '.'], project, 180_000);

    const reportPath = join(project, 'vitest-report.json');
    const tests = run(
      'npx',
      [...LOCAL_BIN, 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportPath}`],
      project,
      300_000,
    );
    expect(tests.status, `vitest run failed:\n${tests.output.slice(-8000)}`).toBe(0);
    const report = readJson<{
      success: boolean;
      numTotalTests: number;
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      testResults: { name: string }[];
    }>(reportPath);
    expect(report).toMatchObject({ success: true, numFailedTests: 0 });
    expect(report.numPassedTests).toBeGreaterThanOrEqual(100);
    expect(tests.output).toMatch(/Tests\s+\d+ passed/);
    expect(tests.output).not.toMatch(/\d+ failed/);
    expect(report.testResults.map((result) => relative(project, result.name).split(sep).join('/'))).toContain(
      'src/openrouter-conformance.test.ts',
    );

    mustRun('npx', [...LOCAL_BIN, 'tsup'], project, 180_000);
    expect(existsSync(join(project, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(project, 'dist', 'index.d.ts'))).toBe(true);

    // The built plugin (its imports resolve to the tarball installs) next to the workspace's first-party plugins:
    // the registry merges its identical profile copies and routes through it.
    const built = (await import(pathToFileURL(join(project, 'dist', 'index.js')).href)) as {
      openrouterPlugin: ProviderPlugin<'openrouter'>;
    };
    const registry = createRegistry({
      plugins: [
        deepseekPlugin,
        togetherPlugin,
        nvidiaNimPlugin,
        huggingfacePlugin,
        sglangPlugin,
        vllmPlugin,
        ollamaPlugin,
        built.openrouterPlugin,
      ],
    });
    expect(registry.providerIds).toContain('openrouter');
    const result = createRouteResolver({ registry }).resolve({
      provider: 'openrouter',
      model: 'deepseek/deepseek-v4-pro',
    });
    if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
    expect(result.candidate).toMatchObject({
      wireModelId: 'deepseek/deepseek-v4-pro',
      canonicalModel: 'deepseek-v4-pro',
      meter: { kind: 'token-pricing', rates: { input: 0.435, output: 0.87 } },
    });

    console.info(
      `third-party plugin: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped in ${report.testResults.length} files; tarball round trip ${Math.round((Date.now() - started) / 1000)} s`,
    );
  }, 600_000);
});
