// The serve-plan form and its answer (POST /api/serve-plan = `serve-plan --json`): memory, fit, loopback commands,
// the config table. The lab never writes the config or starts a server.
import { useState } from 'preact/hooks';
import { ErrorBox, Loading } from '../components/error-box.js';
import { useApi } from '../components/use-api.js';
import { groupNumber } from '../format.js';
import { TESTIDS } from '../testids.js';
import type { ServePlanOutput } from '../types.js';

type Plan = ServePlanOutput['plan'];
type ServeFact = Plan['contextTokens'];

const RUNTIMES = ['vllm', 'sglang', 'ollama', 'llama.cpp'] as const;

function FactText({ fact, unit }: { readonly fact: ServeFact; readonly unit: string }) {
  if (!fact.known) return <span class="muted">unknown: {fact.reason}</span>;
  const gib = unit === 'bytes' ? ` (${(fact.value / 1024 ** 3).toFixed(1)} GiB)` : '';
  return (
    <span title={[`Source: ${fact.source}`, fact.formula].filter(Boolean).join('\n')}>
      {groupNumber(fact.value)} {unit}
      {gib}
    </span>
  );
}

/** The serve-plan form for one repository; a GGUF-only repository starts on ollama with its quantisations offered. */
export function ServePlanForm(props: {
  readonly repo: string;
  readonly ggufOnly: boolean;
  readonly quantisations: readonly string[];
}) {
  const { repo } = props;
  const [gpuMem, setGpuMem] = useState('');
  const [runtime, setRuntime] = useState(props.ggufOnly ? 'ollama' : '');
  const [quant, setQuant] = useState('');
  const [context, setContext] = useState('');
  const ggufRuntime = runtime === 'ollama' || runtime === 'llama.cpp';
  const [state, plan] = useApi<ServePlanOutput>('serve-plan');
  return (
    <>
      <h3>Serve it yourself</h3>
      <form
        class="form-grid"
        data-testid={TESTIDS.servePlanForm}
        onSubmit={(event) => {
          event.preventDefault();
          void plan({
            target: repo,
            'gpu-mem': gpuMem.trim(),
            runtime,
            context: context.trim(),
            quant: ggufRuntime ? quant : '',
          });
        }}
      >
        <label>
          GPU memory
          <input value={gpuMem} placeholder="24GiB" onInput={(event) => setGpuMem(event.currentTarget.value)} />
        </label>
        <label>
          Runtime
          <select value={runtime} onChange={(event) => setRuntime(event.currentTarget.value)}>
            <option value="">default (vllm)</option>
            {RUNTIMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {ggufRuntime && props.quantisations.length > 0 ? (
          <label>
            Quantisation
            <select value={quant} onChange={(event) => setQuant(event.currentTarget.value)}>
              <option value="">runtime's choice</option>
              {props.quantisations.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          Context (tokens)
          <input
            value={context}
            inputMode="numeric"
            placeholder="model maximum"
            onInput={(event) => setContext(event.currentTarget.value)}
          />
        </label>
        <div class="actions">
          <button type="submit" class="primary" disabled={state.status === 'loading'}>
            Serve plan
          </button>
        </div>
      </form>
      {state.status === 'loading' ? <Loading label="Planning (reads the repository's config from the Hub)…" /> : null}
      {state.status === 'error' ? <ErrorBox error={state.error} /> : null}
      {state.status === 'ok' ? <PlanView plan={state.data.plan} /> : null}
    </>
  );
}

function PlanView({ plan }: { readonly plan: Plan }) {
  return (
    <div
      class="result"
      data-testid={TESTIDS.servePlan}
      data-runtime={plan.runtime}
      data-fit={plan.fit?.status ?? 'not-asked'}
    >
      <dl class="facts">
        <dt>Runtime</dt>
        <dd>
          {plan.runtime} · serves <code>{plan.servedName}</code> ({plan.repo}@{plan.revision})
        </dd>
        <dt>Context</dt>
        <dd>
          <FactText fact={plan.contextTokens} unit="tokens" /> · {plan.concurrency} at once
        </dd>
        <dt>Weights ({plan.estimate.weights.format})</dt>
        <dd>
          <FactText fact={plan.estimate.weights.bytes} unit="bytes" />
        </dd>
        <dt>KV cache</dt>
        <dd>
          <FactText fact={plan.estimate.kvCache.bytes} unit="bytes" />
        </dd>
        <dt>Overhead</dt>
        <dd>
          <FactText fact={plan.estimate.overhead.bytes} unit="bytes" />
        </dd>
        <dt>Total</dt>
        <dd>
          <FactText fact={plan.estimate.total} unit="bytes" />
        </dd>
        <dt>Fit</dt>
        <dd>
          {plan.fit === undefined
            ? 'give the GPU memory to know'
            : `${plan.fit.status} (${plan.fit.gpus} GPU, ${groupNumber(plan.fit.perGpuBudgetBytes)} bytes each)`}
        </dd>
      </dl>
      <h4>Commands (bound to {plan.commands.bindAddress})</h4>
      <ol>
        {plan.commands.steps.map((step) => (
          <li key={step.command}>
            {step.purpose}
            <pre>
              <code>{step.command}</code>
            </pre>
          </li>
        ))}
      </ol>
      {plan.commands.warnings.length > 0 ? (
        <ul class="messages">
          {plan.commands.warnings.map((warning) => (
            <li key={warning.code} class="message-warning">
              <strong>{warning.code}</strong> {warning.message}
            </li>
          ))}
        </ul>
      ) : null}
      <h4>
        Config for route <code>{plan.config.routeRef}</code>
      </h4>
      <pre>
        <code>{plan.config.toml}</code>
      </pre>
      {plan.notes.length > 0 ? (
        <ul class="muted">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
