import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Invariant 5: nothing about one provider is hard-coded in core. Provider behaviour lives in plugins, data in catalog/.
const sourceRoot = fileURLToPath(new URL('.', import.meta.url));
const PROVIDER_TOKENS =
  /\b(deepseek|together|nvidia|nim|huggingface|hf|sglang|vllm|ollama|openrouter|fireworks|novita|moonshot(?:ai)?|qwen|kimi|glm|llama)\b|api\.[a-z.]+\.(?:com|xyz|ai|co)\b/i;

// The usage-dialect vocabulary (issue 16): the names plugins pick for their endpoints' usage format, and the table of
// wire features each name stands for. The usage readers work from those features only, never from a dialect's name.
const VOCABULARY_FILES = new Set(['usage/usage-types.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('core has no provider-specific code', () => {
  it('names no provider, lab or provider host outside tests and fixtures', () => {
    const hits = sourceFiles(sourceRoot)
      .filter((file) => !VOCABULARY_FILES.has(relative(sourceRoot, file).split('\\').join('/')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) =>
            PROVIDER_TOKENS.test(line) ? [`${relative(sourceRoot, file)}:${index + 1}: ${line.trim()}`] : [],
          ),
      );
    expect(hits).toEqual([]);
  });
});
