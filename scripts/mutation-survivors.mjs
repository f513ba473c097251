#!/usr/bin/env node
// Lists the mutants a Stryker run left alive (survived or not covered), file by file, with the code each one changes:
// what a new test should notice. Reads a package's incremental report (bench/mutation.md says how to produce one).
//   node scripts/mutation-survivors.mjs packages/plugin-kit/reports/stryker-incremental.json [path-substring ...]
import { readFileSync } from 'node:fs';

const [reportPath, ...filters] = process.argv.slice(2);
if (!reportPath) {
  console.error('usage: node scripts/mutation-survivors.mjs <reports/stryker-incremental.json> [path-substring ...]');
  process.exit(2);
}
/** @type {{ files: Record<string, { source: string; mutants: { status: string; mutatorName: string; replacement?: string; location: { start: { line: number; column: number }; end: { line: number; column: number } } }[] }> }} */
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const ALIVE = new Set(['Survived', 'NoCoverage']);
const scored = new Set(['Killed', 'Timeout', 'Survived', 'NoCoverage']);

for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  if (filters.length > 0 && !filters.some((filter) => file.includes(filter))) continue;
  const alive = mutants.filter((mutant) => ALIVE.has(mutant.status));
  const counted = mutants.filter((mutant) => scored.has(mutant.status)).length;
  if (alive.length === 0) continue;
  const score = counted === 0 ? 100 : (100 * (counted - alive.length)) / counted;
  console.log(`\n## ${file}: ${alive.length} alive of ${counted} (${score.toFixed(1)} %)`);
  const lines = source.split('\n');
  for (const mutant of alive.sort((a, b) => a.location.start.line - b.location.start.line)) {
    const { start, end } = mutant.location;
    const original =
      start.line === end.line
        ? (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
        : `${(lines[start.line - 1] ?? '').slice(start.column - 1)} …`;
    const replacement = (mutant.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100);
    console.log(
      `${start.line}:${start.column} ${mutant.status === 'NoCoverage' ? 'uncovered' : 'survived'} ${mutant.mutatorName}: ${original.trim().slice(0, 100)} -> ${replacement}`,
    );
  }
}
