/**
 * The links of an HTTP `Link` header by relation (`<url>; rel="next"`), as the Hub pages its search results. Untrusted
 * input: anything that does not parse is skipped; never throws; linear in the header's length (at most 16 KiB read).
 */
export function parseLinkHeader(header: string | undefined): Readonly<Record<string, string>> {
  const links: Record<string, string> = {};
  if (typeof header !== 'string') return links;
  let rest = header.slice(0, 16_384);
  for (;;) {
    const open = rest.indexOf('<');
    if (open < 0) break;
    const close = rest.indexOf('>', open + 1);
    if (close < 0) break;
    const target = rest.slice(open + 1, close);
    const next = rest.indexOf('<', close + 1);
    // A link's parameters end at the comma that separates it from the next link.
    const params = rest.slice(close + 1, next < 0 ? undefined : next).split(',')[0] ?? '';
    for (const param of params.split(';')) {
      const equals = param.indexOf('=');
      if (equals < 0 || param.slice(0, equals).trim().toLowerCase() !== 'rel') continue;
      const value = param
        .slice(equals + 1)
        .trim()
        .replace(/^"|"$/g, '');
      for (const rel of value.split(/\s+/)) {
        const name = rel.toLowerCase();
        if (name !== '' && !Object.hasOwn(links, name))
          Object.defineProperty(links, name, { value: target, enumerable: true, writable: false, configurable: false });
      }
    }
    if (next < 0) break;
    rest = rest.slice(next);
  }
  return links;
}
