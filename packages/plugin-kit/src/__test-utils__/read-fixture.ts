// Test-only: read a recorded provider body from src/__fixtures__ (each has a .source.txt beside it).
import { readFileSync } from 'node:fs';

/** The parsed JSON of `src/__fixtures__/<name>.json`. */
export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}.json`, import.meta.url), 'utf8')) as unknown;
}
