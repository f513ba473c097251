// The StrykerJS configuration every package's `stryker.config.mjs` shares (issue 21; `pnpm test:mutation`). A package
// names what to mutate, the Vitest config of its mutation runs and the score under which the run fails.
//
// Why these settings:
// - `inPlace`: tests read files by relative path (the root `catalog/`), which a sandbox copy would not hold. Stryker
//   rewrites the sources while it runs and restores them at the end (or after Ctrl-C): run it in a throw-away copy of
//   the checkout, never in one you are editing (bench/mutation.md says how).
// - `incremental`, with the file committed: a later run retests only the mutants whose code or covering tests changed.
// - `concurrency: 1`, `timeoutMS: 10000`: the 2-core machine the suite must pass on, shared with other work.
// - The runner is named in `plugins`: with pnpm, Stryker does not find it by scanning node_modules.

/** Test files: never mutated (a package adds its type tests, fixtures and test helpers where it has them). */
export const TEST_FILES = '!src/**/*.test.ts';

/**
 * The configuration of one package's mutation run.
 * @param {{ mutate: string[]; vitestConfig?: string; breakBelow: number; ignoreStatic?: boolean }} options `mutate`:
 *   globs of the files to
 *   mutate, relative to the package (Stryker warns about a `!` glob that excludes nothing: list only those that do);
 *   `vitestConfig`: the Vitest config of the runs (default `vitest.config.ts`); `breakBelow`: the mutation score
 *   (in %) under which `stryker run` fails; `ignoreStatic`: leave out the mutants of code that runs once, when a module
 *   loads (each of them reruns every test: bench/mutation.md says when that is worth it).
 */
export function strykerConfig({ mutate, vitestConfig = 'vitest.config.ts', breakBelow, ignoreStatic = false }) {
  return {
    packageManager: 'pnpm',
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: vitestConfig },
    mutate,
    ignoreStatic,
    inPlace: true,
    incremental: true,
    incrementalFile: 'reports/stryker-incremental.json',
    concurrency: 1,
    timeoutMS: 10_000,
    coverageAnalysis: 'perTest',
    reporters: ['clear-text', 'progress', 'json'],
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    thresholds: { high: 80, low: 65, break: breakBelow },
    tempDirName: '.stryker-tmp',
  };
}
