// The Routes page's compare panel: `compare --json` for one canonical model, its offerings side by side.
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { Breakable } from '../components/breakable.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { SourceLink } from '../components/source-link.js';
import { useApi } from '../components/use-api.js';
import { formatRate, formatTokens } from '../format.js';
import { TESTIDS } from '../testids.js';
import type { CompareOutput } from '../types.js';

type Limit = CompareOutput['offerings'][number]['contextWindow'];

/** A limit's value and its source link (or `unknown` with the note). */
function LimitCell({ limit }: { readonly limit: Limit }) {
  if (limit.value === 'unknown') {
    return (
      <td class="num" title={limit.note}>
        unknown
      </td>
    );
  }
  return (
    <td class="num">
      {formatTokens(limit.value)}
      <br />
      {limit.url !== undefined ? (
        <SourceLink
          source={{
            url: limit.url,
            kind: limit.kind ?? limit.source,
            date: limit.retrieved,
            uncertain: limit.uncertain,
            note: limit.note,
          }}
        />
      ) : (
        <span class="muted" title={limit.note}>
          {limit.source}
        </span>
      )}
    </td>
  );
}

/** Every offering of one canonical model. */
export function ComparePanel(props: {
  readonly model: string;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const [state, load] = useApi<CompareOutput>('compare');
  useEffect(() => {
    void load({ model: props.model });
  }, [props.model, load]);
  return (
    <section class="panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading" tabIndex={-1} ref={props.headingRef}>
        Compare {state.status === 'ok' ? state.data.model.displayName : props.model}
      </h2>
      {state.status === 'loading' ? <Loading label="Comparing offerings…" /> : null}
      {state.status === 'error' ? <ErrorBox error={state.error} /> : null}
      {state.status === 'ok' ? (
        <>
          <p class="muted">
            <code>{state.data.model.id}</code> · family {state.data.model.family} · model context{' '}
            {formatTokens(state.data.model.contextWindow)} · max output {formatTokens(state.data.model.maxOutput)}
          </p>
          <div class="table-wrap">
            <table data-testid={TESTIDS.compareTable}>
              <thead>
                <tr>
                  <th scope="col">Route</th>
                  <th scope="col">Hosting</th>
                  <th scope="col">Endpoint</th>
                  <th scope="col" class="num">
                    Context
                  </th>
                  <th scope="col" class="num">
                    Max output
                  </th>
                  <th scope="col" class="num">
                    Input /1M
                  </th>
                  <th scope="col" class="num">
                    Cached /1M
                  </th>
                  <th scope="col" class="num">
                    Output /1M
                  </th>
                  <th scope="col">Source</th>
                  <th scope="col">Key</th>
                </tr>
              </thead>
              <tbody>
                {state.data.offerings.map((offering) => {
                  const { meter } = offering;
                  const priced = meter.kind === 'token-pricing';
                  return (
                    <tr
                      key={offering.ref}
                      data-testid={TESTIDS.compareRow}
                      data-ref={offering.ref}
                      data-context={String(offering.contextWindow.value)}
                      data-max-output={String(offering.maxOutput.value)}
                      data-input={priced && meter.input !== undefined ? String(meter.input) : 'unknown'}
                      data-output={priced && meter.output !== undefined ? String(meter.output) : 'unknown'}
                    >
                      <th scope="row">
                        <code>
                          <Breakable text={offering.ref} />
                        </code>
                        {offering.status !== undefined ? <span class="badge">{offering.status}</span> : null}
                      </th>
                      <td>{offering.hosting}</td>
                      <td>
                        <code>
                          <Breakable text={offering.endpoint.baseUrl} />
                        </code>
                        {offering.endpoint.official ? <span class="badge">official</span> : null}
                      </td>
                      <LimitCell limit={offering.contextWindow} />
                      <LimitCell limit={offering.maxOutput} />
                      <td class="num">{priced ? `${meter.currency ?? ''} ${formatRate(meter.input)}` : meter.kind}</td>
                      <td class="num">{priced ? formatRate(meter.cachedInput) : ''}</td>
                      <td class="num">{priced ? formatRate(meter.output) : ''}</td>
                      <td>
                        {offering.provenance !== null ? (
                          <>
                            <SourceLink source={{ ...offering.provenance }} />
                            <br />
                            <span class="muted">
                              {offering.provenance.of}, {offering.provenance.ageDays} days old
                            </span>
                          </>
                        ) : (
                          <span class="muted" title={meter.note}>
                            no source
                          </span>
                        )}
                      </td>
                      <td>
                        <code>
                          <Breakable text={offering.auth} />
                        </code>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
