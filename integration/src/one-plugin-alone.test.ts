import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// A host that installs only core and one plugin, from the packed tarballs (as published), with no workspace links.
const root = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'codewhale-alone-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function pack(packageDir: string): string {
  const before = new Set(readdirSync(work));
  execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: join(root, packageDir), stdio: 'pipe' });
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz') && !before.has(name));
  if (!tarball) throw new Error(`pnpm pack produced no tarball for ${packageDir}`);
  return join(work, tarball);
}

describe('installing one plugin alone', () => {
  it('resolves an Ollama route in a fresh project that has only core, plugin-kit and the Ollama plugin', () => {
    const tarballs = {
      '@codewhale/core': pack('packages/core'),
      '@codewhale/plugin-kit': pack('packages/plugin-kit'),
      '@codewhale/provider-ollama': pack('plugins/ollama'),
    };
    const project = join(work, 'host');
    execFileSync('mkdir', ['-p', project]);
    const dependencies = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify(
        { name: 'host', private: true, type: 'module', dependencies: { ...dependencies, zod: '4.6.7' } },
        null,
        2,
      ),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'pipe' });

    // Nothing from this workspace is reachable: only what npm installed.
    const installed = readdirSync(join(project, 'node_modules', '@codewhale')).sort();
    expect(installed).toEqual(['core', 'plugin-kit', 'provider-ollama']);

    const script = [
      "import { createRegistry, createRouteResolver, explainRoute } from '@codewhale/core';",
      "import { ollamaPlugin } from '@codewhale/provider-ollama';",
      'const registry = createRegistry({ plugins: [ollamaPlugin] });',
      "const result = createRouteResolver({ registry }).resolve({ provider: 'ollama', model: 'qwen3-coder:30b' });",
      'if (!result.ok) { console.error(result.error.message); process.exit(1); }',
      'console.log(JSON.stringify(explainRoute(result.candidate)));',
    ].join('\n');
    writeFileSync(join(project, 'resolve.mjs'), script);
    const output = execFileSync(process.execPath, ['resolve.mjs'], { cwd: project, encoding: 'utf8' });
    const explanation = JSON.parse(output) as {
      route: string;
      endpoint: { baseUrl: string };
      meter: { kind: string };
      auth: string;
      model: { passThrough: boolean };
    };
    expect(explanation).toMatchObject({
      route: 'ollama:qwen3-coder:30b',
      endpoint: { baseUrl: 'http://127.0.0.1:11434/v1' },
      meter: { kind: 'local' },
      auth: 'not-required',
      model: { passThrough: true },
    });
  });
});
