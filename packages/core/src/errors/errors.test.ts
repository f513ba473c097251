import { describe, expect, it } from 'vitest';
import { CatalogError } from './catalog-error.js';
import { CodewhaleError } from './codewhale-error.js';

describe('CodewhaleError', () => {
  it('keeps code, name and cause', () => {
    const cause = new Error('socket hang up');
    const error = new CodewhaleError('SOME_CODE', 'It failed.', { cause });
    expect(error.code).toBe('SOME_CODE');
    expect(error.name).toBe('CodewhaleError');
    expect(error.cause).toBe(cause);
    expect(error.stack).toContain('It failed.');
  });

  it('is recognised across duplicate installs by its Symbol.for marker, not by instanceof', () => {
    // A copy of the class from a second install of the package carries the same global symbol.
    const foreign = Object.assign(new Error('from another copy'), { [Symbol.for('codewhale.error')]: true, code: 'X' });
    expect(CodewhaleError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof CodewhaleError).toBe(false);
    expect(CodewhaleError.isInstance(new Error('plain'))).toBe(false);
    expect(CodewhaleError.isInstance({ code: 'X', message: 'look-alike' })).toBe(false);
    expect(CodewhaleError.isInstance(null)).toBe(false);
  });

  it('tells catalog errors apart from other CodeWhale errors', () => {
    const issues = [{ code: 'UNKNOWN_MODEL', path: 'p', message: 'm.', fix: 'f.' }] as const;
    const error = new CatalogError(issues);
    expect(CatalogError.isInstance(error)).toBe(true);
    expect(CodewhaleError.isInstance(error)).toBe(true);
    expect(CatalogError.isInstance(new CodewhaleError('CATALOG_INVALID', 'x'))).toBe(false);
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.name).toBe('CatalogError');
    expect(error.message).toBe('Catalog rejected (1 problem):\n- p: m. Fix: f. [UNKNOWN_MODEL]');
    expect(Object.isFrozen(error.issues)).toBe(true);
  });

  it('hasMarker: one check for every subclass, across duplicate installs, never for look-alikes', () => {
    const marker = Symbol.for('codewhale.error.test-subclass');
    class TestSubError extends CodewhaleError {
      readonly [marker] = true;
      static override isInstance(value: unknown): value is TestSubError {
        return CodewhaleError.hasMarker(value, marker);
      }
    }
    expect(TestSubError.isInstance(new TestSubError('X', 'x'))).toBe(true);
    expect(TestSubError.isInstance(new CodewhaleError('X', 'x'))).toBe(false);
    // A copy of both classes from a second install: the same global symbols.
    const foreign = Object.assign(new Error('from another copy'), {
      [Symbol.for('codewhale.error')]: true,
      [marker]: true,
      code: 'X',
    });
    expect(CodewhaleError.hasMarker(foreign, marker)).toBe(true);
    // The subclass marker alone (not a CodeWhale error) is not enough.
    expect(CodewhaleError.hasMarker({ [marker]: true }, marker)).toBe(false);
    expect(
      CodewhaleError.hasMarker(
        Object.assign(new Error('x'), { [Symbol.for('codewhale.error')]: true, [marker]: 'yes' }),
        marker,
      ),
    ).toBe(false);
    expect(CodewhaleError.hasMarker(null, marker)).toBe(false);
    expect(CodewhaleError.hasMarker(undefined, marker)).toBe(false);
  });
});
