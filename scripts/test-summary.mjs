// Sums vitest's JSON reports of every package into one plain line: "N passed, N failed[, N skipped]", preceded by one
// "✗ FAILED <file> > <test>: <first line of the error>" line per failed test, so that the end of a long (or truncated)
// log still names what failed.
// Exits non-zero when any test failed, any suite failed to run, or no report was found. The test run's exit status
// (argument 1) counts too: a crashed worker or an unhandled error fails the run without failing a test in any report.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
let brokenSuites = 0;
/** One line per failed test or broken file, printed just before the totals. */
const failures = [];
/** The first non-empty line of an error text, without colour codes, cut to 200 characters. */
const firstLine = (text) =>
  (
    String(text ?? '')
      .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
      .split('\n')
      .find((line) => line.trim() !== '') ?? ''
  )
    .trim()
    .slice(0, 200);
const packageDirs = ['integration'];
for (const group of ['packages', 'plugins', 'examples']) {
  for (const name of await readdir(join(root, group)).catch(() => [])) packageDirs.push(join(group, name));
}
for (const dir of packageDirs) {
  const text = await readFile(join(root, dir, '.vitest-report.json'), 'utf8').catch(() => undefined);
  if (text === undefined) continue;
  const report = JSON.parse(text);
  reports++;
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  for (const suite of report.testResults ?? []) {
    const file = suite.name?.startsWith(root) ? suite.name.slice(root.length) : suite.name;
    const assertions = suite.assertionResults ?? [];
    if (suite.status === 'failed' && assertions.length === 0) {
      brokenSuites++;
      failures.push(`✗ FAILED ${file} (the file did not run): ${firstLine(suite.message)}`);
    }
    for (const test of assertions) {
      if (test.status !== 'failed') continue;
      const title = [...(test.ancestorTitles ?? []), test.title].join(' > ');
      failures.push(`✗ FAILED ${file} > ${title}: ${firstLine(test.failureMessages?.[0])}`);
    }
  }
}
for (const line of failures) console.error(line);
const runStatus = Number(process.argv[2] ?? 0);
const failedRuns = runStatus !== 0 && failed + brokenSuites === 0 ? 1 : 0;
if (brokenSuites > 0)
  console.error(`${brokenSuites} test file(s) failed before running any test (see the output above).`);
if (failedRuns > 0)
  console.error(
    `The test run failed (exit ${runStatus}) outside any test: a crashed worker or an unhandled error (see the output above).`,
  );
if (reports === 0) console.error('No vitest report found: did the test run start?');
console.log(`${passed} passed, ${failed + brokenSuites + failedRuns} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || brokenSuites > 0 || failedRuns > 0 || reports === 0 ? 1 : 0);
