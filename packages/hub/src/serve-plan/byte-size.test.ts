import { describe, expect, it } from 'vitest';
import { formatByteSize, parseByteSize } from './byte-size.js';
import { ServePlanError } from './serve-plan-error.js';

describe('parseByteSize', () => {
  it.each([
    ['80GiB', 80 * 1024 ** 3],
    ['80 GiB', 80 * 1024 ** 3],
    ['24GB', 24e9],
    ['141gb', 141e9],
    ['81920MiB', 81920 * 1024 ** 2],
    ['48g', 48 * 1024 ** 3],
    ['1.5TiB', 1.5 * 1024 ** 4],
    ['1073741824', 1024 ** 3],
    ['512B', 512],
  ])('%s is %i bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'GiB', '-8GiB', '0GiB', '8 gigs', '8XB', '1e3GB', 'NaN', '99999999999TiB'])(
    'rejects %j with a typed error',
    (text) => {
      try {
        parseByteSize(text, 'gpuMem');
        expect.unreachable();
      } catch (error) {
        expect(ServePlanError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ code: 'SERVE_PLAN_INVALID_BYTE_SIZE', option: 'gpuMem' });
      }
    },
  );

  it('formats bytes as GiB', () => {
    expect(formatByteSize(17_179_869_184)).toBe('16.00 GiB');
  });
});
