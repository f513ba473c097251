import { describe, expect, it } from 'vitest';
import { errorOutputSchema } from '../output/schemas.js';
import { CliError, EXIT_CODES, usageError } from './exit-codes.js';
import { BUGS_URL } from './links.js';
import { errorDocument } from './report.js';

// The error document `--json` prints (bin.ts) and the lab answers with (lab/run-endpoint.ts): one function for both.

describe('errorDocument', () => {
  it('reports a CliError as it is: category, exit code, code, message, hint, details', () => {
    const { document, exitCode } = errorDocument(
      new CliError('resolution', 'No route.', {
        code: 'no-route',
        hint: 'Name a provider.',
        details: { field: 'model' },
      }),
      false,
    );
    expect(exitCode).toBe(EXIT_CODES.resolution);
    expect(document).toEqual({
      schemaVersion: 1,
      error: {
        category: 'resolution',
        exitCode: EXIT_CODES.resolution,
        code: 'no-route',
        message: 'No route.',
        hint: 'Name a provider.',
        details: { field: 'model' },
      },
    });
    expect(errorOutputSchema.safeParse(document).success).toBe(true);
    const { document: plain } = errorDocument(new CliError('config', 'Unreadable.'), false);
    expect(plain.error).toEqual({
      category: 'config',
      exitCode: EXIT_CODES.config,
      code: 'config',
      message: 'Unreadable.',
    });
    expect(errorDocument(usageError('Bad flag.', undefined, 'unknown-flag'), false).document.error.code).toBe(
      'unknown-flag',
    );
  });

  it("turns a registry's CATALOG_INVALID into a catalog error", () => {
    const invalid = Object.assign(new Error('Two plugins claim deepseek.'), { code: 'CATALOG_INVALID' });
    const { document, exitCode, failure } = errorDocument(invalid, false);
    expect(exitCode).toBe(EXIT_CODES.catalog);
    expect(document.error).toMatchObject({
      category: 'catalog',
      code: 'CATALOG_INVALID',
      message: 'Two plugins claim deepseek.',
    });
    expect(failure.options.cause).toBe(invalid);
  });

  it('reports anything else as a bug (internal), first line only, the hint depending on --debug', () => {
    const { document, exitCode } = errorDocument(new RangeError('out of range\nsecond line'), false);
    expect(exitCode).toBe(EXIT_CODES.internal);
    expect(document.error).toEqual({
      category: 'internal',
      exitCode: EXIT_CODES.internal,
      code: 'internal',
      message: 'codewhale-route failed unexpectedly (RangeError: out of range).',
      hint: `This is a bug; run again with --debug for the stack and report it at ${BUGS_URL}.`,
    });
    expect(errorDocument('a string', true).document.error).toMatchObject({
      message: 'codewhale-route failed unexpectedly (string: a string).',
      hint: `This is a bug; please report it with the stack below at ${BUGS_URL}.`,
    });
  });
});
