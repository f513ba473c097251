// Explain: the form of `codewhale-route explain` and its answer, the same facts `explain --json` carries.
import { useState } from 'preact/hooks';
import { CAPABILITIES, PREFERENCES, PURPOSE_DEFAULTS, REASONING_LEVELS } from '../capabilities.js';
import { ErrorBox, Loading } from '../components/error-box.js';
import { useApi } from '../components/use-api.js';
import { TESTIDS } from '../testids.js';
import { type ExplainForm, explainParams } from '../query-params.js';
import type { ExplainOutput } from '../types.js';
import { ExplainResult } from './explain-result.js';

/** The Explain page. */
export function ExplainPage() {
  const [form, setForm] = useState<ExplainForm>({
    ref: 'auto',
    purpose: '',
    require: [],
    prefer: '',
    reasoning: '',
    context: '',
  });
  const [state, explain] = useApi<ExplainOutput>('explain');
  const update = (patch: Partial<ExplainForm>) => setForm({ ...form, ...patch });
  return (
    <section aria-labelledby="explain-heading">
      <h1 id="explain-heading">Explain a route</h1>
      <p class="lead">Where a request would go, with which key class, under which limits, at what cost, and why.</p>
      <form
        class="form-grid"
        data-testid={TESTIDS.explainForm}
        onSubmit={(event) => {
          event.preventDefault();
          void explain(explainParams(form));
        }}
      >
        <label>
          <span>
            Route or <code>auto</code>
          </span>
          <input
            name="ref"
            value={form.ref}
            spellcheck={false}
            autocomplete="off"
            placeholder="auto, deepseek-v4-pro, together:openai/gpt-oss-120b"
            onInput={(event) => update({ ref: event.currentTarget.value })}
          />
        </label>
        <label>
          Purpose
          <input
            name="purpose"
            list="explain-purposes"
            value={form.purpose}
            autocomplete="off"
            onInput={(event) => update({ purpose: event.currentTarget.value })}
          />
          <datalist id="explain-purposes">
            {Object.keys(PURPOSE_DEFAULTS).map((purpose) => (
              <option key={purpose} value={purpose} />
            ))}
          </datalist>
        </label>
        <label>
          Prefer
          <select name="prefer" value={form.prefer} onChange={(event) => update({ prefer: event.currentTarget.value })}>
            <option value="">not set</option>
            {PREFERENCES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reasoning
          <select
            name="reasoning"
            value={form.reasoning}
            onChange={(event) => update({ reasoning: event.currentTarget.value })}
          >
            <option value="">not set</option>
            {REASONING_LEVELS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Context (tokens)
          <input
            name="context"
            inputMode="numeric"
            value={form.context}
            onInput={(event) => update({ context: event.currentTarget.value })}
          />
        </label>
        <fieldset>
          <legend>Require</legend>
          {CAPABILITIES.map((name) => (
            <label key={name} class="check">
              <input
                type="checkbox"
                name="require"
                value={name}
                checked={form.require.includes(name)}
                onChange={(event) =>
                  update({
                    require: event.currentTarget.checked
                      ? [...form.require, name]
                      : form.require.filter((item) => item !== name),
                  })
                }
              />
              {name}
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="primary" disabled={state.status === 'loading'}>
            Explain
          </button>
        </div>
      </form>
      {state.status === 'loading' ? <Loading label="Resolving…" /> : null}
      {state.status === 'error' ? <ErrorBox error={state.error} /> : null}
      {state.status === 'ok' ? <ExplainResult explanation={state.data} /> : null}
    </section>
  );
}
