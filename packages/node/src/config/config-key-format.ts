/** A dotted key for messages: bare segments, quoted when they need it (`providers."my.box".model`). */
export function formatConfigKey(segments: readonly string[]): string {
  return segments.map((segment) => (/^[A-Za-z0-9_-]+$/.test(segment) ? segment : JSON.stringify(segment))).join('.');
}
