import { safeHref, sourceTitle, urlLabel } from '../format.js';

/** Where a fact comes from. */
export interface FactSource {
  readonly url?: string | undefined;
  readonly kind?: string | undefined;
  readonly date?: string | undefined;
  readonly uncertain?: boolean | undefined;
  readonly note?: string | undefined;
}

/** A visible link to a fact's source, its kind and date on hover; plain text when the URL is not http(s). */
export function SourceLink({ source }: { readonly source: FactSource | undefined }) {
  if (source === undefined || (source.url === undefined && source.kind === undefined)) {
    return <span class="muted">no source</span>;
  }
  const title = sourceTitle(source);
  const href = source.url !== undefined ? safeHref(source.url) : undefined;
  const label = `${source.kind ?? 'source'}${source.date !== undefined ? ` ${source.date}` : ''}${source.uncertain ? ' ?' : ''}`;
  if (href === undefined) {
    return (
      <span class="source" title={title}>
        {label}
        {source.url !== undefined ? ` (${source.url})` : ''}
      </span>
    );
  }
  return (
    <a class="source" href={href} title={title} target="_blank" rel="noopener noreferrer">
      {label} · {urlLabel(href)}
    </a>
  );
}
