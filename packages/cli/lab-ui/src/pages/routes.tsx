// Routes: every offering of `models --json` with its provider's facts (`providers --json`), filterable; a canonical
// model opens `compare --json` side by side. Every filtered fact is in the models row itself: the resolved route's
// `capabilities` (as explain gives them) and the canonical model's `license`, so the page makes no per-route calls.
// A fact the row does not state (an unknown licence, a capability of a ref that does not resolve) never passes a
// filter on it; those rows are counted as hidden apart from the ones a known fact excludes.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { CAPABILITIES, type CapabilityName } from '../capabilities.js';
import { useApi } from '../components/use-api.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { SourceLink } from '../components/source-link.js';
import { formatRate, formatTokens, safeHref } from '../format.js';
import {
  type Hosting,
  hostingOf,
  judgeRow,
  knownLicenseOf,
  licenseCounts,
  licenseIdOf,
  NO_FILTER,
  parseBound,
  type RouteFilter,
  type RowVerdict,
  yesCapabilities,
} from '../route-filter.js';
import { TESTIDS } from '../testids.js';
import type { ModelRow, ModelsOutput, ProviderRow, ProvidersOutput } from '../types.js';
import { ComparePanel } from './routes-compare.js';

/** The Routes page. */
export function RoutesPage() {
  const [models, loadModels] = useApi<ModelsOutput>('models');
  const [providers, loadProviders] = useApi<ProvidersOutput>('providers');
  const [filter, setFilter] = useState<RouteFilter>(NO_FILTER);
  const [compared, setCompared] = useState<string | undefined>(undefined);
  const compareHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void loadModels();
    void loadProviders();
  }, [loadModels, loadProviders]);

  const providerMap = useMemo(
    () => new Map<string, ProviderRow>(providers.status === 'ok' ? providers.data.providers.map((p) => [p.id, p]) : []),
    [providers],
  );
  const rows = models.status === 'ok' ? models.data.models : [];
  const licenses = useMemo(() => licenseCounts(rows), [rows]);
  const verdicts = rows.map((row) => judgeRow(row, filter, providerMap));
  const count = (verdict: RowVerdict) => verdicts.filter((v) => v === verdict).length;

  const compare = (model: string) => {
    setCompared(model);
    requestAnimationFrame(() => compareHeading.current?.focus());
  };

  return (
    <section aria-labelledby="routes-heading">
      <h1 id="routes-heading">Routes</h1>
      <p class="lead">Every offering this installation knows, with its provider's endpoint and key class.</p>
      <FilterForm filter={filter} licenses={licenses} onChange={setFilter} />
      {models.status === 'error' ? <ErrorBox error={models.error} /> : null}
      {providers.status === 'error' ? <ErrorBox error={providers.error} /> : null}
      {models.status === 'loading' || models.status === 'idle' ? <Loading label="Reading the catalog…" /> : null}
      {models.status === 'ok' ? (
        <>
          <p class="count" role="status" data-testid={TESTIDS.routesCount} data-shown={count('shown')}>
            {count('shown')} of {rows.length} offerings shown
            {count('unknown') > 0 ? ` · ${count('unknown')} hidden: a fact the filter needs is unknown` : ''}
          </p>
          <div class="table-wrap">
            <table data-testid={TESTIDS.routesTable}>
              <caption class="visually-hidden">Offerings</caption>
              <thead>
                <tr>
                  <th scope="col">Route</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Model</th>
                  <th scope="col" class="num">
                    Context
                  </th>
                  <th scope="col" class="num">
                    Input /1M
                  </th>
                  <th scope="col" class="num">
                    Output /1M
                  </th>
                  <th scope="col">Licence</th>
                  <th scope="col">Hosting</th>
                  <th scope="col">Key</th>
                  <th scope="col">Price source</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) =>
                  verdicts[index] === 'shown' ? (
                    <OfferingRow
                      key={row.ref}
                      row={row}
                      provider={providerMap.get(row.provider)}
                      hosting={hostingOf(row, providerMap)}
                      onCompare={compare}
                    />
                  ) : null,
                )}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {compared !== undefined ? <ComparePanel model={compared} headingRef={compareHeading} /> : null}
    </section>
  );
}

function OfferingRow(props: {
  readonly row: ModelRow;
  readonly provider: ProviderRow | undefined;
  readonly hosting: Hosting;
  readonly onCompare: (model: string) => void;
}) {
  const { row, provider, hosting } = props;
  const { meter } = row;
  const priced = meter.kind === 'token-pricing';
  return (
    <tr
      data-testid={TESTIDS.offeringRow}
      data-ref={row.ref}
      data-provider={row.provider}
      data-canonical={row.canonical ?? ''}
      data-context={String(row.contextWindow)}
      data-input={priced && meter.input !== undefined ? String(meter.input) : 'unknown'}
      data-output={priced && meter.output !== undefined ? String(meter.output) : 'unknown'}
      data-hosting={hosting}
      data-license={licenseIdOf(row)}
      data-capabilities={yesCapabilities(row).join(',')}
    >
      <th scope="row">
        <code>{row.ref}</code>
        {row.status !== undefined ? <span class="badge">{row.status}</span> : null}
        {row.source === 'live' ? <span class="badge">live only</span> : null}
      </th>
      <td title={provider ? `${provider.class} · ${provider.endpoint?.baseUrl ?? 'no endpoint'}` : undefined}>
        {provider?.displayName ?? row.provider}
        <span class="muted"> {provider?.class}</span>
      </td>
      <td>
        {row.canonical !== null ? (
          <button type="button" class="link" onClick={() => props.onCompare(row.canonical as string)}>
            {row.canonical}
          </button>
        ) : (
          <span class="muted">not in the catalog</span>
        )}
      </td>
      <td class="num" title={row.contextSource !== undefined ? `Source: ${row.contextSource}` : undefined}>
        {formatTokens(row.contextWindow)}
      </td>
      <td class="num">{priced ? formatRate(meter.input) : meter.kind}</td>
      <td class="num">{priced ? formatRate(meter.output) : meter.kind}</td>
      <td>
        <LicenseCell row={row} />
      </td>
      <td>{hosting}</td>
      <td>
        <code>{provider?.auth ?? '…'}</code>
      </td>
      <td>
        {meter.source !== undefined ? (
          <SourceLink source={meter.source} />
        ) : (
          <span class="muted" title={meter.note}>
            no price source
          </span>
        )}
      </td>
    </tr>
  );
}

/** The canonical model's licence: its name (or id), linked when its URL is http(s); the SPDX id or reason on hover. */
function LicenseCell({ row }: { readonly row: ModelRow }) {
  const license = knownLicenseOf(row);
  if (license === undefined) {
    const reason =
      row.license === undefined
        ? 'No canonical model: no licence to read'
        : 'reason' in row.license
          ? row.license.reason
          : undefined;
    return (
      <span class="muted" title={reason}>
        unknown
      </span>
    );
  }
  const title = [`Licence id: ${license.value}`, license.spdx !== undefined ? `SPDX: ${license.spdx}` : 'No SPDX id']
    .concat(license.url !== undefined ? [license.url] : [])
    .join('\n');
  const href = license.url !== undefined ? safeHref(license.url) : undefined;
  const label = license.name ?? license.value;
  return href !== undefined ? (
    <a href={href} title={title} target="_blank" rel="noopener noreferrer">
      {label}
    </a>
  ) : (
    <span title={title}>{label}</span>
  );
}

function FilterForm({
  filter,
  licenses,
  onChange,
}: {
  readonly filter: RouteFilter;
  readonly licenses: ReturnType<typeof licenseCounts>;
  readonly onChange: (f: RouteFilter) => void;
}) {
  const [minContext, setMinContext] = useState('');
  const [maxInput, setMaxInput] = useState('');
  const [maxOutput, setMaxOutput] = useState('');
  const update = (patch: Partial<RouteFilter>) => onChange({ ...filter, ...patch });
  const toggle = (name: CapabilityName, on: boolean) =>
    update({ capabilities: on ? [...filter.capabilities, name] : filter.capabilities.filter((c) => c !== name) });
  return (
    <form class="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filter offerings">
      <label>
        Search
        <input
          type="search"
          value={filter.text}
          placeholder="model, provider, route"
          onInput={(event) => update({ text: event.currentTarget.value })}
        />
      </label>
      <label>
        Min context (tokens)
        <input
          inputMode="numeric"
          value={minContext}
          placeholder="e.g. 128k"
          onInput={(event) => {
            setMinContext(event.currentTarget.value);
            update({ minContext: parseBound(event.currentTarget.value) });
          }}
        />
      </label>
      <label>
        Max input /1M
        <input
          inputMode="decimal"
          value={maxInput}
          onInput={(event) => {
            setMaxInput(event.currentTarget.value);
            update({ maxInput: parseBound(event.currentTarget.value) });
          }}
        />
      </label>
      <label>
        Max output /1M
        <input
          inputMode="decimal"
          value={maxOutput}
          onInput={(event) => {
            setMaxOutput(event.currentTarget.value);
            update({ maxOutput: parseBound(event.currentTarget.value) });
          }}
        />
      </label>
      <label>
        Hosting
        <select
          value={filter.hosting}
          onChange={(event) => update({ hosting: event.currentTarget.value as RouteFilter['hosting'] })}
        >
          <option value="any">any</option>
          <option value="hosted">hosted</option>
          <option value="local">local</option>
        </select>
      </label>
      <label>
        Licence
        <select
          value={filter.license ?? ''}
          onChange={(event) => update({ license: event.currentTarget.value || undefined })}
        >
          <option value="">any</option>
          {licenses.known.map(([id, count]) => (
            <option key={id} value={id}>
              {id} ({count})
            </option>
          ))}
          {licenses.unknown > 0 ? (
            <option value="unknown" disabled>
              unknown ({licenses.unknown}, never matches)
            </option>
          ) : null}
        </select>
      </label>
      <fieldset>
        <legend>Capabilities (must be yes)</legend>
        {CAPABILITIES.map((name) => (
          <label key={name} class="check">
            <input
              type="checkbox"
              checked={filter.capabilities.includes(name)}
              onChange={(event) => toggle(name, event.currentTarget.checked)}
            />
            {name}
          </label>
        ))}
      </fieldset>
    </form>
  );
}
