// @ts-check
/** The median of some numbers (the upper one of an even count); the numbers are not reordered. */
export const median = (/** @type {readonly number[]} */ values) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
