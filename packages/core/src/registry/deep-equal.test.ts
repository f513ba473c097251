import { describe, expect, it } from 'vitest';
import { deepEqualJson } from './deep-equal.js';

describe('deepEqualJson', () => {
  it('treats equal JSON values as equal whatever the key order', () => {
    expect(deepEqualJson({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(deepEqualJson(null, null)).toBe(true);
    expect(deepEqualJson([], [])).toBe(true);
  });

  it('never equates an object with a primitive, whichever side it is on', () => {
    expect(deepEqualJson({}, 1)).toBe(false);
    expect(deepEqualJson(1, {})).toBe(false);
    expect(deepEqualJson({}, 'a')).toBe(false);
    expect(deepEqualJson('a', [])).toBe(false);
  });

  it('never equates null with an object, whichever side it is on', () => {
    expect(deepEqualJson(null, {})).toBe(false);
    expect(deepEqualJson({}, null)).toBe(false);
    expect(deepEqualJson(null, [])).toBe(false);
  });

  it('distinguishes an array from an object, even one with the same indexed entries', () => {
    expect(deepEqualJson([], {})).toBe(false);
    expect(deepEqualJson({}, [])).toBe(false);
    expect(deepEqualJson(['a'], { 0: 'a' })).toBe(false);
  });

  it('distinguishes arrays of different lengths, including a longer one that starts the same', () => {
    expect(deepEqualJson([1], [1, 2])).toBe(false);
    expect(deepEqualJson([1, 2], [1])).toBe(false);
    expect(deepEqualJson([undefined], [])).toBe(false);
    expect(deepEqualJson([1, 2], [2, 1])).toBe(false);
  });

  it('treats a key holding undefined like an absent key, on either side', () => {
    expect(deepEqualJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqualJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqualJson({ a: { b: undefined } }, { a: {} })).toBe(true);
  });

  it('distinguishes an object with an extra key, on either side', () => {
    expect(deepEqualJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(deepEqualJson({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(deepEqualJson({ a: 1, b: null }, { a: 1 })).toBe(false);
  });

  it('skips the ignored key at the top level, present on one side or different on both', () => {
    expect(deepEqualJson({ $schema: 'x', id: 'm' }, { id: 'm' }, '$schema')).toBe(true);
    expect(deepEqualJson({ id: 'm' }, { $schema: 'x', id: 'm' }, '$schema')).toBe(true);
    expect(deepEqualJson({ $schema: 'x', id: 'm' }, { $schema: 'y', id: 'm' }, '$schema')).toBe(true);
    // Without the ignored key it counts like any other.
    expect(deepEqualJson({ $schema: 'x', id: 'm' }, { id: 'm' })).toBe(false);
  });

  it('compares the ignored key below the top level, and every other key at the top level', () => {
    expect(deepEqualJson({ nested: { $schema: 'x' } }, { nested: { $schema: 'y' } }, '$schema')).toBe(false);
    expect(deepEqualJson({ nested: { $schema: 'x' } }, { nested: {} }, '$schema')).toBe(false);
    expect(deepEqualJson([{ $schema: 'x' }], [{ $schema: 'y' }], '$schema')).toBe(false);
    expect(deepEqualJson({ $schema: 'x', id: 'm' }, { $schema: 'x', id: 'n' }, '$schema')).toBe(false);
  });

  it('compares array items by position even when an index is named as the ignored key', () => {
    expect(deepEqualJson(['a', 'b'], ['a', 'c'], '1')).toBe(false);
  });
});
