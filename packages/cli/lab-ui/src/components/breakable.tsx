import type { ComponentChildren } from 'preact';

/**
 * A long single word (a route ref, a URL) with a line-break opportunity after each `/`, `:` and `.`, so a table cell
 * holding it can wrap there instead of widening the table; the text itself is unchanged.
 */
export function Breakable({ text }: { readonly text: string }) {
  const children: ComponentChildren[] = [];
  text.split(/(?<=[/:.])/).forEach((part, index) => {
    if (index > 0) children.push(<wbr key={`w${index}`} />);
    children.push(part);
  });
  return <>{children}</>;
}
