import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

function runNode(args: readonly string[]): string {
  return execFileSync(process.execPath, args, {
    cwd: packageRoot,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  }).trim();
}

// Runs against the built dist/ (turbo builds before testing), as a host would load it.
describe('published entry point', () => {
  it('can be required from CommonJS (Node >= 20.19) and imported from ESM', () => {
    const probe =
      "const c = require('@codewhale/core'); console.log(typeof c.createRegistry, typeof c.definePlugin, c.CatalogError.name);";
    expect(runNode(['--no-warnings', '-e', probe])).toBe('function function CatalogError');
    expect(
      runNode([
        '--input-type=module',
        '-e',
        "import { createRegistry } from '@codewhale/core'; console.log(typeof createRegistry);",
      ]),
    ).toBe('function');
  });

  it('runs nothing at import time and exposes no deep paths', () => {
    // zod registers two globals of its own when loaded; core itself must add none.
    const probe =
      "await import('zod'); const before = new Set(Object.keys(globalThis)); await import('@codewhale/core'); console.log(JSON.stringify(Object.keys(globalThis).filter((key) => !before.has(key))));";
    expect(runNode(['--input-type=module', '-e', probe])).toBe('[]');
    expect(() => runNode(['--input-type=module', '-e', "await import('@codewhale/core/dist/index.js');"])).toThrow(
      /ERR_PACKAGE_PATH_NOT_EXPORTED/,
    );
  });
});
