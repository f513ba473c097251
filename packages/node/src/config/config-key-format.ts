/**
 * A TOML basic string: `"…"` with `\` and `"` escaped, the named escapes for `\b \t \n \f \r`, and `\uXXXX` for the
 * other control characters and DEL. The one escaping rule of every config writer (values and quoted key segments).
 */
export function tomlString(value: string): string {
  return `"${value.replace(/[\\"\u0000-\u001f\u007f]/g, (char) => {
    const named: Record<string, string> = {
      '\\': '\\\\',
      '"': '\\"',
      '\b': '\\b',
      '\t': '\\t',
      '\n': '\\n',
      '\f': '\\f',
      '\r': '\\r',
    };
    return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}

/** A dotted key as TOML writes it and messages show it: bare segments, quoted when they need it (`providers."my.box".model`). */
export function formatConfigKey(segments: readonly string[]): string {
  return segments.map((segment) => (/^[A-Za-z0-9_-]+$/.test(segment) ? segment : tomlString(segment))).join('.');
}
