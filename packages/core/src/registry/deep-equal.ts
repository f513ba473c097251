/** Structural equality of JSON-like values (key order ignored; `ignoreTopLevelKey` skipped at the top level only). */
export function deepEqualJson(left: unknown, right: unknown, ignoreTopLevelKey?: string): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return false;
    return left.every((item, index) => deepEqualJson(item, right[index]));
  }
  const leftRecord = left as Record<string, unknown>;
  const rightRecord = right as Record<string, unknown>;
  const leftKeys = Object.keys(leftRecord).filter((key) => leftRecord[key] !== undefined && key !== ignoreTopLevelKey);
  const rightKeys = Object.keys(rightRecord).filter(
    (key) => rightRecord[key] !== undefined && key !== ignoreTopLevelKey,
  );
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) => Object.hasOwn(rightRecord, key) && deepEqualJson(leftRecord[key], rightRecord[key]));
}
