// Open models: search the Hugging Face Hub (POST, on an explicit click), read one model's passport, plan serving it.
import type { ModelPassport } from '@codewhale/hub';
import { useState } from 'preact/hooks';
import { ErrorBox, Loading } from '../components/error-box.js';
import { useApi } from '../components/use-api.js';
import { groupNumber } from '../format.js';
import { TESTIDS } from '../testids.js';
import type { HubSearchOutput, PassportOutput } from '../types.js';
import { PassportView } from './passport.js';

/** The Open models page. */
export function OpenModelsPage() {
  const [query, setQuery] = useState('');
  const [search, runSearch] = useApi<HubSearchOutput>('hub-search');
  const [passport, readPassport] = useApi<PassportOutput>('passport');
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const open = (repo: string) => {
    setSelected(repo);
    void readPassport({ repo });
  };
  return (
    <section aria-labelledby="open-heading">
      <h1 id="open-heading">Open models</h1>
      <p class="lead">
        Search the Hugging Face Hub, read a model's passport (licence, gating, size, quantisations) and the routes this
        installation can make to it. Each button below contacts the Hub; nothing else does.
      </p>
      <form
        class="form-grid"
        data-testid={TESTIDS.hubForm}
        onSubmit={(event) => {
          event.preventDefault();
          if (query.trim() !== '') void runSearch({ query: query.trim() });
        }}
      >
        <label>
          Search the Hub
          <input
            type="search"
            name="query"
            value={query}
            placeholder="qwen coder gguf"
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="submit" class="primary" disabled={search.status === 'loading' || query.trim() === ''}>
            Search the Hub
          </button>
        </div>
      </form>
      {search.status === 'loading' ? <Loading label="Searching the Hub…" /> : null}
      {search.status === 'error' ? <ErrorBox error={search.error} /> : null}
      {search.status === 'ok' ? <SearchResults result={search.data} selected={selected} onOpen={open} /> : null}
      {passport.status === 'loading' ? <Loading label={`Reading the passport of ${selected ?? ''}…`} /> : null}
      {passport.status === 'error' ? <ErrorBox error={passport.error} /> : null}
      {passport.status === 'ok' ? (
        <PassportView passport={passport.data.passport as ModelPassport} routes={passport.data.routes} />
      ) : null}
    </section>
  );
}

function SearchResults(props: {
  readonly result: HubSearchOutput;
  readonly selected: string | undefined;
  readonly onOpen: (repo: string) => void;
}) {
  const { models } = props.result;
  if (models.length === 0) return <p>No model matches on {props.result.endpoint}.</p>;
  return (
    <div class="table-wrap">
      <table data-testid={TESTIDS.hubResults}>
        <caption>
          {models.length} models from <code>{props.result.endpoint}</code>
        </caption>
        <thead>
          <tr>
            <th scope="col">Repository</th>
            <th scope="col">Task</th>
            <th scope="col">Library</th>
            <th scope="col">Licence</th>
            <th scope="col">Gated</th>
            <th scope="col" class="num">
              Downloads
            </th>
            <th scope="col" class="num">
              Likes
            </th>
          </tr>
        </thead>
        <tbody>
          {models.map((model) => (
            <tr
              key={model.id}
              data-testid={TESTIDS.hubRow}
              data-repo={model.id}
              aria-current={props.selected === model.id ? 'true' : undefined}
            >
              <th scope="row">
                <button
                  type="button"
                  class="link"
                  title="Read its passport (contacts the Hub)"
                  onClick={() => props.onOpen(model.id)}
                >
                  {model.id}
                </button>
              </th>
              <td>{model.pipelineTag ?? '—'}</td>
              <td>{model.libraryName ?? '—'}</td>
              <td>{model.license ?? 'not stated'}</td>
              <td>{model.gated === undefined ? '—' : model.gated === false ? 'no' : model.gated}</td>
              <td class="num">{model.downloads !== undefined ? groupNumber(model.downloads) : '—'}</td>
              <td class="num">{model.likes !== undefined ? groupNumber(model.likes) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
