// Health: probes the local runtimes only when the button is pressed (POST /api/health = `health --json`).
import { ErrorBox, Loading } from '../components/error-box.js';
import { useApi } from '../components/use-api.js';
import { formatMs, formatTime } from '../format.js';
import { TESTIDS } from '../testids.js';
import type { HealthOutput } from '../types.js';

/** The Health page. */
export function HealthPage() {
  const [state, check] = useApi<HealthOutput>('health');
  return (
    <section aria-labelledby="health-heading">
      <h1 id="health-heading">Health of local runtimes</h1>
      <p class="lead">
        Runs <code>codewhale-route health</code>: contacts the runtimes and endpoints this installation is set up for
        (vLLM, SGLang, Ollama, custom endpoints, and a hosted provider with a health endpoint when its key is set), and
        nothing else. Nothing is contacted until you press the button, and never again on its own.
      </p>
      <p>
        <button
          type="button"
          class="primary"
          data-testid={TESTIDS.healthCheck}
          disabled={state.status === 'loading'}
          onClick={() => void check()}
        >
          Check now
        </button>
      </p>
      {state.status === 'loading' ? <Loading label="Checking…" /> : null}
      {state.status === 'error' ? <ErrorBox error={state.error} /> : null}
      {state.status === 'ok' ? <HealthResult health={state.data} at={state.at} took={state.ms} /> : null}
    </section>
  );
}

function HealthResult(props: { readonly health: HealthOutput; readonly at: number; readonly took: number }) {
  const { health, at } = props;
  return (
    <>
      <p class="muted" data-testid={TESTIDS.healthCheckedAt} data-at={new Date(at).toISOString()}>
        Checked at {formatTime(new Date(at).toISOString())}; the whole check took {formatMs(props.took)} (every runtime,
        one after another: the probes do not report a latency of their own).
      </p>
      {health.checks.length === 0 ? (
        <p>No runtime was checked: none is configured (see the list below).</p>
      ) : (
        <div class="table-wrap">
          <table data-testid={TESTIDS.healthTable}>
            <thead>
              <tr>
                <th scope="col">Runtime</th>
                <th scope="col">Endpoint</th>
                <th scope="col">State</th>
                <th scope="col">Served models</th>
                <th scope="col">Evidence</th>
                <th scope="col">Checked</th>
              </tr>
            </thead>
            <tbody>
              {health.checks.map((item) => (
                <tr
                  key={`${item.providerId} ${item.endpoint ?? ''}`}
                  data-testid={TESTIDS.healthRow}
                  data-provider={item.providerId}
                  data-state={item.result.state}
                >
                  <th scope="row">
                    {item.providerId}
                    {item.result.version !== undefined ? <span class="muted"> {item.result.version}</span> : null}
                  </th>
                  <td>
                    <code>{item.endpoint ?? '—'}</code>
                  </td>
                  <td>
                    <span class={`state state-${item.result.state}`}>{item.result.state}</span>
                  </td>
                  <td>
                    {item.result.models === undefined || item.result.models.length === 0 ? (
                      <span class="muted">none listed</span>
                    ) : (
                      <ul class="plain">
                        {item.result.models.map((model) => (
                          <li key={model}>
                            <code>{model}</code>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <ul class="plain">
                      {item.result.evidence.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{formatTime(item.checkedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {health.skipped !== undefined && health.skipped.length > 0 ? (
        <>
          <h2>Not contacted</h2>
          <ul data-testid={TESTIDS.healthSkipped}>
            {health.skipped.map((item) => (
              <li key={item.providerId} data-testid={TESTIDS.healthSkippedRow} data-provider={item.providerId}>
                <strong>{item.providerId}</strong> <code>{item.code}</code>: {item.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
