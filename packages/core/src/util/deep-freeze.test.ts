import { describe, expect, it } from 'vitest';
import { deepFreeze } from './deep-freeze.js';

describe('deepFreeze', () => {
  it('freezes every object and array of the graph, at any depth, and returns the same value', () => {
    const graph = { a: { b: [{ c: 1 }] }, d: [1, 2] };
    expect(deepFreeze(graph)).toBe(graph);
    expect([graph, graph.a, graph.a.b, graph.a.b[0], graph.d].every((value) => Object.isFrozen(value))).toBe(true);
  });

  it('leaves functions in the graph unfrozen (a hook may still carry state), and primitives and null as they are', () => {
    const hook = () => 1;
    const graph = deepFreeze({ hook, none: null, n: 1, s: 'x' });
    expect(Object.isFrozen(graph)).toBe(true);
    expect(Object.isFrozen(hook)).toBe(false);
    expect(deepFreeze(null)).toBe(null);
    expect(deepFreeze('text')).toBe('text');
  });

  it('does not descend into a branch that is already frozen', () => {
    const inner = { open: { x: 1 } };
    const graph = deepFreeze({ done: Object.freeze(inner) });
    expect(Object.isFrozen(graph.done)).toBe(true);
    expect(Object.isFrozen(inner.open)).toBe(false);
  });
});
