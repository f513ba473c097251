// @see issue 14 (CLI polish, item 4): named exit-code constants everywhere. The numbers are a documented contract
// (docs/cli.md, `--help`), pinned once here; every other file says which exit it means by name.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_CODES } from './exit-codes.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Bare exit numbers in code: an exit call, an exitCode assignment or field, a returned exit code. */
const IN_CODE: readonly RegExp[] = [
  /process\.exitCode\s*=\s*\d/,
  /\bexit\(\s*\d/,
  /\bexitCode:\s*\d/,
  /\breturn\s+(?:[^;?'"`]*\?\s*)?\d+(?:\s*:\s*\d+)?;/,
];
/** Bare exit numbers in tests: an expected exit code or status. */
const IN_TESTS: readonly RegExp[] = [
  /\.(?:code|status)\b[^;]*?\)\.toBe(?:LessThan|GreaterThan)?\(\s*\d/,
  /\b(?:code|exitCode|status):\s*\d(?!\d)/,
  /status=\d/,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sourceFiles(path);
    return /\.[cm]?ts$/.test(entry.name) ? [path] : [];
  });
}

describe('exit codes', () => {
  it('keep their documented numbers', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, internal: 1, usage: 2, resolution: 3, network: 4, config: 5, catalog: 6 });
  });

  it('are named everywhere: no bare exit number outside exit-codes.ts', () => {
    const bare: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const name = relative(SRC, file);
      if (name === join('cli', 'exit-codes.ts') || name === join('cli', 'exit-codes.test.ts')) continue;
      const patterns = /\.test(?:-d)?\.ts$/.test(name) ? IN_TESTS : IN_CODE;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (patterns.some((pattern) => pattern.test(line))) bare.push(`${name}:${index + 1}: ${line.trim()}`);
        });
    }
    expect(bare).toEqual([]);
  });
});
