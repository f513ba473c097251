import { describe, expect, it } from 'vitest';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import { HTTP_STATUS } from './http-status.js';
import type { Output } from '../cli/output.js';
import { endpointArgv, runEndpoint } from './run-endpoint.js';

// @see issue 20: a query becomes a command line no value can turn into a flag.

const query = (text: string) => new URLSearchParams(text);

describe('endpointArgv', () => {
  it('writes every value as --flag=value and the positional after --', () => {
    expect(endpointArgv('explain', query('ref=auto&purpose=summary&require=tools&require=json&context=128k'))).toEqual([
      'explain',
      '--purpose=summary',
      '--require=tools',
      '--require=json',
      '--context=128k',
      '--json',
      '--',
      'auto',
    ]);
    expect(endpointArgv('receipts-summary', query('by=day&provider=deepseek'), '/srv/lab.toml')).toEqual([
      'receipts',
      'summary',
      '--by=day',
      '--provider=deepseek',
      '--json',
      '--config=/srv/lab.toml',
    ]);
  });

  it('keeps a value that looks like a flag a value, and leaves out blank ones', () => {
    expect(endpointArgv('explain', query('ref=--config=/etc/x&model=--debug&purpose='))).toEqual([
      'explain',
      '--model=--debug',
      '--json',
      '--',
      '--config=/etc/x',
    ]);
  });

  it('refuses an unknown parameter (naming the allowed ones) and a repeated one that is not a list', () => {
    const unknown = (() => {
      try {
        return endpointArgv('compare', query('model=deepseek-v4-pro&config=/etc/x'));
      } catch (error) {
        return error;
      }
    })();
    expect(CliError.isInstance(unknown) && [unknown.category, unknown.options.code, unknown.options.hint]).toEqual([
      'usage',
      'lab-unknown-param',
      'Its parameters: model.',
    ]);
    expect(() => endpointArgv('providers', query('x=1'))).toThrow('Unknown parameter "x" for /api/providers.');
    expect(() => endpointArgv('compare', query('model=a&model=b'))).toThrow(
      'Parameter "model" of /api/compare is given twice.',
    );
  });
});

describe('runEndpoint', () => {
  const context = (run: (output: Output) => Promise<number>) => ({
    env: {},
    runCommand: (_args: unknown, output: Output) => run(output),
  });

  it('answers 200 with the document, whatever the exit code; a thrown error is its error document', async () => {
    const ok = await runEndpoint('providers', query(''), {
      env: {},
      runCommand: async (_args, output) => {
        output.printJson({ schemaVersion: 1, providers: [], note: undefined });
        return 4;
      },
    });
    expect(ok).toEqual({
      status: HTTP_STATUS.ok,
      body: { schemaVersion: 1, providers: [] },
      exitCode: EXIT_CODES.network,
    });
    const statuses: [CliError['category'], number][] = [
      ['usage', HTTP_STATUS.badRequest],
      ['resolution', HTTP_STATUS.unprocessable],
      ['network', HTTP_STATUS.badGateway],
      ['config', HTTP_STATUS.unavailable],
      ['catalog', HTTP_STATUS.internal],
      ['internal', HTTP_STATUS.internal],
    ];
    for (const [category, status] of statuses) {
      const failed = await runEndpoint('providers', query(''), {
        env: {},
        runCommand: async () => {
          throw new CliError(category, `failed: ${category}`, { code: `code-${category}` });
        },
      });
      expect(failed.status, category).toBe(status);
      expect(failed.body).toEqual({
        schemaVersion: 1,
        error: { category, exitCode: failed.exitCode, code: `code-${category}`, message: `failed: ${category}` },
      });
    }
    const bug = await runEndpoint(
      'providers',
      query(''),
      context(async () => Promise.reject(new TypeError('boom'))),
    );
    expect(bug.status).toBe(HTTP_STATUS.internal);
    expect((bug.body as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'internal',
      message: 'codewhale-route failed unexpectedly (TypeError: boom).',
    });
  });

  it('a command that printed no document is an internal error', async () => {
    const none = await runEndpoint(
      'providers',
      query(''),
      context(async () => 0),
    );
    expect(none.status).toBe(HTTP_STATUS.internal);
    expect((none.body as { error: { code: string } }).error.code).toBe('lab-no-document');
  });

  it('a usage mistake never reaches the command', async () => {
    let ran = false;
    const answer = await runEndpoint(
      'compare',
      query('model=a&model=b'),
      context(async () => {
        ran = true;
        return 0;
      }),
    );
    expect([answer.status, answer.exitCode, ran]).toEqual([HTTP_STATUS.badRequest, EXIT_CODES.usage, false]);
  });
});
